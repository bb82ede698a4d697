#pragma once
// Errors the station store reports to its callers (screens, stationctl), by kind, so each
// caller can word them for its user.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/domain/concern.hpp"

namespace kiosk::store {

enum class StoreErrorKind {
    InvalidInput,     // see inputError()
    UnknownDeputy,    // a deputy id that is not in the roster
    NoCountyKey,      // contact data given but the station has no county sealing key
    NotConfigured,    // the station has not been initialised or enrolled
    NotFound,         // no such receipt / record
    NotAllowed,       // a status change or rating the rules forbid
    DiskFull,         // SQLITE_FULL: nothing was written
    SchemaTooNew,     // the file was written by a newer program
    MigrationFailed,  // upgrading the file's schema failed; it was left as it was
    NotStationFile,   // a file given as a station database (restore) is not one
    Io,               // any other storage failure
};

class StoreError : public std::runtime_error {
public:
    StoreError(StoreErrorKind kind, const std::string& what,
               std::optional<domain::InputError> input = std::nullopt)
        : std::runtime_error(what), m_kind(kind), m_input(input) {}
    StoreErrorKind kind() const { return m_kind; }
    std::optional<domain::InputError> inputError() const { return m_input; }

private:
    StoreErrorKind m_kind;
    std::optional<domain::InputError> m_input;
};

/// String-table key of the message for a store error (zh-CN text via kiosk::tr).
inline std::string messageKey(const StoreError& e) {
    using K = StoreErrorKind;
    switch (e.kind()) {
        case K::InvalidInput:
            if (e.inputError()) return std::string(domain::inputErrorKey(*e.inputError()));
            // Input that is not a concern field names its own key (a PIN, an officer's name).
            if (std::string_view(e.what()).starts_with("error.")) return e.what();
            return "error.io";
        case K::UnknownDeputy:
            return "error.unknown_deputy";
        case K::NoCountyKey:
            return "error.no_county_key";
        case K::NotConfigured:
            return "error.not_configured";
        case K::NotFound:
            return "error.not_found";
        case K::NotAllowed:
            return "error.not_allowed";
        case K::DiskFull:
            return "error.disk_full";
        case K::SchemaTooNew:
            return "error.schema_too_new";
        case K::MigrationFailed:
            return "error.migration_failed";
        case K::NotStationFile:
            return "error.not_station_file";
        case K::Io:
            break;
    }
    return "error.io";
}

}  // namespace kiosk::store
