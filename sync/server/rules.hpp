#pragma once
// Rules both storage backends apply alike (so SQLite and PostgreSQL answer the same): which
// record types exist, what a roster import must contain.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include "sync/model/concern_vocabulary.hpp"

namespace csync::server {

/// The statuses a concern may move to `to` from (model::canTransition), as an SQL list of ids:
/// "('received', 'forwarded', 'in_progress')" for answered.
std::string statusesBeforeSql(model::Status to);

/// Whether a station may upload records of this type.
bool knownType(std::string_view type);

/// The string field `name` of j, or "" when absent or not a string.
std::string stringField(const nlohmann::json& j, const char* name);

/// Why a station's record id cannot be stored ("" when it can): 1–64 characters of A–Z a–z 0–9
/// . _ - (ids appear in staff page paths; a "/" or a megabyte id would make a concern unopenable).
std::string recordIdProblem(std::string_view id);

/// The rejection reason of a concern whose receipt code is already another concern's: receipts
/// are unique county-wide (the public /track page and publishing find a concern by it).
std::string receiptTakenReason(std::string_view receipt);

/// Checks a roster import for station (stations refuse a whole config with one bad deputy or
/// slot, so the basics are checked before storing). Throws std::invalid_argument with the reason.
void checkRoster(const std::string& station, const nlohmann::json& config);

}  // namespace csync::server
