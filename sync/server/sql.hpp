#pragma once
// Plain SQL on the county database, written once for SQLite and PostgreSQL: the county store
// (backend.hpp), the desks and the staff pages all use it. The statements use the common
// dialect of both engines: TEXT, BIGINT and bytes columns, $1, $2… placeholders (values never go
// into SQL text), ON CONFLICT upserts, no date functions (times are milliseconds since the
// epoch; months are computed in C++). The few things that truly differ are the session's
// transaction modes and the helpers at the end of this file.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace csync::server {

/// A parameter value: text, a 64-bit integer or bytes (portable statements never bind NULL).
using SqlValue = std::variant<std::int64_t, std::string, std::vector<std::uint8_t>>;

/// A failed statement; retryable() when running the whole transaction again may succeed (a
/// deadlock or serialisation failure between concurrent writers).
class SqlError : public std::runtime_error {
public:
    SqlError(const std::string& what, bool retryable)
        : std::runtime_error(what), m_retryable(retryable) {}
    /// Whether the transaction may simply be run again.
    bool retryable() const { return m_retryable; }

private:
    bool m_retryable;
};

/// One result row; NULL reads as "" or 0.
class SqlRow {
public:
    explicit SqlRow(std::vector<std::string> values, std::vector<bool> nulls)
        : m_values(std::move(values)), m_nulls(std::move(nulls)) {}
    /// Column i as text.
    const std::string& text(std::size_t i) const { return m_values.at(i); }
    /// Column i as an integer (0 for NULL or non-numeric text).
    std::int64_t integer(std::size_t i) const;
    /// Column i as bytes (a BLOB or bytea column; empty for NULL).
    std::vector<std::uint8_t> bytes(std::size_t i) const {
        const std::string& v = m_values.at(i);
        return {v.begin(), v.end()};
    }
    /// Whether column i is NULL.
    bool isNull(std::size_t i) const { return m_nulls.at(i); }
    /// Number of columns.
    std::size_t size() const { return m_values.size(); }

private:
    std::vector<std::string> m_values;
    std::vector<bool> m_nulls;
};

/// Which engine a session talks to, for the few statements that truly differ.
enum class SqlDialect { Sqlite, Postgres };

/// How a transaction begins.
enum class TxMode {
    Write,     // reads and writes; writers to the same rows take turns
    Snapshot,  // read only, every statement sees one consistent state
    Unsynced,  // a write whose commit need not reach the disk before returning: for rows
               // the next durable commit may carry (a crash loses at most this transaction)
};

/// One connection for the length of a request (the SQLite one holds the backend's lock, so keep
/// sessions short and never open two at once on one thread).
class SqlSession {
public:
    virtual ~SqlSession() = default;
    /// Runs a statement and returns its rows.
    virtual std::vector<SqlRow> query(std::string_view sql,
                                      const std::vector<SqlValue>& params = {}) = 0;
    /// Runs a statement; returns the rows it changed.
    virtual std::int64_t exec(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    /// Starts a transaction (not nested).
    virtual void begin(TxMode mode = TxMode::Write) = 0;
    /// Commits the transaction begun last.
    virtual void commit() = 0;
    /// Rolls back the transaction begun last (no-op outside one).
    virtual void rollback() = 0;
    /// The engine behind this session.
    virtual SqlDialect dialect() const = 0;
};

/// A transaction on a session that rolls back unless committed.
class SqlTransaction {
public:
    explicit SqlTransaction(SqlSession& session, TxMode mode = TxMode::Write) : m_session(session) {
        m_session.begin(mode);
    }
    ~SqlTransaction() {
        if (!m_done) try {
                m_session.rollback();
            } catch (...) {
            }
    }
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;
    /// Commits.
    void commit() {
        m_session.commit();
        m_done = true;
    }

private:
    SqlSession& m_session;
    bool m_done = false;
};

/// Rewrites $1, $2… into SQLite's ?1, ?2… (outside quoted literals).
std::string sqliteParameters(std::string_view sql);

/// Makes the other writers of table wait for this transaction's end (PostgreSQL hands out
/// identity values before commit; SQLite has one writer at a time anyway). Readers go on.
void serialiseWriters(SqlSession& sql, std::string_view table);

/// The collation clause that orders text byte by byte whatever the database's locale.
std::string_view byteOrder(SqlDialect dialect);

}  // namespace csync::server
