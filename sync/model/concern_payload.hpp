#pragma once
// A citizen's concern as a station uploads it (record type "concern"): one writer for the
// kiosk and one validating reader for the county, which fills its typed columns from it (the
// record's text stays as received, for idempotency and audit).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace csync::model {

struct ConcernPayload {
    std::string receipt;   // as shown on the slip, e.g. "3456789AC" (canonicalReceipt reads it)
    std::string category;  // categoryId, "" when none was chosen
    std::string text;      // what the citizen said
    std::string place;
    std::string deputy;   // the roster id of the deputy chosen, "" for any
    std::string takenBy;  // takenById
    std::int64_t createdAtMs = 0;
    std::string status;         // statusId; "" reads as received
    std::string contactSealed;  // base64 of the contact sealed to the county, "" when none
    std::string officer;        // the liaison officer who took it down, "" when none
};

/// A payload that cannot be read, with a reason naming the field (English, for the batch
/// response and the server log).
class PayloadError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// The payload's JSON, fields in the kiosk's order; contact_sealed and officer only when set.
nlohmann::json toJson(const ConcernPayload& p);

/// Reads a concern payload: a receipt is required, every field present must be a string
/// (created_at an integer), status and taken_by must be known ids. Unknown fields are ignored
/// (a newer station may add some). Throws PayloadError.
ConcernPayload concernPayloadFromJson(const nlohmann::json& j);

}  // namespace csync::model
