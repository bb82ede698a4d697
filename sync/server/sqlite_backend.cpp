#include "sync/server/sqlite_backend.hpp"

#include "sync/model/receipt_code.hpp"
#include "sync/server/rules.hpp"

#include <signal.h>
#include <algorithm>

#include <array>
#include <chrono>
#include <filesystem>
#include <set>

namespace csync::server {
namespace {

using nlohmann::json;
using platform::SqliteDb;
using platform::SqliteStatement;
using platform::SqliteTransaction;

// Version 1 of the county schema (PRAGMA user_version). Records are kept exactly as received;
// concern/concern_update rows are projections for lookups by receipt and the updates feed.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE county(
  id INTEGER PRIMARY KEY CHECK(id = 1), code TEXT NOT NULL, name TEXT NOT NULL,
  seal_public BLOB NOT NULL, seal_secret BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE sign_key(
  key_id INTEGER PRIMARY KEY, county TEXT NOT NULL, public_key BLOB NOT NULL,
  secret_key BLOB NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
CREATE TABLE station(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, secret BLOB NOT NULL, created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL DEFAULT 0, clock_offset INTEGER NOT NULL DEFAULT 0,
  app_version TEXT NOT NULL DEFAULT '', config TEXT);
CREATE TABLE deputy(
  station TEXT NOT NULL REFERENCES station(id), seq INTEGER NOT NULL, id TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY(station, seq));
CREATE TABLE slot(
  station TEXT NOT NULL REFERENCES station(id), seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY(station, seq));
CREATE TABLE revoked(serial TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE TABLE seen_signature(
  signature TEXT PRIMARY KEY, station TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX seen_signature_expiry ON seen_signature(expires_at);
CREATE TABLE record(
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, station TEXT NOT NULL REFERENCES station(id),
  type TEXT NOT NULL, created_at INTEGER NOT NULL, payload TEXT NOT NULL,
  batch_id TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE INDEX record_type ON record(type, seq);
CREATE TABLE conflict(
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, station TEXT NOT NULL, type TEXT NOT NULL,
  created_at INTEGER NOT NULL, payload TEXT NOT NULL, batch_id TEXT NOT NULL,
  received_at INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE concern(
  id TEXT PRIMARY KEY, station TEXT NOT NULL, receipt TEXT NOT NULL, created_at INTEGER NOT NULL,
  status TEXT NOT NULL, disposition TEXT, satisfaction TEXT, answer TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL);
CREATE INDEX concern_receipt ON concern(receipt);
CREATE TABLE concern_update(
  cursor INTEGER PRIMARY KEY AUTOINCREMENT, station TEXT NOT NULL, concern TEXT NOT NULL,
  receipt TEXT NOT NULL, status TEXT NOT NULL, answer TEXT NOT NULL, note TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX concern_update_station ON concern_update(station, cursor);
)sql";
// 2: the results board's 公示摘要 travels with each published update.
constexpr const char* kSchemaV2 =
    "ALTER TABLE concern_update ADD COLUMN summary TEXT NOT NULL DEFAULT ''";
constexpr int kSchemaVersion = kSqliteSchemaVersion;

}  // namespace

SqliteBackend::SqliteBackend(const std::string& path) : m_db(path) {
    m_db.exec("PRAGMA journal_mode=WAL");
    m_db.exec("PRAGMA synchronous=FULL");
    m_db.exec("PRAGMA foreign_keys=ON");
    m_db.exec("PRAGMA busy_timeout=5000");
    const auto version = m_db.queryInt("PRAGMA user_version");
    if (version > kSchemaVersion)
        throw BackendError(path + " was written by a newer county-server (schema " +
                           std::to_string(version) + ")");
    if (version < kSchemaVersion) {
        // One transaction: a failed upgrade leaves the file at its old version.
        SqliteTransaction tx(m_db);
        if (version < 1) m_db.exec(kSchemaV1);
        if (version < 2) m_db.exec(kSchemaV2);
        m_db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
        tx.commit();
    }
    // Checkpoints (copying the WAL into the database and syncing it) leave the request path:
    // measured, they made batches wait ~30 % of the ingest time.
    m_db.exec("PRAGMA wal_autocheckpoint=0");
    m_checkpointer = std::thread([this, path] { checkpointLoop(path); });
}

SqliteBackend::~SqliteBackend() {
    {
        std::lock_guard lock(m_stopMutex);
        m_stop = true;
    }
    m_stopCv.notify_all();
    if (m_checkpointer.joinable()) m_checkpointer.join();
}

void SqliteBackend::checkpointLoop(std::string path) {
    // Stop signals belong to the server's watcher thread; this thread started before the server
    // blocked them, so it blocks them itself (else SIGTERM would end the process right here).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    try {
        platform::SqliteDb db(path);
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

std::optional<County> SqliteBackend::countyLocked() {
    auto& st = m_db.cached(
        "SELECT c.code, c.name, c.seal_public, c.seal_secret, k.key_id, k.public_key, "
        "k.secret_key FROM county c LEFT JOIN sign_key k ON k.active "
        "ORDER BY k.key_id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    County c;
    c.code = st.getText(0);
    c.name = st.getText(1);
    c.seal = {st.getBlob(2), st.getBlob(3)};
    c.signKeyId = static_cast<std::uint16_t>(st.getInt(4));
    c.sign = {st.getBlob(5), st.getBlob(6)};
    st.reset();
    return c;
}

std::optional<County> SqliteBackend::county() {
    std::lock_guard lock(m_mutex);
    return countyLocked();
}

void SqliteBackend::init(const County& county, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (countyLocked()) throw BackendError("the database is already initialised");
    m_db.cached(
            "INSERT INTO county(id, code, name, seal_public, seal_secret, created_at) "
            "VALUES(1, ?, ?, ?, ?, ?)")
        .bindAll(county.code, county.name, county.seal.publicKey, county.seal.secretKey, nowMs)
        .run();
    m_db.cached(
            "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
            "VALUES(?, ?, ?, ?, ?)")
        .bindAll(static_cast<std::int64_t>(county.signKeyId), county.code, county.sign.publicKey,
                 county.sign.secretKey, nowMs)
        .run();
    tx.commit();
}

std::vector<SigningKey> SqliteBackend::signingKeysLocked() {
    auto& st =
        m_db.cached("SELECT county, key_id, public_key FROM sign_key WHERE active ORDER BY key_id");
    std::vector<SigningKey> keys;
    while (st.step())
        keys.push_back({st.getText(0), static_cast<std::uint16_t>(st.getInt(1)), st.getBlob(2)});
    return keys;
}

std::vector<SigningKey> SqliteBackend::signingKeys() {
    std::lock_guard lock(m_mutex);
    return signingKeysLocked();
}

std::uint16_t SqliteBackend::rotateSigningKey(std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    const auto c = countyLocked();
    if (!c) throw BackendError("the database is not initialised");
    auto& last = m_db.cached("SELECT MAX(key_id) FROM sign_key");
    last.step();
    const std::int64_t next = last.getInt(0) + 1;
    last.reset();
    if (next > 65535) throw BackendError("no signing key ids left");
    const auto keys = platform::makeSignKeyPair();
    m_db.cached(
            "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
            "VALUES(?, ?, ?, ?, ?)")
        .bindAll(next, c->code, keys.publicKey, keys.secretKey, nowMs)
        .run();
    tx.commit();
    return static_cast<std::uint16_t>(next);
}

void SqliteBackend::addStation(const StationRow& s) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    auto& exists = m_db.cached("SELECT 1 FROM station WHERE id = ?");
    exists.bindAll(s.id);
    if (exists.step()) {
        exists.reset();
        throw BackendError("station " + s.id + " is already registered");
    }
    m_db.cached("INSERT INTO station(id, name, secret, created_at) VALUES(?, ?, ?, ?)")
        .bindAll(s.id, s.name, s.secret, s.createdAtMs)
        .run();
    tx.commit();
}

std::optional<StationRow> SqliteBackend::station(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto& st = m_db.cached(
        "SELECT id, name, secret, created_at, last_seen, clock_offset, app_version FROM station "
        "WHERE id = ?");
    st.bindAll(id);
    if (!st.step()) return std::nullopt;
    StationRow s{st.getText(0), st.getText(1), st.getBlob(2), st.getInt(3),
                 st.getInt(4),  st.getInt(5),  st.getText(6)};
    st.reset();
    return s;
}

bool SqliteBackend::noteRequest(const std::string& station, const std::string& signature,
                                std::int64_t expiresAtMs, std::int64_t nowMs,
                                std::int64_t clockOffsetMs, const std::string& appVersion) {
    std::lock_guard lock(m_mutex);
    // The note needs no fsync of its own: every API call is idempotent (a replayed batch is a
    // duplicate), and the next durable commit (the batch itself) syncs the WAL with it. One
    // fsync per request instead of two (measured: ingest +15 %).
    m_db.exec("PRAGMA synchronous=NORMAL");
    struct Restore {
        SqliteDb& db;
        ~Restore() {
            try {
                db.exec("PRAGMA synchronous=FULL");
            } catch (...) {  // the connection is unusable anyway; the next call reports it
            }
        }
    } restore{m_db};
    SqliteTransaction tx(m_db);
    // Expired signatures can never be replayed (their timestamps are stale): prune them now and
    // then, not on every request.
    if (nowMs - m_lastPruneMs > 60'000) {
        m_db.cached("DELETE FROM seen_signature WHERE expires_at < ?").bindAll(nowMs).run();
        m_lastPruneMs = nowMs;
    }
    m_db.cached(
            "INSERT OR IGNORE INTO seen_signature(signature, station, expires_at) "
            "VALUES(?, ?, ?)")
        .bindAll(signature, station, expiresAtMs)
        .run();
    if (m_db.changes() == 0) return false;  // rolls back: nothing to keep
    m_db.cached(
            "UPDATE station SET last_seen = ?, clock_offset = ?, "
            "app_version = CASE WHEN ? = '' THEN app_version ELSE ? END WHERE id = ?")
        .bindAll(nowMs, clockOffsetMs, appVersion, appVersion, station)
        .run();
    tx.commit();
    return true;
}

BatchResponse SqliteBackend::storeBatch(const BatchRequest& batch, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    BatchResponse response;
    response.results.reserve(batch.records.size());
    SqliteTransaction tx(m_db);
    for (const auto& record : batch.records)
        response.results.push_back(storeRecord(batch.station, batch.batchId, record, nowMs));
    tx.commit();
    response.serverTimeMs = nowMs;
    return response;
}

RecordResult SqliteBackend::storeRecord(const std::string& station, const std::string& batchId,
                                        const Record& r, std::int64_t nowMs) {
    if (!knownType(r.type)) return {r.id, Outcome::Rejected, "unknown type"};
    if (auto problem = recordIdProblem(r.id); !problem.empty())
        return {r.id, Outcome::Rejected, std::move(problem)};
    auto& existing =
        m_db.cached("SELECT station, type, created_at, payload FROM record WHERE id = ?");
    existing.bindAll(r.id);
    if (existing.step()) {
        std::string differs;
        auto note = [&](bool same, const char* what) {
            if (same) return;
            differs += differs.empty() ? "differs in " : ", ";
            differs += what;
        };
        note(existing.getText(0) == station, "station");
        note(existing.getText(1) == r.type, "type");
        note(existing.getInt(2) == r.createdAtMs, "created_at");
        note(existing.getText(3) == r.payload, "payload");
        existing.reset();
        if (differs.empty()) return {r.id, Outcome::Duplicate, ""};
        // The first copy stays; the other one is kept for staff to review.
        m_db.cached(
                "INSERT INTO conflict(id, station, type, created_at, payload, batch_id, "
                "received_at, reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(r.id, station, r.type, r.createdAtMs, r.payload, batchId, nowMs, differs)
            .run();
        return {r.id, Outcome::Conflict, differs};
    }
    // Only concerns and their updates are projected; other payloads are stored as text.
    const bool projected = r.type == record_type::Concern || r.type == record_type::ConcernUpdate;
    const json payload = projected ? json::parse(r.payload) : json();
    if (r.type == record_type::Concern && stringField(payload, "receipt").empty())
        return {r.id, Outcome::Rejected, "concern payload needs a receipt"};
    if (r.type == record_type::Concern) {
        const std::string code = model::canonicalReceipt(stringField(payload, "receipt"));
        auto& taken = m_db.cached("SELECT 1 FROM concern WHERE receipt = ? LIMIT 1");
        taken.bindAll(code);
        const bool isTaken = taken.step();
        taken.reset();
        if (isTaken) return {r.id, Outcome::Rejected, receiptTakenReason(code)};
    }
    m_db.cached(
            "INSERT INTO record(id, station, type, created_at, payload, batch_id, received_at) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bindAll(r.id, station, r.type, r.createdAtMs, r.payload, batchId, nowMs)
        .run();
    if (projected) project(station, r, payload);
    return {r.id, Outcome::Accepted, ""};
}

void SqliteBackend::project(const std::string& station, const Record& r, const json& payload) {
    if (r.type == record_type::Concern) {
        const std::string status = stringField(payload, "status");
        m_db.cached(
                "INSERT INTO concern(id, station, receipt, created_at, status, updated_at) "
                "VALUES(?, ?, ?, ?, ?, ?)")
            .bindAll(r.id, station, model::canonicalReceipt(stringField(payload, "receipt")),
                     r.createdAtMs, status.empty() ? std::string("received") : status,
                     r.createdAtMs)
            .run();
    } else if (r.type == record_type::ConcernUpdate) {
        // A station-side change (disposition, satisfaction rating) to one of its own concerns.
        const std::string concern = stringField(payload, "concern");
        for (const char* field : {"disposition", "satisfaction"}) {
            const std::string value = stringField(payload, field);
            if (value.empty()) continue;
            m_db.cached(std::string("UPDATE concern SET ") + field +
                        " = ? WHERE id = ? AND station = ?")
                .bindAll(value, concern, station)
                .run();
        }
        // Answered on the spot at the station (当场解答): the county counts it as answered. Only
        // an open concern moves (the station's canTransition to answered); the answer stays the
        // station's note, so the county's own published answer, if any, is not replaced.
        if (stringField(payload, "status") == "answered")
            m_db.cached(std::string("UPDATE concern SET status = 'answered', updated_at = ? "
                                    "WHERE id = ? AND station = ? AND status IN ") +
                        statusesBeforeSql(model::Status::Answered))
                .bindAll(r.createdAtMs, concern, station)
                .run();
    }
}

void SqliteBackend::importRoster(const std::string& station, const json& config) {
    checkRoster(station, config);
    const json stationObj = config.value("station", json::object());
    const json deputies = config.value("deputies", json::array());
    const json slots = config.value("slots", json::array());

    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    m_db.cached("UPDATE station SET config = ? WHERE id = ?")
        .bindAll(stationObj.dump(), station)
        .run();
    if (m_db.changes() == 0) throw BackendError("no station " + station + " is registered");
    m_db.cached("DELETE FROM deputy WHERE station = ?").bindAll(station).run();
    m_db.cached("DELETE FROM slot WHERE station = ?").bindAll(station).run();
    std::int64_t seq = 0;
    for (const auto& d : deputies)
        m_db.cached("INSERT INTO deputy(station, seq, id, data) VALUES(?, ?, ?, ?)")
            .bindAll(station, seq++, stringField(d, "id"), d.dump())
            .run();
    seq = 0;
    for (const auto& s : slots)
        m_db.cached("INSERT INTO slot(station, seq, data) VALUES(?, ?, ?)")
            .bindAll(station, seq++, s.dump())
            .run();
    tx.commit();
}

StationConfig SqliteBackend::stationConfig(const std::string& stationId) {
    std::lock_guard lock(m_mutex);
    const auto c = countyLocked();
    if (!c) throw BackendError("the database is not initialised");
    auto& st = m_db.cached("SELECT name, config FROM station WHERE id = ?");
    st.bindAll(stationId);
    if (!st.step()) throw BackendError("no station " + stationId + " is registered");
    // Until a roster is imported the county has no station record to impose: leaving "station"
    // out keeps the kiosk's own address and hotline (stations apply it only when present).
    std::optional<json> station;
    if (!st.isNull(1)) {
        station = json::parse(st.getText(1));
        if (!station->contains("name")) (*station)["name"] = st.getText(0);
        // The county decides these, whatever an imported file says: a station sealing to any
        // other key would upload contact data nobody can read.
        (*station)["id"] = stationId;
        (*station)["county_code"] = c->code;
        (*station)["seal_key"] = platform::toBase64(c->seal.publicKey);
    }
    st.reset();

    json deputies = json::array(), slots = json::array(), revoked = json::array();
    auto& dq = m_db.cached("SELECT data FROM deputy WHERE station = ? ORDER BY seq");
    dq.bindAll(stationId);
    while (dq.step()) deputies.push_back(json::parse(dq.getText(0)));
    auto& sq = m_db.cached("SELECT data FROM slot WHERE station = ? ORDER BY seq");
    sq.bindAll(stationId);
    while (sq.step()) slots.push_back(json::parse(sq.getText(0)));
    auto& rq = m_db.cached("SELECT serial FROM revoked ORDER BY serial");
    while (rq.step()) revoked.push_back(rq.getText(0));

    StationConfig config;
    config.body = {{"deputies", std::move(deputies)},
                   {"slots", std::move(slots)},
                   {"announcements", json::array()},
                   {"sign_keys", toJson(signingKeysLocked())},
                   {"revoked", std::move(revoked)}};
    if (station) config.body["station"] = std::move(*station);
    // A hash of the content: it changes exactly when anything the station receives changes.
    config.etag = platform::toHex(platform::sha256(config.body.dump())).substr(0, 32);
    config.body["etag"] = config.etag;
    return config;
}

std::vector<ConcernUpdate> SqliteBackend::updates(const std::string& station, std::int64_t cursor,
                                                  std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto& st = m_db.cached(
        "SELECT cursor, concern, receipt, status, answer, note, at, summary FROM concern_update "
        "WHERE station = ? AND cursor > ? ORDER BY cursor LIMIT ?");
    st.bindAll(station, cursor, static_cast<std::int64_t>(limit));
    std::vector<ConcernUpdate> out;
    while (st.step())
        out.push_back({st.getInt(0), st.getText(1), st.getText(2), st.getText(3), st.getText(4),
                       st.getText(5), st.getInt(6), st.getText(7)});
    return out;
}

std::vector<StoredRecord> SqliteBackend::records(std::string_view type) {
    std::lock_guard lock(m_mutex);
    auto& st = m_db.cached(
        "SELECT id, type, created_at, payload, station, received_at FROM record WHERE type = ? "
        "ORDER BY seq");
    st.bindAll(type);
    std::vector<StoredRecord> out;
    while (st.step())
        out.push_back({{st.getText(0), st.getText(1), st.getInt(2), st.getText(3)},
                       st.getText(4),
                       st.getInt(5)});
    return out;
}

std::int64_t SqliteBackend::conflictCount() {
    std::lock_guard lock(m_mutex);
    return m_db.queryInt("SELECT count(*) FROM conflict");
}

namespace {

// The shared connection, held under the backend's lock for the session's life.
class SqliteSession final : public SqlSession {
public:
    SqlDialect dialect() const override { return SqlDialect::Sqlite; }
    SqliteSession(std::mutex& mutex, SqliteDb& db) : m_lock(mutex), m_db(db) {}
    ~SqliteSession() override {
        if (m_inTx) try {
                m_db.exec("ROLLBACK");
            } catch (...) {
            }
    }

    std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        auto& st = prepare(sql, params);
        std::vector<SqlRow> rows;
        while (st.step()) {
            const int n = sqlite3Columns(st);
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
    void begin() override {
        m_db.exec("BEGIN IMMEDIATE");
        m_inTx = true;
    }
    void commit() override {
        m_db.exec("COMMIT");
        m_inTx = false;
    }
    void rollback() override {
        if (!m_inTx) return;
        m_inTx = false;
        m_db.exec("ROLLBACK");
    }

private:
    static int sqlite3Columns(SqliteStatement& st) { return st.columnCount(); }

    SqliteStatement& prepare(std::string_view sql, const std::vector<SqlValue>& params) {
        auto& st = m_db.cached(sqliteParameters(sql));
        st.reset();
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (const auto* n = std::get_if<std::int64_t>(&params[i]))
                st.bind(index, *n);
            else
                st.bind(index, std::get<std::string>(params[i]));
        }
        return st;
    }

    std::unique_lock<std::mutex> m_lock;
    SqliteDb& m_db;
    bool m_inTx = false;
};

}  // namespace

std::unique_ptr<SqlSession> SqliteBackend::sql() {
    return std::make_unique<SqliteSession>(m_mutex, m_db);
}

}  // namespace csync::server
