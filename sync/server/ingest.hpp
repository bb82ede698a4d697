#pragma once
// Storing a station's batch: set-based, a few statements per batch rather than four per record,
// with the outcome of each record exactly as if they were stored one after another (a record id
// or receipt met earlier in the same batch counts as stored).
#include <cstdint>

#include "sync/protocol/messages.hpp"
#include "sync/server/sql.hpp"

namespace csync::server {

/// Stores batch inside the caller's transaction and says what happened to each record. Throws a
/// retryable SqlError when a concurrent writer stored one of its ids in between (run the
/// transaction again).
BatchResponse ingestBatch(SqlSession& sql, const BatchRequest& batch, std::int64_t nowMs);

}  // namespace csync::server
