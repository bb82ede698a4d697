// The PostgreSQL engine of sql_engine.hpp (libpq through pg.hpp).
#include "sync/server/pg.hpp"
#include "sync/server/sql_engine.hpp"

namespace csync::server {
namespace {

// Connections kept per server process; the HTTP workers beyond this wait for a free one.
constexpr std::size_t kPoolSize = 16;

// A pooled connection for the session's life.
class PostgresSession final : public SqlSession {
public:
    explicit PostgresSession(pg::Pool& pool) : m_conn(pool.acquire()) {}
    ~PostgresSession() override {
        // A connection left inside a transaction is closed by the pool, never reused.
        if (m_inTx) try {
                m_conn->exec("ROLLBACK");
            } catch (...) {
            }
    }

    SqlDialect dialect() const override { return SqlDialect::Postgres; }

    std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        const pg::Result r = m_conn->exec(sql, toParams(params));
        std::vector<SqlRow> rows;
        rows.reserve(r.rows());
        const int n = r.columns();
        std::vector<bool> bytea(n);
        for (int i = 0; i < n; ++i) bytea[i] = r.isBytes(i);
        for (int row = 0; row < r.rows(); ++row) {
            std::vector<std::string> values(n);
            std::vector<bool> nulls(n);
            for (int i = 0; i < n; ++i) {
                nulls[i] = r.isNull(row, i);
                if (bytea[i]) {
                    // Raw bytes, as SQLite gives a BLOB, so SqlRow::bytes works on both.
                    const auto raw = r.bytes(row, i);
                    values[i].assign(raw.begin(), raw.end());
                } else {
                    values[i] = r.text(row, i);
                }
            }
            rows.emplace_back(std::move(values), std::move(nulls));
        }
        return rows;
    }
    std::int64_t exec(std::string_view sql, const std::vector<SqlValue>& params) override {
        return m_conn->exec(sql, toParams(params)).affected();
    }
    void begin(TxMode mode) override {
        m_conn->exec(mode == TxMode::Snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                              : "BEGIN");
        m_inTx = true;
        // The commit returns before its WAL record is flushed; the next synchronous commit
        // flushes it (the same trade as SQLite's synchronous=NORMAL for this transaction).
        if (mode == TxMode::Unsynced) m_conn->exec("SET LOCAL synchronous_commit TO OFF");
    }
    void commit() override {
        m_conn->exec("COMMIT");
        m_inTx = false;
    }
    void rollback() override {
        if (!m_inTx) return;
        m_inTx = false;
        m_conn->exec("ROLLBACK");
    }

private:
    static std::vector<pg::Param> toParams(const std::vector<SqlValue>& params) {
        std::vector<pg::Param> out;
        out.reserve(params.size());
        for (const auto& p : params)
            std::visit([&](const auto& value) { out.emplace_back(value); }, p);
        return out;
    }

    pg::Pool::Lease m_conn;
    bool m_inTx = false;
};

class PostgresEngine final : public SqlEngine {
public:
    explicit PostgresEngine(const std::string& conninfo) : m_pool(conninfo, kPoolSize) {
        m_pool.acquire();  // fails now, with libpq's reason, when the database is unreachable
    }
    std::unique_ptr<SqlSession> session() override {
        return std::make_unique<PostgresSession>(m_pool);
    }
    SqlDialect dialect() const override { return SqlDialect::Postgres; }

private:
    pg::Pool m_pool;
};

}  // namespace

std::unique_ptr<SqlEngine> openPostgresEngine(const std::string& conninfo) {
    return std::make_unique<PostgresEngine>(conninfo);
}

}  // namespace csync::server
