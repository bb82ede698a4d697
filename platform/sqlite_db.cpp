// The one SQLite wrapper: the station store and the county server both use it.
#include "platform/sqlite_db.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <sqlite3.h>

namespace platform {

SqliteStatement::SqliteStatement(SqliteDb& db, std::string_view sql) : m_db(db) {
    db.check(sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr),
             sql);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    m_db.check(sqlite3_bind_int64(m_stmt, index, value), "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    m_db.check(sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT),
               "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::vector<std::uint8_t>& blob) {
    m_db.check(sqlite3_bind_blob(m_stmt, index, blob.data(), static_cast<int>(blob.size()),
                                 SQLITE_TRANSIENT),
               "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::nullptr_t) {
    m_db.check(sqlite3_bind_null(m_stmt, index), "bind");
    return *this;
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* sql = sqlite3_sql(m_stmt);
    sqlite3_reset(m_stmt);
    m_db.check(rc, sql ? sql : "step");
    return false;
}

void SqliteStatement::run() {
    while (step()) {
    }
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t SqliteStatement::getInt(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

std::string SqliteStatement::getText(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}

std::vector<std::uint8_t> SqliteStatement::getBlob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(m_stmt, column))
             : std::vector<std::uint8_t>();
}

int SqliteStatement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

SqliteDb::SqliteDb(const std::string& path, bool readOnly) {
    // A new file holds citizens' contacts or keys: 0600 from its first byte (SQLite gives its
    // -wal and -shm files the same mode). Files that exist keep the mode their admin chose.
    const bool creating =
        !readOnly && path != ":memory:" && !path.empty() && access(path.c_str(), F_OK) != 0;
    if (creating) {
        const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) close(fd);
    }
    const int flags =
        readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc & 0xff, "open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Before anything reads the file: a first statement that meets another process's lock
    // waits instead of failing (concurrent stationctl runs failed 8 % of the time without it).
    sqlite3_busy_timeout(m_db, kDefaultBusyTimeoutMs);
}

SqliteDb::~SqliteDb() {
    m_cache.clear();  // statements must be finalised before the connection closes
    sqlite3_close(m_db);
}

void SqliteDb::check(int rc, std::string_view context) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throw SqliteError(rc & 0xff, std::string(context.substr(0, 120)) + ": " + sqlite3_errstr(rc) +
                                     " (" + sqlite3_errmsg(m_db) + ")");
}

void SqliteDb::exec(std::string_view sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc & 0xff, std::string(sql.substr(0, 120)) + ": " + msg);
    }
}

SqliteStatement& SqliteDb::cached(const std::string& sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(sql, std::make_unique<SqliteStatement>(*this, sql)).first;
    it->second->reset();
    return *it->second;
}

std::string SqliteDb::queryText(std::string_view sql) {
    SqliteStatement st(*this, sql);
    return st.step() ? st.getText(0) : std::string();
}

std::int64_t SqliteDb::queryInt(std::string_view sql) {
    SqliteStatement st(*this, sql);
    return st.step() ? st.getInt(0) : 0;
}

int SqliteDb::changes() const {
    return sqlite3_changes(m_db);
}

namespace {

// Copies all of from's main database into to's in one step (-1: a consistent snapshot under one
// read transaction; in WAL mode writers carry on meanwhile). Busy/locked are retried, bounded.
void copyDatabase(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) throw SqliteError(sqlite3_errcode(to) & 0xff, what + ": " + sqlite3_errmsg(to));
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        throw SqliteError(rc & 0xff,
                          what + ": " + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(to) + ")");
}

// fsync of a file or directory; false when it could not be opened or synced.
bool syncPath(const std::string& path, bool directory) {
    const int fd =
        ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

void SqliteDb::backupTo(const std::string& path) {
    namespace fs = std::filesystem;
    const std::string partial = path + ".partial";
    std::error_code ec;
    fs::remove(partial, ec);
    fs::remove(partial + "-journal", ec);
    // Created 0600 before SQLite opens it: backups hold citizens' concerns.
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw SqliteError(SQLITE_CANTOPEN, "backup: cannot create " + partial);
    ::fchmod(fd, 0600);
    ::close(fd);
    try {
        {
            SqliteDb target(partial);
            copyDatabase(m_db, target.handle(), "backup to " + path);
            // One self-contained file (no -wal/-shm appear when it is opened, even read-only).
            target.queryText("PRAGMA journal_mode = DELETE");
        }
        if (!syncPath(partial, false)) throw SqliteError(SQLITE_IOERR, "backup: fsync " + partial);
        fs::rename(partial, path);
    } catch (...) {
        fs::remove(partial, ec);
        fs::remove(partial + "-journal", ec);
        throw;
    }
    const fs::path dir = fs::path(path).parent_path();
    syncPath(dir.empty() ? "." : dir.string(), true);  // the rename itself is durable
}

void SqliteDb::restoreFrom(const std::string& path) {
    SqliteDb source(path, true);
    copyDatabase(source.handle(), m_db, "restore from " + path);
}

SqliteTransaction::SqliteTransaction(SqliteDb& db) : m_db(db) {
    if (sqlite3_get_autocommit(m_db.handle())) {
        m_db.exec("BEGIN IMMEDIATE");
        return;
    }
    static std::atomic<unsigned> counter{0};
    m_savepoint = "nested_" + std::to_string(++counter);
    m_db.exec("SAVEPOINT " + m_savepoint);
}

SqliteTransaction::~SqliteTransaction() {
    if (m_done) return;
    try {
        if (m_savepoint.empty()) {
            m_db.exec("ROLLBACK");
        } else {
            m_db.exec("ROLLBACK TO " + m_savepoint);
            m_db.exec("RELEASE " + m_savepoint);
        }
    } catch (...) {
        // The transaction may already have been rolled back by SQLite (e.g. SQLITE_FULL).
    }
}

void SqliteTransaction::commit() {
    m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
    m_done = true;
}

}  // namespace platform
