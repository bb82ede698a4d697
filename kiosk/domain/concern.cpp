#include "kiosk/domain/concern.hpp"

#include <array>
#include <utility>

#include "kiosk/domain/id_table.hpp"
#include "kiosk/domain/text.hpp"

namespace kiosk::domain {
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

constexpr IdTable<InputError, 12> kErrorKeys{{
    {InputError::TextEmpty, "error.text_empty"},
    {InputError::TextTooLong, "error.text_too_long"},
    {InputError::InvalidUtf8, "error.invalid_utf8"},
    {InputError::PlaceTooLong, "error.place_too_long"},
    {InputError::NameTooLong, "error.name_too_long"},
    {InputError::PhoneInvalid, "error.phone_invalid"},
    {InputError::ContactWithoutConsent, "error.contact_without_consent"},
    {InputError::ReasonMissing, "error.reason_missing"},
    {InputError::ReasonTooLong, "error.reason_too_long"},
    {InputError::CheckinCorrected, "error.checkin_corrected"},
    {InputError::CheckinIsCorrection, "error.checkin_is_correction"},
    {InputError::AnswerMissing, "error.answer_missing"},
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

Guidance guidanceFor(Category c) {
    const std::string id(categoryId(c));
    Guidance g{Route::HearAndAnswer, ReferTo::None, "category." + id + ".guidance",
               "category." + id + ".name"};
    switch (c) {
        case Category::PartyOrganisation:
            g.route = Route::Refer;
            g.referTo = ReferTo::PartyOrganisation;
            break;
        case Category::CourtCase:
            g.route = Route::Refer;
            g.referTo = ReferTo::Judiciary;
            break;
        case Category::StatutoryMatter:
            g.route = Route::Refer;
            g.referTo = ReferTo::CompetentOrgan;
            break;
        default:
            break;
    }
    return g;
}

std::string_view dispositionId(Disposition d) {
    return idOf(kDispositions, d);
}
std::optional<Disposition> parseDisposition(std::string_view id) {
    return parseId(kDispositions, id);
}
std::string_view statusId(Status s) {
    return idOf(kStatuses, s);
}
std::optional<Status> parseStatus(std::string_view id) {
    return parseId(kStatuses, id);
}
std::string_view satisfactionId(Satisfaction s) {
    return idOf(kSatisfactions, s);
}
std::optional<Satisfaction> parseSatisfaction(std::string_view id) {
    return parseId(kSatisfactions, id);
}
std::string_view takenById(TakenBy t) {
    return idOf(kTakenBy, t);
}
std::optional<TakenBy> parseTakenBy(std::string_view id) {
    return parseId(kTakenBy, id);
}
std::string_view inputErrorKey(InputError e) {
    return idOf(kErrorKeys, e);
}

bool canTransition(Status from, Status to) {
    if (from == Status::Closed) return false;
    if (from == Status::Answered && to == Status::InProgress) return true;
    return static_cast<int>(to) > static_cast<int>(from);
}

bool dispositionAnswers(Disposition d) {
    return d == Disposition::AnsweredOnSite;
}

bool canRate(Status status, const std::optional<Satisfaction>& existing) {
    return !existing && (status == Status::Answered || status == Status::Closed);
}

std::optional<std::string> normalizePhone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits.push_back(c);
    }
    const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
    const bool landline = digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
    if (mobile || landline) return digits;
    return std::nullopt;
}

std::optional<InputError> validateConcern(const ConcernInput& in) {
    for (const std::string* s : {&in.text, &in.place, &in.contactName, &in.contactPhone})
        if (!isValidUtf8(*s)) return InputError::InvalidUtf8;
    const std::string text = trimSpaces(in.text);
    if (text.empty()) return InputError::TextEmpty;
    if (codePointCount(text) > kMaxConcernChars) return InputError::TextTooLong;
    if (codePointCount(in.place) > kMaxPlaceChars) return InputError::PlaceTooLong;
    const std::string name = trimSpaces(in.contactName);
    const std::string phone = trimSpaces(in.contactPhone);
    if (codePointCount(name) > kMaxNameChars) return InputError::NameTooLong;
    if (!phone.empty() && !normalizePhone(phone)) return InputError::PhoneInvalid;
    if ((!name.empty() || !phone.empty()) && !in.consent) return InputError::ContactWithoutConsent;
    return std::nullopt;
}

}  // namespace kiosk::domain
