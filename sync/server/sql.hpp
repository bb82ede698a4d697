#pragma once
// Plain SQL on the county database for the staff pages, written once for both backends. The
// statements use the common dialect of SQLite and PostgreSQL: TEXT and BIGINT columns, $1, $2…
// placeholders (values never go into SQL text), ON CONFLICT upserts, no date functions (times
// are milliseconds since the epoch; months are computed in C++).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace csync::server {

/// A parameter value: text or a 64-bit integer (portable statements never bind NULL).
using SqlValue = std::variant<std::int64_t, std::string>;

/// One result row; NULL reads as "" or 0.
class SqlRow {
public:
    explicit SqlRow(std::vector<std::string> values, std::vector<bool> nulls)
        : m_values(std::move(values)), m_nulls(std::move(nulls)) {}
    /// Column i as text.
    const std::string& text(std::size_t i) const { return m_values.at(i); }
    /// Column i as an integer (0 for NULL or non-numeric text).
    std::int64_t integer(std::size_t i) const;
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
    virtual void begin() = 0;
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
    explicit SqlTransaction(SqlSession& session) : m_session(session) { m_session.begin(); }
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

}  // namespace csync::server
