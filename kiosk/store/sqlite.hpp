#pragma once
// The station store's names for the shared SQLite wrapper (platform/sqlite_db.hpp): a
// connection, prepared statements cached per SQL text, and transactions that roll back unless
// committed and nest as savepoints. Only kiosk/store includes this.
#include <cstdint>
#include <vector>

#include "platform/sqlite_db.hpp"

namespace kiosk::store {

using Blob = std::vector<std::uint8_t>;
using SqliteError = platform::SqliteError;
using Statement = platform::SqliteStatement;
using Database = platform::SqliteDb;
using Transaction = platform::SqliteTransaction;

}  // namespace kiosk::store
