#pragma once
// A small RAII layer over the SQLite C API, shared by the station store and the county server's
// SQLite backend: a connection, cached prepared statements, and transactions that roll back
// unless committed. The header keeps <sqlite3.h> out of its includers.
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

namespace platform {

/// An SQLite failure with its primary result code (SQLITE_FULL, SQLITE_CONSTRAINT, ...).
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    /// Primary result code (extended code & 0xff).
    int code() const { return m_code; }

private:
    int m_code;
};

class SqliteDb;

/// How long a connection waits for another's lock before SQLITE_BUSY (set when it opens).
inline constexpr int kDefaultBusyTimeoutMs = 5000;

class SqliteStatement {
public:
    SqliteStatement(SqliteDb& db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    /// Binds an integer to parameter index (from 1).
    SqliteStatement& bind(int index, std::int64_t value);
    /// Binds an int.
    SqliteStatement& bind(int index, int value) {
        return bind(index, static_cast<std::int64_t>(value));
    }
    /// Binds a bool as 0/1.
    SqliteStatement& bind(int index, bool value) {
        return bind(index, static_cast<std::int64_t>(value));
    }
    /// Binds text (copied).
    SqliteStatement& bind(int index, std::string_view text);
    /// Binds text (copied).
    SqliteStatement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    /// Binds text (copied).
    SqliteStatement& bind(int index, const char* text) {
        return bind(index, std::string_view(text));
    }
    /// Binds a blob (copied).
    SqliteStatement& bind(int index, const std::vector<std::uint8_t>& blob);
    /// Binds NULL.
    SqliteStatement& bind(int index, std::nullptr_t);
    /// Binds a value or NULL.
    template <typename T>
    SqliteStatement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    /// Binds every argument in order from parameter 1.
    template <typename... Args>
    SqliteStatement& bindAll(const Args&... args) {
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

    /// Column value as an integer.
    std::int64_t getInt(int column) const;
    /// Column value as text ("" for NULL).
    std::string getText(int column) const;
    /// Column value as a blob.
    std::vector<std::uint8_t> getBlob(int column) const;
    /// Whether the column is NULL.
    bool isNull(int column) const;
    /// Number of columns in the result.
    int columnCount() const;

private:
    SqliteDb& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteDb {
public:
    /// Opens (creating if needed) the file at path. Throws SqliteError.
    explicit SqliteDb(const std::string& path, bool readOnly = false);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    /// A prepared statement for sql, kept for reuse; it comes back reset with no bindings.
    SqliteStatement& cached(const std::string& sql);
    /// First column of the first row as text, or "" when there is no row.
    std::string queryText(std::string_view sql);
    /// First column of the first row as an integer, or 0 when there is no row.
    std::int64_t queryInt(std::string_view sql);
    /// Rows changed by the last statement.
    int changes() const;
    /// The raw connection (for the wrapper's own use).
    sqlite3* handle() const { return m_db; }
    /// Throws SqliteError for a non-OK result code, with context.
    void check(int rc, std::string_view context) const;
    /// Writes a consistent copy of this database to path with SQLite's online backup API (other
    /// connections may keep writing). The file is mode 0600 and appears under its name only when
    /// complete (written as path.partial, then renamed); an existing file is replaced.
    void backupTo(const std::string& path);
    /// Replaces this database's whole content with the database file at path (online backup
    /// API, one write transaction: readers see the old or the new content, never a mix).
    void restoreFrom(const std::string& path);

private:
    sqlite3* m_db = nullptr;
    std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> m_cache;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() returned. Inside an
/// open transaction it nests as a SAVEPOINT, so repository operations compose into one larger
/// transaction (e.g. everything a sync download changes) and still roll back on their own.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDb& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    /// COMMIT; once it returns the data is durable (with synchronous=FULL).
    void commit();

private:
    SqliteDb& m_db;
    bool m_done = false;
    std::string m_savepoint;  // set when nested
};

}  // namespace platform
