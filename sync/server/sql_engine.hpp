#pragma once
// Where the county's SQL sessions come from: one SQLite file or a PostgreSQL database. The county
// store (backend.hpp), the desks and the staff pages are written once on SqlSession; an engine
// only opens sessions, and owns what an engine needs beside them (SQLite's checkpoint thread,
// PostgreSQL's connection pool).
#include <memory>
#include <string>

#include "sync/server/sql.hpp"

namespace csync::server {

class SqlEngine {
public:
    virtual ~SqlEngine() = default;
    /// A session for one request or command; see SqlSession for how long to keep it.
    virtual std::unique_ptr<SqlSession> session() = 0;
    /// The engine behind every session.
    virtual SqlDialect dialect() const = 0;
};

/// One SQLite file (WAL, synchronous=FULL), created when missing. One connection guarded by a
/// mutex: SQLite has a single writer anyway, and every session is short. WAL checkpoints run on
/// a thread of their own (with its own connection), so no request waits for one.
std::unique_ptr<SqlEngine> openSqliteEngine(const std::string& path);

/// A PostgreSQL database by libpq conninfo or URI; each session borrows a pooled connection, so
/// requests from many HTTP worker threads run in parallel. Throws pg::Error when it cannot
/// connect.
std::unique_ptr<SqlEngine> openPostgresEngine(const std::string& conninfo);

}  // namespace csync::server
