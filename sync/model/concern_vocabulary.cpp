#include "sync/model/concern_vocabulary.hpp"

#include "sync/model/id_table.hpp"

namespace csync::model {
namespace {

constexpr IdTable<Category, 11> kCategories{{
    {Category::Economy, "economy"},
    {Category::Livelihood, "livelihood"},
    {Category::Rural, "rural"},
    {Category::Infrastructure, "infrastructure"},
    {Category::Environment, "environment"},
    {Category::PublicService, "public_service"},
    {Category::LivelihoodProject, "livelihood_project"},
    {Category::PartyOrganisation, "party_org"},
    {Category::CourtCase, "court_case"},
    {Category::StatutoryMatter, "statutory_matter"},
    {Category::Other, "other"},
}};

constexpr IdTable<Disposition, 6> kDispositions{{
    {Disposition::Pending, "pending"},
    {Disposition::AnsweredOnSite, "answered_on_site"},
    {Disposition::Referred, "referred"},
    {Disposition::DeputySuggestion, "deputy_suggestion"},
    {Disposition::Inspection, "inspection"},
    {Disposition::Study, "study"},
}};

constexpr IdTable<Status, 5> kStatuses{{
    {Status::Received, "received"},
    {Status::Forwarded, "forwarded"},
    {Status::InProgress, "in_progress"},
    {Status::Answered, "answered"},
    {Status::Closed, "closed"},
}};

constexpr IdTable<Satisfaction, 3> kSatisfactions{{
    {Satisfaction::Satisfied, "satisfied"},
    {Satisfaction::BasicallySatisfied, "basically_satisfied"},
    {Satisfaction::Dissatisfied, "dissatisfied"},
}};

constexpr IdTable<TakenBy, 3> kTakenBy{{
    {TakenBy::Self, "self"},
    {TakenBy::Liaison, "liaison"},
    {TakenBy::Deputy, "deputy"},
}};

}  // namespace

std::string_view categoryId(Category c) {
    return idOf(kCategories, c);
}
std::optional<Category> parseCategory(std::string_view id) {
    return parseId(kCategories, id);
}
const std::vector<Category>& allCategories() {
    static const std::vector<Category> all = valuesOf(kCategories);
    return all;
}

std::string_view dispositionId(Disposition d) {
    return idOf(kDispositions, d);
}
std::optional<Disposition> parseDisposition(std::string_view id) {
    return parseId(kDispositions, id);
}
bool dispositionAnswers(Disposition d) {
    return d == Disposition::AnsweredOnSite;
}

std::string_view statusId(Status s) {
    return idOf(kStatuses, s);
}
std::optional<Status> parseStatus(std::string_view id) {
    return parseId(kStatuses, id);
}

bool canTransition(Status from, Status to) {
    if (from == Status::Closed) return false;
    if (from == Status::Answered && to == Status::InProgress) return true;
    return static_cast<int>(to) > static_cast<int>(from);
}

bool canTransition(std::string_view fromId, std::string_view toId) {
    const auto from = parseStatus(fromId), to = parseStatus(toId);
    return from && to && canTransition(*from, *to);
}

std::vector<Status> statusesBefore(Status to) {
    std::vector<Status> out;
    for (const auto& [s, id] : kStatuses)
        if (canTransition(s, to)) out.push_back(s);
    return out;
}

std::string_view satisfactionId(Satisfaction s) {
    return idOf(kSatisfactions, s);
}
std::optional<Satisfaction> parseSatisfaction(std::string_view id) {
    return parseId(kSatisfactions, id);
}

bool canRate(Status status, const std::optional<Satisfaction>& existing) {
    return !existing && (status == Status::Answered || status == Status::Closed);
}

std::string_view takenById(TakenBy t) {
    return idOf(kTakenBy, t);
}
std::optional<TakenBy> parseTakenBy(std::string_view id) {
    return parseId(kTakenBy, id);
}

}  // namespace csync::model
