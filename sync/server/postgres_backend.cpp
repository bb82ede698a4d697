#include "sync/server/postgres_backend.hpp"

#include "sync/model/receipt_code.hpp"
#include "sync/server/rules.hpp"

#include <algorithm>
#include <set>

namespace csync::server {
namespace {

using nlohmann::json;
using pg::Connection;
using pg::Param;
using pg::Transaction;

// Version 1 of the county schema, the tables of sqlite_backend.cpp in PostgreSQL types (bytea
// for keys, bigint for milliseconds, identity columns for arrival order and the updates cursor).
// JSON is kept as text so configs and ETags come out byte for byte as with SQLite.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE schema_version(
  id INTEGER PRIMARY KEY CHECK(id = 1), version INTEGER NOT NULL);
CREATE TABLE county(
  id INTEGER PRIMARY KEY CHECK(id = 1), code TEXT NOT NULL, name TEXT NOT NULL,
  seal_public BYTEA NOT NULL, seal_secret BYTEA NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE sign_key(
  key_id INTEGER PRIMARY KEY, county TEXT NOT NULL, public_key BYTEA NOT NULL,
  secret_key BYTEA NOT NULL, active BOOLEAN NOT NULL DEFAULT TRUE, created_at BIGINT NOT NULL);
CREATE TABLE station(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, secret BYTEA NOT NULL, created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL DEFAULT 0, clock_offset BIGINT NOT NULL DEFAULT 0,
  app_version TEXT NOT NULL DEFAULT '', config TEXT);
CREATE TABLE deputy(
  station TEXT NOT NULL REFERENCES station(id), seq INTEGER NOT NULL, id TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY(station, seq));
CREATE TABLE slot(
  station TEXT NOT NULL REFERENCES station(id), seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY(station, seq));
CREATE TABLE revoked(serial TEXT PRIMARY KEY, at BIGINT NOT NULL);
CREATE TABLE seen_signature(
  signature TEXT PRIMARY KEY, station TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX seen_signature_expiry ON seen_signature(expires_at);
CREATE TABLE record(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  station TEXT NOT NULL REFERENCES station(id), type TEXT NOT NULL, created_at BIGINT NOT NULL,
  payload TEXT NOT NULL, batch_id TEXT NOT NULL, received_at BIGINT NOT NULL);
CREATE INDEX record_type ON record(type, seq);
CREATE TABLE conflict(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL, station TEXT NOT NULL,
  type TEXT NOT NULL, created_at BIGINT NOT NULL, payload TEXT NOT NULL, batch_id TEXT NOT NULL,
  received_at BIGINT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE concern(
  id TEXT PRIMARY KEY, station TEXT NOT NULL, receipt TEXT NOT NULL, created_at BIGINT NOT NULL,
  status TEXT NOT NULL, disposition TEXT, satisfaction TEXT, answer TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL);
CREATE INDEX concern_receipt ON concern(receipt);
CREATE TABLE concern_update(
  cursor BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, station TEXT NOT NULL,
  concern TEXT NOT NULL, receipt TEXT NOT NULL, status TEXT NOT NULL, answer TEXT NOT NULL,
  note TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX concern_update_station ON concern_update(station, cursor);
)sql";
// 2: the results board's 公示摘要 travels with each published update.
constexpr const char* kSchemaV2 =
    "ALTER TABLE concern_update ADD COLUMN summary TEXT NOT NULL DEFAULT ''";
constexpr int kSchemaVersion = 2;
// Advisory lock key ("csync" in ASCII) held while the schema is checked or created.
constexpr std::int64_t kSchemaLock = 0x6373796e63;
// Connections kept per server process; the HTTP workers beyond this wait for a free one.
constexpr std::size_t kPoolSize = 16;
// Attempts of a batch that lost a deadlock against another station's batch.
constexpr int kBatchAttempts = 3;
// First key of the advisory locks on record ids (the second is a hash of the id).
constexpr int kRecordLockClass = 1;

std::optional<County> readCounty(Connection& db) {
    // NULLS LAST: PostgreSQL sorts NULL first when descending, SQLite last.
    const auto r = db.exec(
        "SELECT c.code, c.name, c.seal_public, c.seal_secret, k.key_id, k.public_key, "
        "k.secret_key FROM county c LEFT JOIN sign_key k ON k.active "
        "ORDER BY k.key_id DESC NULLS LAST LIMIT 1");
    if (r.rows() == 0) return std::nullopt;
    County c;
    c.code = r.text(0, 0);
    c.name = r.text(0, 1);
    c.seal = {r.bytes(0, 2), r.bytes(0, 3)};
    c.signKeyId = static_cast<std::uint16_t>(r.isNull(0, 4) ? 0 : r.integer(0, 4));
    c.sign = {r.bytes(0, 5), r.bytes(0, 6)};
    return c;
}

std::vector<SigningKey> readSigningKeys(Connection& db) {
    const auto r = db.exec(
        "SELECT county, key_id, public_key FROM sign_key WHERE active "
        "ORDER BY key_id");
    std::vector<SigningKey> keys;
    for (int i = 0; i < r.rows(); ++i)
        keys.push_back({r.text(i, 0), static_cast<std::uint16_t>(r.integer(i, 1)), r.bytes(i, 2)});
    return keys;
}

// Takes a transaction lock per record id, in one global order (ascending 32-bit FNV-1a hash),
// before any row is touched. Two batches sharing ids in different orders would otherwise wait
// on each other's unique-index entries and deadlock; this way the later one waits for the
// earlier to commit and then sees its rows. A hash collision only makes a batch wait longer.
void lockRecordIds(Connection& db, const std::vector<Record>& records) {
    std::vector<std::int32_t> keys;
    keys.reserve(records.size());
    for (const auto& r : records) {
        std::uint32_t h = 2166136261u;
        for (unsigned char c : r.id) h = (h ^ c) * 16777619u;
        keys.push_back(static_cast<std::int32_t>(h));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::string array = "{";  // an int[] parameter value, e.g. {-5,17}
    for (std::size_t i = 0; i < keys.size(); ++i) array += (i ? "," : "") + std::to_string(keys[i]);
    array += "}";
    // unnest yields the array in order, so the locks are taken in ascending order.
    db.exec("SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k",
            {kRecordLockClass, array});
}

// The outcome for a record whose id is already stored: duplicate, or a conflict kept for review.
std::optional<RecordResult> againstStored(Connection& db, const std::string& station,
                                          const std::string& batchId, const Record& r,
                                          std::int64_t nowMs) {
    const auto existing =
        db.exec("SELECT station, type, created_at, payload FROM record WHERE id = $1", {r.id});
    if (existing.rows() == 0) return std::nullopt;
    std::string differs;
    auto note = [&](bool same, const char* what) {
        if (same) return;
        differs += differs.empty() ? "differs in " : ", ";
        differs += what;
    };
    note(existing.text(0, 0) == station, "station");
    note(existing.text(0, 1) == r.type, "type");
    note(existing.integer(0, 2) == r.createdAtMs, "created_at");
    note(existing.text(0, 3) == r.payload, "payload");
    if (differs.empty()) return RecordResult{r.id, Outcome::Duplicate, ""};
    // The first copy stays; the other one is kept for staff to review.
    db.exec(
        "INSERT INTO conflict(id, station, type, created_at, payload, batch_id, received_at, "
        "reason) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
        {r.id, station, r.type, r.createdAtMs, r.payload, batchId, nowMs, differs});
    return RecordResult{r.id, Outcome::Conflict, differs};
}

void project(Connection& db, const std::string& station, const Record& r, const json& payload) {
    if (r.type == record_type::Concern) {
        const std::string status = stringField(payload, "status");
        db.exec(
            "INSERT INTO concern(id, station, receipt, created_at, status, updated_at) "
            "VALUES($1, $2, $3, $4, $5, $6)",
            {r.id, station, model::canonicalReceipt(stringField(payload, "receipt")), r.createdAtMs,
             status.empty() ? std::string("received") : status, r.createdAtMs});
    } else if (r.type == record_type::ConcernUpdate) {
        // A station-side change (disposition, satisfaction rating) to one of its own concerns.
        const std::string concern = stringField(payload, "concern");
        for (const char* field : {"disposition", "satisfaction"}) {
            const std::string value = stringField(payload, field);
            if (value.empty()) continue;
            // field is one of two fixed column names, never input.
            db.exec(
                std::string("UPDATE concern SET ") + field + " = $1 WHERE id = $2 AND station = $3",
                {value, concern, station});
        }
        // Answered on the spot at the station (当场解答), as in the SQLite backend.
        if (stringField(payload, "status") == "answered")
            db.exec(std::string("UPDATE concern SET status = 'answered', updated_at = $1 "
                                "WHERE id = $2 AND station = $3 AND status IN ") +
                        statusesBeforeSql(model::Status::Answered),
                    {r.createdAtMs, concern, station});
    }
}

}  // namespace

PostgresBackend::PostgresBackend(const std::string& conninfo, bool create)
    : m_pool(conninfo, kPoolSize) {
    openSchema(create);
}

void PostgresBackend::openSchema(bool create) {
    auto db = m_pool.acquire();
    Transaction tx(*db);
    // Two servers opening a fresh database at once must not both create the schema.
    db->exec("SELECT pg_advisory_xact_lock($1)", {kSchemaLock});
    if (db->exec("SELECT to_regclass('schema_version') IS NULL").text(0, 0) == "t") {
        if (!create)
            throw BackendError(
                "the database has no county schema (run county-server … init first)");
        db->script(kSchemaV1);
        db->script(kSchemaV2);
        db->exec("INSERT INTO schema_version(id, version) VALUES(1, $1)", {kSchemaVersion});
        tx.commit();
        return;
    }
    const auto version = db->exec("SELECT version FROM schema_version WHERE id = 1");
    const std::int64_t v = version.rows() ? version.integer(0, 0) : 0;
    if (v > kSchemaVersion)
        throw BackendError("the database was written by a newer county-server (schema " +
                           std::to_string(v) + ")");
    if (v < 1) throw BackendError("the database's schema_version table is empty");
    // Migrations from v to kSchemaVersion, in this transaction.
    if (v < 2) db->script(kSchemaV2);
    if (v < kSchemaVersion)
        db->exec("UPDATE schema_version SET version = $1 WHERE id = 1", {kSchemaVersion});
    tx.commit();
}

std::optional<County> PostgresBackend::county() {
    auto db = m_pool.acquire();
    return readCounty(*db);
}

void PostgresBackend::init(const County& county, std::int64_t nowMs) {
    auto db = m_pool.acquire();
    Transaction tx(*db);
    // The single county row's key decides a race between two inits.
    const auto r = db->exec(
        "INSERT INTO county(id, code, name, seal_public, seal_secret, created_at) "
        "VALUES(1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
        {county.code, county.name, county.seal.publicKey, county.seal.secretKey, nowMs});
    if (r.affected() == 0) throw BackendError("the database is already initialised");
    db->exec(
        "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {static_cast<int>(county.signKeyId), county.code, county.sign.publicKey,
         county.sign.secretKey, nowMs});
    tx.commit();
}

std::vector<SigningKey> PostgresBackend::signingKeys() {
    auto db = m_pool.acquire();
    return readSigningKeys(*db);
}

std::uint16_t PostgresBackend::rotateSigningKey(std::int64_t nowMs) {
    auto db = m_pool.acquire();
    Transaction tx(*db);
    // Two rotations at once: the second waits here and then takes the id after the first one.
    db->exec("LOCK TABLE sign_key IN SHARE ROW EXCLUSIVE MODE");
    const auto c = readCounty(*db);
    if (!c) throw BackendError("the database is not initialised");
    const auto r = db->exec("SELECT COALESCE(MAX(key_id), 0) FROM sign_key");
    const std::int64_t next = r.integer(0, 0) + 1;
    if (next > 65535) throw BackendError("no signing key ids left");
    const auto keys = platform::makeSignKeyPair();
    db->exec(
        "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {static_cast<int>(next), c->code, keys.publicKey, keys.secretKey, nowMs});
    tx.commit();
    return static_cast<std::uint16_t>(next);
}

void PostgresBackend::addStation(const StationRow& s) {
    auto db = m_pool.acquire();
    const auto r = db->exec(
        "INSERT INTO station(id, name, secret, created_at) VALUES($1, $2, $3, $4) "
        "ON CONFLICT (id) DO NOTHING",
        {s.id, s.name, s.secret, s.createdAtMs});
    if (r.affected() == 0) throw BackendError("station " + s.id + " is already registered");
}

std::optional<StationRow> PostgresBackend::station(const std::string& id) {
    auto db = m_pool.acquire();
    const auto r = db->exec(
        "SELECT id, name, secret, created_at, last_seen, clock_offset, app_version FROM station "
        "WHERE id = $1",
        {id});
    if (r.rows() == 0) return std::nullopt;
    return StationRow{r.text(0, 0),    r.text(0, 1),    r.bytes(0, 2), r.integer(0, 3),
                      r.integer(0, 4), r.integer(0, 5), r.text(0, 6)};
}

bool PostgresBackend::noteRequest(const std::string& station, const std::string& signature,
                                  std::int64_t expiresAtMs, std::int64_t nowMs,
                                  std::int64_t clockOffsetMs, const std::string& appVersion) {
    auto db = m_pool.acquire();
    Transaction tx(*db);
    // Expired signatures can never be replayed (their timestamps are stale): one thread prunes
    // them now and then, not every request.
    std::int64_t last = m_lastPruneMs.load();
    if (nowMs - last > 60'000 && m_lastPruneMs.compare_exchange_strong(last, nowMs))
        db->exec("DELETE FROM seen_signature WHERE expires_at < $1", {nowMs});
    // A concurrent insert of the same signature waits for this one and then does nothing, so
    // exactly one of two simultaneous replays wins.
    const auto seen = db->exec(
        "INSERT INTO seen_signature(signature, station, expires_at) VALUES($1, $2, $3) "
        "ON CONFLICT (signature) DO NOTHING",
        {signature, station, expiresAtMs});
    if (seen.affected() == 0) return false;  // rolls back: nothing to keep
    db->exec(
        "UPDATE station SET last_seen = $1, clock_offset = $2, "
        "app_version = CASE WHEN $3::text = '' THEN app_version ELSE $3::text END WHERE id = $4",
        {nowMs, clockOffsetMs, appVersion, station});
    tx.commit();
    return true;
}

BatchResponse PostgresBackend::storeBatch(const BatchRequest& batch, std::int64_t nowMs) {
    auto db = m_pool.acquire();
    for (int attempt = 1;; ++attempt) {
        try {
            BatchResponse response;
            response.results.reserve(batch.records.size());
            Transaction tx(*db);
            lockRecordIds(*db, batch.records);
            for (const auto& record : batch.records)
                response.results.push_back(
                    storeRecord(*db, batch.station, batch.batchId, record, nowMs));
            tx.commit();
            response.serverTimeMs = nowMs;
            return response;
        } catch (const pg::Error& e) {
            // A deadlock the id locks do not prevent (e.g. on concern rows) aborts one batch,
            // which is then simply run again.
            if (!e.retryable() || attempt == kBatchAttempts) throw;
        }
    }
}

RecordResult PostgresBackend::storeRecord(Connection& db, const std::string& station,
                                          const std::string& batchId, const Record& r,
                                          std::int64_t nowMs) {
    if (!knownType(r.type)) return {r.id, Outcome::Rejected, "unknown type"};
    if (auto problem = recordIdProblem(r.id); !problem.empty())
        return {r.id, Outcome::Rejected, std::move(problem)};
    if (auto stored = againstStored(db, station, batchId, r, nowMs)) return *stored;
    // Only concerns and their updates are projected; other payloads are stored as text.
    const bool projected = r.type == record_type::Concern || r.type == record_type::ConcernUpdate;
    const json payload = projected ? json::parse(r.payload) : json();
    if (r.type == record_type::Concern && stringField(payload, "receipt").empty())
        return {r.id, Outcome::Rejected, "concern payload needs a receipt"};
    if (r.type == record_type::Concern) {
        const std::string code = model::canonicalReceipt(stringField(payload, "receipt"));
        if (db.exec("SELECT 1 FROM concern WHERE receipt = $1 LIMIT 1", {code}).rows() > 0)
            return {r.id, Outcome::Rejected, receiptTakenReason(code)};
    }
    const auto inserted = db.exec(
        "INSERT INTO record(id, station, type, created_at, payload, batch_id, received_at) "
        "VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        {r.id, station, r.type, r.createdAtMs, r.payload, batchId, nowMs});
    if (inserted.affected() == 0) {
        // Another batch stored this id after our look; ON CONFLICT waited for it to commit,
        // so it is visible now and the record is a duplicate or a conflict after all.
        if (auto stored = againstStored(db, station, batchId, r, nowMs)) return *stored;
        throw pg::Error("record " + r.id + " vanished during its insert", "40001");
    }
    if (projected) project(db, station, r, payload);
    return {r.id, Outcome::Accepted, ""};
}

void PostgresBackend::importRoster(const std::string& station, const json& config) {
    checkRoster(station, config);
    const json stationObj = config.value("station", json::object());
    const json deputies = config.value("deputies", json::array());
    const json slots = config.value("slots", json::array());

    auto db = m_pool.acquire();
    Transaction tx(*db);
    // The row lock taken here also serialises two imports for the same station.
    const auto updated =
        db->exec("UPDATE station SET config = $1 WHERE id = $2", {stationObj.dump(), station});
    if (updated.affected() == 0) throw BackendError("no station " + station + " is registered");
    db->exec("DELETE FROM deputy WHERE station = $1", {station});
    db->exec("DELETE FROM slot WHERE station = $1", {station});
    int seq = 0;
    for (const auto& d : deputies)
        db->exec("INSERT INTO deputy(station, seq, id, data) VALUES($1, $2, $3, $4)",
                 {station, seq++, stringField(d, "id"), d.dump()});
    seq = 0;
    for (const auto& s : slots)
        db->exec("INSERT INTO slot(station, seq, data) VALUES($1, $2, $3)",
                 {station, seq++, s.dump()});
    tx.commit();
}

StationConfig PostgresBackend::stationConfig(const std::string& stationId) {
    auto db = m_pool.acquire();
    // One snapshot for all the reads, so the ETag matches one consistent state.
    Transaction tx(*db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const auto c = readCounty(*db);
    if (!c) throw BackendError("the database is not initialised");
    const auto st = db->exec("SELECT name, config FROM station WHERE id = $1", {stationId});
    if (st.rows() == 0) throw BackendError("no station " + stationId + " is registered");
    // Until a roster is imported the county has no station record to impose: leaving "station"
    // out keeps the kiosk's own address and hotline (stations apply it only when present).
    std::optional<json> station;
    if (!st.isNull(0, 1)) {
        station = json::parse(st.text(0, 1));
        if (!station->contains("name")) (*station)["name"] = st.text(0, 0);
        // The county decides these, whatever an imported file says: a station sealing to any
        // other key would upload contact data nobody can read.
        (*station)["id"] = stationId;
        (*station)["county_code"] = c->code;
        (*station)["seal_key"] = platform::toBase64(c->seal.publicKey);
    }

    json deputies = json::array(), slots = json::array(), revoked = json::array();
    const auto dq =
        db->exec("SELECT data FROM deputy WHERE station = $1 ORDER BY seq", {stationId});
    for (int i = 0; i < dq.rows(); ++i) deputies.push_back(json::parse(dq.text(i, 0)));
    const auto sq = db->exec("SELECT data FROM slot WHERE station = $1 ORDER BY seq", {stationId});
    for (int i = 0; i < sq.rows(); ++i) slots.push_back(json::parse(sq.text(i, 0)));
    // Byte order (COLLATE "C") as in SQLite, whatever the database's locale.
    const auto rq = db->exec("SELECT serial FROM revoked ORDER BY serial COLLATE \"C\"");
    for (int i = 0; i < rq.rows(); ++i) revoked.push_back(rq.text(i, 0));

    StationConfig config;
    config.body = {{"deputies", std::move(deputies)},
                   {"slots", std::move(slots)},
                   {"announcements", json::array()},
                   {"sign_keys", toJson(readSigningKeys(*db))},
                   {"revoked", std::move(revoked)}};
    tx.commit();
    if (station) config.body["station"] = std::move(*station);
    // A hash of the content: it changes exactly when anything the station receives changes.
    config.etag = platform::toHex(platform::sha256(config.body.dump())).substr(0, 32);
    config.body["etag"] = config.etag;
    return config;
}

std::vector<ConcernUpdate> PostgresBackend::updates(const std::string& station, std::int64_t cursor,
                                                    std::size_t limit) {
    auto db = m_pool.acquire();
    const auto r = db->exec(
        "SELECT cursor, concern, receipt, status, answer, note, at, summary FROM concern_update "
        "WHERE station = $1 AND cursor > $2 ORDER BY cursor LIMIT $3",
        {station, cursor, static_cast<std::int64_t>(limit)});
    std::vector<ConcernUpdate> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
                       r.text(i, 5), r.integer(i, 6), r.text(i, 7)});
    return out;
}

std::vector<StoredRecord> PostgresBackend::records(std::string_view type) {
    auto db = m_pool.acquire();
    const auto r = db->exec(
        "SELECT id, type, created_at, payload, station, received_at FROM record WHERE type = $1 "
        "ORDER BY seq",
        {type});
    std::vector<StoredRecord> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({{r.text(i, 0), r.text(i, 1), r.integer(i, 2), r.text(i, 3)},
                       r.text(i, 4),
                       r.integer(i, 5)});
    return out;
}

std::int64_t PostgresBackend::conflictCount() {
    auto db = m_pool.acquire();
    return db->exec("SELECT count(*) FROM conflict").integer(0, 0);
}

namespace {

// A pooled connection for the session's life.
class PostgresSession final : public SqlSession {
public:
    SqlDialect dialect() const override { return SqlDialect::Postgres; }
    explicit PostgresSession(pg::Pool& pool) : m_conn(pool.acquire()) {}
    ~PostgresSession() override {
        if (m_inTx) try {
                m_conn->exec("ROLLBACK");
            } catch (...) {
            }
    }

    std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
        const pg::Result r = m_conn->exec(sql, toParams(params));
        std::vector<SqlRow> rows;
        rows.reserve(r.rows());
        const int n = r.columns();
        for (int row = 0; row < r.rows(); ++row) {
            std::vector<std::string> values(n);
            std::vector<bool> nulls(n);
            for (int i = 0; i < n; ++i) {
                nulls[i] = r.isNull(row, i);
                values[i] = r.text(row, i);
            }
            rows.emplace_back(std::move(values), std::move(nulls));
        }
        return rows;
    }
    std::int64_t exec(std::string_view sql, const std::vector<SqlValue>& params) override {
        return m_conn->exec(sql, toParams(params)).affected();
    }
    void begin() override {
        m_conn->exec("BEGIN");
        m_inTx = true;
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
        for (const auto& p : params) {
            if (const auto* n = std::get_if<std::int64_t>(&p))
                out.emplace_back(*n);
            else
                out.emplace_back(std::get<std::string>(p));
        }
        return out;
    }

    pg::Pool::Lease m_conn;
    bool m_inTx = false;
};

}  // namespace

std::unique_ptr<SqlSession> PostgresBackend::sql() {
    return std::make_unique<PostgresSession>(m_pool);
}

std::unique_ptr<Backend> openPostgresBackend(std::string_view conninfo, bool create) {
    return std::make_unique<PostgresBackend>(std::string(conninfo), create);
}

}  // namespace csync::server
