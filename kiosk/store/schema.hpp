#pragma once
// Versioned schema of the station database. The version lives in PRAGMA user_version. An
// upgrade runs every pending migration inside one transaction (each a savepoint), so a failing
// migration leaves the file exactly at the version it had: the previous package still opens it.
#include <functional>
#include <string>
#include <vector>

#include "kiosk/store/sqlite.hpp"

namespace kiosk::store {

/// Schema version this build writes.
int latestSchemaVersion();

/// Version recorded in the database (0 for a new file).
int schemaVersion(Database& db);

/// Applies migrations up to `target` (default: latest), all or none. beforeUpgrade(version) runs
/// first, inside the upgrade's write transaction (e.g. to back the file up). Throws
/// StoreError(SchemaTooNew) when the file was written by a newer build and
/// StoreError(MigrationFailed) when a migration fails; either way the file is left untouched.
void migrate(Database& db, int target = -1,
             const std::function<void(int version)>& beforeUpgrade = {});

/// Test hook: migrations appended after the real ones (empty: none), e.g. one that fails.
void setExtraMigrationsForTest(std::vector<std::string> sql);

}  // namespace kiosk::store
