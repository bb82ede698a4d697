// The SQLite engine of sql_engine.hpp.
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/sqlite_db.hpp"
#include "sync/server/sql_engine.hpp"

namespace csync::server {
namespace {

using platform::SqliteDb;
using platform::SqliteStatement;

// Prepared statements by their portable text ($1…), found without converting or copying the
// text: ingest runs a statement per record, and the conversion cost ~8 % of it (measured).
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
        return std::hash<std::string_view>{}(text);
    }
};
using StatementCache = std::unordered_map<std::string, SqliteStatement*, TextHash, std::equal_to<>>;

// The shared connection, held under the engine's lock for the session's life.
class SqliteSession final : public SqlSession {
public:
    SqliteSession(std::mutex& mutex, SqliteDb& db, StatementCache& cache)
        : m_lock(mutex), m_db(db), m_cache(cache) {}
    ~SqliteSession() override {
        try {
            rollback();
        } catch (...) {
        }
    }

    SqlDialect dialect() const override { return SqlDialect::Sqlite; }

    std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        auto& st = prepare(sql, params);
        std::vector<SqlRow> rows;
        const int n = st.columnCount();
        while (st.step()) {
            // getText reads a BLOB's bytes as they are, so SqlRow::bytes works on both.
            std::vector<std::string> values(n);
            std::vector<bool> nulls(n);
            for (int i = 0; i < n; ++i) {
                nulls[i] = st.isNull(i);
                if (!nulls[i]) values[i] = st.getText(i);
            }
            rows.emplace_back(std::move(values), std::move(nulls));
        }
        st.reset();
        return rows;
    }
    std::int64_t exec(std::string_view sql, const std::vector<SqlValue>& params) override {
        prepare(sql, params).run();
        return m_db.changes();
    }
    void begin(TxMode mode) override {
        if (mode == TxMode::Unsynced) {
            // The commit is written to the WAL but not synced; the next durable commit syncs
            // it (measured on batches: one fsync per request instead of two, ingest +15 %).
            m_db.exec("PRAGMA synchronous=NORMAL");
            m_unsynced = true;
        }
        // Snapshot: the engine's lock already keeps every other session out.
        m_db.exec(mode == TxMode::Snapshot ? "BEGIN" : "BEGIN IMMEDIATE");
        m_inTx = true;
    }
    void commit() override {
        m_db.exec("COMMIT");
        m_inTx = false;
        restoreSync();
    }
    void rollback() override {
        if (m_inTx) {
            m_inTx = false;
            m_db.exec("ROLLBACK");
        }
        restoreSync();
    }

private:
    void restoreSync() {
        if (!m_unsynced) return;
        m_unsynced = false;
        m_db.exec("PRAGMA synchronous=FULL");
    }

    SqliteStatement& prepare(std::string_view sql, const std::vector<SqlValue>& params) {
        auto it = m_cache.find(sql);
        if (it == m_cache.end())
            it = m_cache.emplace(std::string(sql), &m_db.cached(sqliteParameters(sql))).first;
        SqliteStatement& st = *it->second;
        st.reset();
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            std::visit([&](const auto& value) { st.bind(index, value); }, params[i]);
        }
        return st;
    }

    std::unique_lock<std::mutex> m_lock;
    SqliteDb& m_db;
    StatementCache& m_cache;
    bool m_inTx = false;
    bool m_unsynced = false;
};

class SqliteEngine final : public SqlEngine {
public:
    explicit SqliteEngine(const std::string& path) : m_db(path) {
        m_db.exec("PRAGMA journal_mode=WAL");
        m_db.exec("PRAGMA synchronous=FULL");
        m_db.exec("PRAGMA foreign_keys=ON");
        m_db.exec("PRAGMA busy_timeout=5000");
        // Checkpoints (copying the WAL into the database and syncing it) leave the request
        // path: measured, they made batches wait ~30 % of the ingest time.
        m_db.exec("PRAGMA wal_autocheckpoint=0");
        m_checkpointer = std::thread([this, path] { checkpointLoop(path); });
    }
    ~SqliteEngine() override {
        {
            std::lock_guard lock(m_stopMutex);
            m_stop = true;
        }
        m_stopCv.notify_all();
        if (m_checkpointer.joinable()) m_checkpointer.join();
    }

    std::unique_ptr<SqlSession> session() override {
        return std::make_unique<SqliteSession>(m_mutex, m_db, m_statements);
    }
    SqlDialect dialect() const override { return SqlDialect::Sqlite; }

private:
    void checkpointLoop(const std::string& path) {
        // Stop signals belong to the server's watcher thread; this thread started before the
        // server blocked them, so it blocks them itself (else SIGTERM would end the process
        // right here).
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);
        try {
            SqliteDb db(path);
            db.exec("PRAGMA busy_timeout=5000");
            std::unique_lock lock(m_stopMutex);
            while (!m_stop) {
                m_stopCv.wait_for(lock, std::chrono::milliseconds(500), [&] { return m_stop; });
                lock.unlock();
                // PASSIVE never blocks writers; what it cannot copy now it copies next time.
                db.exec("PRAGMA wal_checkpoint(PASSIVE)");
                lock.lock();
            }
            lock.unlock();
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // leave a small WAL behind
        } catch (const std::exception&) {
            // The database went away (e.g. a failed open): the writer reports that itself.
        }
    }

    std::mutex m_mutex;
    SqliteDb m_db;
    StatementCache m_statements;  // under m_mutex, like m_db
    std::mutex m_stopMutex;
    std::condition_variable m_stopCv;
    bool m_stop = false;
    std::thread m_checkpointer;
};

}  // namespace

std::unique_ptr<SqlEngine> openSqliteEngine(const std::string& path) {
    return std::make_unique<SqliteEngine>(path);
}

}  // namespace csync::server
