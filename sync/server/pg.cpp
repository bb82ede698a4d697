#include "sync/server/pg.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace csync::server::pg {
namespace {

// libpq prints NOTICEs to stderr by default; the server's log is for its own lines.
void ignoreNotice(void*, const char*) {}

std::string trimmed(const char* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

Result::~Result() {
    if (m_result) PQclear(m_result);
}

int Result::rows() const {
    return PQntuples(m_result);
}

int Result::columns() const {
    return PQnfields(m_result);
}

std::int64_t Result::affected() const {
    const char* n = PQcmdTuples(m_result);
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool Result::isBytes(int col) const {
    constexpr Oid kByteaOid = 17;  // pg_type.oid of bytea, fixed since PostgreSQL 7
    return PQftype(m_result, col) == kByteaOid;
}

bool Result::isNull(int row, int col) const {
    return PQgetisnull(m_result, row, col) != 0;
}

std::string Result::text(int row, int col) const {
    return std::string(PQgetvalue(m_result, row, col),
                       static_cast<std::size_t>(PQgetlength(m_result, row, col)));
}

std::int64_t Result::integer(int row, int col) const {
    return std::strtoll(PQgetvalue(m_result, row, col), nullptr, 10);
}

platform::Bytes Result::bytes(int row, int col) const {
    if (isNull(row, col)) return {};
    const std::string hex = text(row, col);
    if (!hex.starts_with("\\x")) throw Error("bytea value is not in hex format", "");
    auto bytes = platform::fromHex(hex.substr(2));
    if (!bytes) throw Error("bytea value is not valid hex", "");
    return std::move(*bytes);
}

Param::Param(std::string_view text) : m_text(text) {
    // Text parameters end at the first NUL: refuse rather than store a truncated value.
    if (m_text.find('\0') != std::string::npos)
        throw Error("a text value contains a NUL character", "22021");
}

Param::Param(const platform::Bytes& bytes) : m_text("\\x" + platform::toHex(bytes)) {}

Connection::Connection(const std::string& conninfo) : m_conn(PQconnectdb(conninfo.c_str())) {
    if (!m_conn) throw Error("cannot connect to PostgreSQL: out of memory", "");
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string why = trimmed(PQerrorMessage(m_conn));
        PQfinish(m_conn);
        throw Error("cannot connect to PostgreSQL: " + why, "08001");
    }
    PQsetNoticeProcessor(m_conn, ignoreNotice, nullptr);
    // Text results are parsed as UTF-8 and bytea as hex, whatever the server's defaults.
    script("SET client_encoding TO 'UTF8'; SET bytea_output TO 'hex'");
}

Connection::~Connection() {
    PQfinish(m_conn);
}

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.text().c_str());
    const std::string statement(sql);
    PGresult* raw = PQexecParams(m_conn, statement.c_str(), static_cast<int>(values.size()),
                                 nullptr, values.data(), nullptr, nullptr, 0);
    Result r(raw);  // owns raw from here, also when throwing below
    const auto status = PQresultStatus(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
        throw Error(trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(m_conn)),
                    state ? state : "");
    }
    return r;
}

void Connection::script(const char* sql) {
    PGresult* r = PQexec(m_conn, sql);
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        Error e(trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn)), state ? state : "");
        PQclear(r);
        throw e;
    }
    PQclear(r);
}

bool Connection::idle() const {
    return PQstatus(m_conn) == CONNECTION_OK && PQtransactionStatus(m_conn) == PQTRANS_IDLE;
}

Transaction::Transaction(Connection& conn, const char* begin) : m_conn(conn) {
    m_conn.script(begin);
}

Transaction::~Transaction() {
    if (m_done) return;
    try {
        m_conn.script("ROLLBACK");
    } catch (...) {
        // A broken connection: the pool drops it (it is not idle), the server rolls back.
    }
}

void Transaction::commit() {
    m_done = true;
    m_conn.script("COMMIT");
}

Pool::Pool(std::string conninfo, std::size_t maxSize)
    : m_conninfo(std::move(conninfo)), m_maxSize(maxSize) {}

Pool::Lease Pool::acquire() {
    std::unique_lock lock(m_mutex);
    m_freed.wait(lock, [&] { return !m_idle.empty() || m_open < m_maxSize; });
    if (!m_idle.empty()) {
        auto conn = std::move(m_idle.back());
        m_idle.pop_back();
        return Lease(*this, std::move(conn));
    }
    ++m_open;
    lock.unlock();
    try {
        return Lease(*this, std::make_unique<Connection>(m_conninfo));
    } catch (...) {
        lock.lock();
        --m_open;
        m_freed.notify_one();
        throw;
    }
}

void Pool::release(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(m_mutex);
    // A connection left broken or inside a transaction is closed rather than reused.
    if (conn && conn->idle())
        m_idle.push_back(std::move(conn));
    else
        --m_open;
    m_freed.notify_one();
}

}  // namespace csync::server::pg
