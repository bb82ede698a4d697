#pragma once
// Versioned schema of the station database. The version lives in PRAGMA user_version; each
// migration runs in its own transaction, so a failed one leaves the previous version intact.
#include "kiosk/store/sqlite.hpp"

namespace kiosk::store {

/// Schema version this build writes.
int latestSchemaVersion();

/// Version recorded in the database (0 for a new file).
int schemaVersion(Database& db);

/// Applies migrations up to `target` (default: latest). Throws StoreError(SchemaTooNew) when the
/// file was written by a newer build, leaving the file untouched.
void migrate(Database& db, int target = -1);

}  // namespace kiosk::store
