#pragma once
// The county database's schema: one numbered list of migrations for every table (sync, office,
// enrollment codes), in the dialect of each engine where they differ. A database is brought up
// to date in one transaction when it is opened; a failed step leaves it as it was.
#include "sync/server/sql.hpp"

namespace csync::server {

/// The schema version this build writes (SQLite: PRAGMA user_version; PostgreSQL: the
/// schema_version table).
inline constexpr int kCountySchemaVersion = 4;

/// Creates the schema in an empty database (only when create) or upgrades an older one to
/// kCountySchemaVersion. Throws BackendError for a database without the schema when !create,
/// one written by a newer build, or a failed migration (naming the step; nothing is changed).
void migrateCounty(SqlSession& sql, bool create);

/// The schema version of the database behind sql (0 when it has none).
int countySchemaVersion(SqlSession& sql);

}  // namespace csync::server
