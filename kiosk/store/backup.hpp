#pragma once
// Backups of the station database while the kiosk runs (SQLite online backup API), and restoring
// one: the file is checked first, and the current database is kept beside it.
#include <cstdint>
#include <string>

#include "platform/clock.hpp"

namespace kiosk::store {

/// What a station database file holds, as far as a restore needs to know.
struct StationFileInfo {
    int schemaVersion = 0;
    std::int64_t concerns = 0;
    std::int64_t checkins = 0;
    std::int64_t ledger = 0;
    std::string stationName;  // empty before init
};

/// Writes a consistent copy of the database at dbPath to file (0600, replaced when it exists).
/// Does not migrate dbPath. Throws StoreError (NotStationFile when file is dbPath itself).
StationFileInfo backupStation(const std::string& dbPath, const std::string& file);

/// Checks that file is a healthy station database this program can open; throws
/// StoreError(NotStationFile) with the reason, or StoreError(SchemaTooNew).
StationFileInfo inspectStationFile(const std::string& file);

struct RestoreResult {
    StationFileInfo restored;
    std::string keptCopy;  // where the database as it was before the restore now is ("" if none)
};

/// Replaces the database at dbPath with the station database in file, after checking file and
/// keeping the current database as "<dbPath>.before-restore-<YYYYMMDD-HHMMSS>". The restored
/// file is not migrated here (opening it does that, with its own backup).
RestoreResult restoreStation(const std::string& dbPath, const std::string& file,
                             const platform::Clock& clock);

}  // namespace kiosk::store
