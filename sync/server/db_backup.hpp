#pragma once
// county-server backup and restore of its database: SQLite through the online backup API
// (platform/sqlite_db), PostgreSQL through pg_dump/pg_restore (custom format) with the same
// connection URI. Backups are written 0600; a restore checks the file first and keeps the
// current data beside it.
#include <cstdint>
#include <string>
#include <string_view>

namespace csync::server {

/// Writes a backup of the database at url (sqlite:PATH or postgresql://…) to file; returns a
/// one-line summary. Throws std::runtime_error with a Chinese message.
std::string backupDatabase(std::string_view url, const std::string& file);

/// Replaces the database at url with the backup in file, after checking that it is a county
/// database and saving the current data (SQLite: "<PATH>.before-restore-<stamp>"; PostgreSQL: a
/// dump "county-before-restore-<stamp>.dump" beside file). Returns where it was kept.
std::string restoreDatabase(std::string_view url, const std::string& file, std::int64_t nowMs);

}  // namespace csync::server
