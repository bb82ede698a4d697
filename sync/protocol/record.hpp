#pragma once
// The unit of upload (DESIGN.md §4): {id, type, created_at, payload}. The id is the idempotency
// key; the payload is frozen as canonical JSON text when the record is queued.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace csync {

/// Record types a station uploads.
namespace record_type {
inline constexpr std::string_view Concern = "concern";
inline constexpr std::string_view ConcernUpdate = "concern_update";
inline constexpr std::string_view Checkin = "checkin";
inline constexpr std::string_view Ledger = "ledger";
}  // namespace record_type

/// The payload field naming the liaison officer (联络员) who recorded it at the station, on
/// concerns taken for a citizen, dispositions, staff check-ins and ledger entries; absent when
/// nobody logged in by name (the station's shared PIN) or a citizen recorded it.
inline constexpr const char* kOfficerField = "officer";

/// The payload field of a concern_update by which a station reports a county update it could not
/// apply: {"cursor", "status", "station_status", "why"}; why is one of the kRefused… ids.
inline constexpr const char* kRefusedField = "refused_update";
inline constexpr std::string_view kRefusedNotFound = "not_found";            // no such concern
inline constexpr std::string_view kRefusedTransition = "transition";         // status cannot go so
inline constexpr std::string_view kRefusedUnknownStatus = "unknown_status";  // older kiosk

struct Record {
    std::string id;                // record uuid, the idempotency key
    std::string type;              // one of record_type
    std::int64_t createdAtMs = 0;  // when the station made it (station clock, UTC ms)
    std::string payload;           // canonical JSON object text, never re-serialised after queueing
};

/// Canonical text of a payload object: sorted keys, no spaces, UTF-8 kept as is.
std::string canonicalJson(const nlohmann::json& payload);

/// The record as its wire JSON object (payload embedded as an object).
nlohmann::json toJson(const Record& record);

/// Parses a wire record; throws std::invalid_argument with the field at fault on bad input.
Record recordFromJson(const nlohmann::json& json);

}  // namespace csync
