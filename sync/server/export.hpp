#pragma once
// Staff exports of what stations uploaded. Contact data sealed at the kiosk is opened here with
// the county's key, and only here: it is written to the export, never logged.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sync/server/backend.hpp"

namespace csync::server {

/// The record type an export kind ("concerns", "checkins") covers; empty if unknown.
std::string_view exportRecordType(std::string_view kind);

/// Received records of a kind as a JSON array: id, station, received_at and the payload's
/// fields; concerns carry contact_name/contact_phone instead of contact_sealed.
nlohmann::json exportJson(Backend& backend, std::string_view kind);

/// The same rows as CSV for spreadsheets: UTF-8 with BOM, CRLF, a header row.
std::string exportCsv(Backend& backend, std::string_view kind);

}  // namespace csync::server
