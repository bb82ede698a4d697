#pragma once
// A small RAII layer over libpq for the PostgreSQL backend: a connection, results, transactions
// that roll back unless committed, and a pool shared by the HTTP worker threads. Values always
// travel as text parameters ($1, $2…), never inside SQL text. The header keeps <libpq-fe.h> out
// of its includers.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/crypto.hpp"
#include "sync/server/sql.hpp"

struct pg_conn;
struct pg_result;

namespace csync::server::pg {

/// A failed connection or statement, with its SQLSTATE ("" when the server sent none).
class Error : public SqlError {
public:
    // Retryable: a serialisation failure or a deadlock.
    Error(const std::string& what, std::string sqlState)
        : SqlError(what, sqlState == "40001" || sqlState == "40P01"),
          m_sqlState(std::move(sqlState)) {}
    /// Five-character SQLSTATE, e.g. 40P01 for a deadlock.
    const std::string& sqlState() const { return m_sqlState; }

private:
    std::string m_sqlState;
};

/// The rows of one statement, read as text.
class Result {
public:
    explicit Result(pg_result* result) : m_result(result) {}
    ~Result();
    Result(Result&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result& operator=(Result&&) = delete;

    /// Number of rows returned.
    int rows() const;
    /// Number of columns in each row.
    int columns() const;
    /// Rows inserted, updated or deleted by the statement.
    std::int64_t affected() const;
    /// Whether a value is SQL NULL.
    bool isNull(int row, int col) const;
    /// A value as text ("" for NULL).
    std::string text(int row, int col) const;
    /// A value as a 64-bit integer.
    std::int64_t integer(int row, int col) const;
    /// A bytea value (hex output format); empty for NULL.
    platform::Bytes bytes(int row, int col) const;
    /// Whether a column is of type bytea.
    bool isBytes(int col) const;

private:
    pg_result* m_result;
};

/// One text parameter; bytes become bytea hex input ("\x…").
class Param {
public:
    Param(std::string_view text);
    Param(const std::string& text) : Param(std::string_view(text)) {}
    Param(const char* text) : Param(std::string_view(text)) {}
    Param(std::int64_t value) : m_text(std::to_string(value)) {}
    Param(int value) : m_text(std::to_string(value)) {}
    Param(const platform::Bytes& bytes);
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

class Connection {
public:
    /// Connects with a libpq conninfo string or URI; throws Error on failure.
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one statement with text parameters; throws Error when it fails.
    Result exec(std::string_view sql, const std::vector<Param>& params = {});
    /// Runs several statements without parameters (schema scripts).
    void script(const char* sql);
    /// Whether the connection is usable and outside any transaction.
    bool idle() const;

private:
    pg_conn* m_conn;
};

/// A transaction that rolls back unless commit() was called.
class Transaction {
public:
    /// Begins with the given statement, e.g. "BEGIN ISOLATION LEVEL REPEATABLE READ".
    explicit Transaction(Connection& conn, const char* begin = "BEGIN");
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// Commits; throws Error when the server refuses.
    void commit();

private:
    Connection& m_conn;
    bool m_done = false;
};

/// Connections opened on demand up to a limit and handed to one thread at a time.
class Pool {
public:
    class Lease {
    public:
        Lease(Pool& pool, std::unique_ptr<Connection> conn)
            : m_pool(pool), m_conn(std::move(conn)) {}
        ~Lease() { m_pool.release(std::move(m_conn)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Connection& operator*() { return *m_conn; }
        Connection* operator->() { return m_conn.get(); }

    private:
        Pool& m_pool;
        std::unique_ptr<Connection> m_conn;
    };

    /// A pool on conninfo holding at most maxSize connections.
    Pool(std::string conninfo, std::size_t maxSize);
    /// A connection for this thread, opening one if none is idle (waits when maxSize are busy).
    Lease acquire();

private:
    void release(std::unique_ptr<Connection> conn);

    std::string m_conninfo;
    std::size_t m_maxSize;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<std::unique_ptr<Connection>> m_idle;
    std::size_t m_open = 0;
};

}  // namespace csync::server::pg
