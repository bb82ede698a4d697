#pragma once
// Minimal RAII layer over the SQLite C API: a connection, prepared statements (cached per SQL
// text), and transactions that roll back unless committed. Only kiosk/store includes this.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

using Blob = std::vector<std::uint8_t>;

/// An SQLite failure with its primary result code (SQLITE_FULL, SQLITE_CORRUPT, ...).
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }  // primary result code (extended code & 0xff)

private:
    int m_code;
};

class Database;

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const Blob& blob);
    Statement& bind(int index, std::nullptr_t);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    /// Binds every argument in order from parameter 1.
    template <typename... Args>
    Statement& bindAll(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    /// Advances; true when a row is available, false when done. Throws SqliteError.
    bool step();
    /// Runs to completion (for statements that return no rows).
    void run();
    /// Resets and clears bindings so the statement can run again.
    void reset();

    std::int64_t getInt(int column) const;
    std::string getText(int column) const;
    Blob getBlob(int column) const;
    bool isNull(int column) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    /// Opens (creating if needed) the file at path. Throws SqliteError.
    explicit Database(const std::string& path, bool readOnly = false);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    /// A prepared statement for sql, kept for reuse; it comes back reset with no bindings.
    Statement& cached(const std::string& sql);
    /// First column of the first row as text (e.g. a PRAGMA), or "" when there is no row.
    std::string queryText(std::string_view sql);
    /// First column of the first row as an integer, or 0 when there is no row.
    std::int64_t queryInt(std::string_view sql);
    /// Rows changed by the last statement.
    int changes() const;
    sqlite3* handle() const { return m_db; }
    /// Throws SqliteError for a non-OK result code, with context.
    void check(int rc, std::string_view context) const;

private:
    sqlite3* m_db = nullptr;
    std::map<std::string, std::unique_ptr<Statement>, std::less<>> m_cache;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() returned. Inside an
/// open transaction it nests as a SAVEPOINT, so repository operations compose into one larger
/// transaction (e.g. everything a sync download changes) and still roll back on their own.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// COMMIT; once it returns the data is durable (synchronous=FULL).
    void commit();

private:
    Database& m_db;
    bool m_done = false;
    std::string m_savepoint;  // set when nested
};

}  // namespace kiosk::store
