#include "sync/model/concern_payload.hpp"

#include "sync/model/concern_vocabulary.hpp"
#include "sync/protocol/record.hpp"

namespace csync::model {
namespace {

std::string text(const nlohmann::json& j, const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string())
        throw PayloadError(std::string("concern payload: ") + name + " must be a string");
    return it->get<std::string>();
}

}  // namespace

nlohmann::json toJson(const ConcernPayload& p) {
    nlohmann::json j{{"receipt", p.receipt},
                     {"category", p.category},
                     {"text", p.text},
                     {"place", p.place},
                     {"deputy", p.deputy},
                     {"taken_by", p.takenBy},
                     {"created_at", p.createdAtMs},
                     {"status", p.status}};
    if (!p.contactSealed.empty()) j["contact_sealed"] = p.contactSealed;
    if (!p.officer.empty()) j[kOfficerField] = p.officer;
    return j;
}

ConcernPayload concernPayloadFromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw PayloadError("concern payload must be a JSON object");
    ConcernPayload p;
    p.receipt = text(j, "receipt");
    // The message stations have long been sent for this; keep it.
    if (p.receipt.empty()) throw PayloadError("concern payload needs a receipt");
    p.category = text(j, "category");
    p.text = text(j, "text");
    p.place = text(j, "place");
    p.deputy = text(j, "deputy");
    p.takenBy = text(j, "taken_by");
    if (!p.takenBy.empty() && !parseTakenBy(p.takenBy))
        throw PayloadError("concern payload: taken_by \"" + p.takenBy + "\" is not known");
    p.status = text(j, "status");
    if (!p.status.empty() && !parseStatus(p.status))
        throw PayloadError("concern payload: status \"" + p.status + "\" is not known");
    if (const auto it = j.find("created_at"); it != j.end() && !it->is_null()) {
        if (!it->is_number_integer())
            throw PayloadError("concern payload: created_at must be an integer");
        p.createdAtMs = it->get<std::int64_t>();
    }
    p.contactSealed = text(j, "contact_sealed");
    p.officer = text(j, kOfficerField);
    return p;
}

}  // namespace csync::model
