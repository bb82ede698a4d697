// The county store of backend.hpp, written once for both engines.
#include "sync/server/backend.hpp"

#include <algorithm>
#include <filesystem>

#include "sync/server/county_schema.hpp"
#include "sync/server/ingest.hpp"
#include "sync/server/rules.hpp"
#include "sync/server/sql_engine.hpp"

namespace csync::server {
namespace {

using nlohmann::json;

// Attempts of a batch that lost a deadlock against another station's batch (PostgreSQL).
constexpr int kBatchAttempts = 3;
// First key of the advisory locks on record ids (the second is a hash of the id).
constexpr std::int64_t kRecordLockClass = 1;

std::optional<County> readCounty(SqlSession& sql) {
    const auto rows = sql.query(
        "SELECT c.code, c.name, c.seal_public, c.seal_secret, k.key_id, k.public_key, "
        "k.secret_key FROM county c LEFT JOIN sign_key k ON k.active "
        "ORDER BY k.key_id DESC NULLS LAST LIMIT 1");
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    County c;
    c.code = r.text(0);
    c.name = r.text(1);
    c.seal = {r.bytes(2), r.bytes(3)};
    c.signKeyId = static_cast<std::uint16_t>(r.integer(4));
    c.sign = {r.bytes(5), r.bytes(6)};
    return c;
}

std::vector<SigningKey> readSigningKeys(SqlSession& sql) {
    std::vector<SigningKey> keys;
    for (const auto& r :
         sql.query("SELECT county, key_id, public_key FROM sign_key WHERE active ORDER BY key_id"))
        keys.push_back({r.text(0), static_cast<std::uint16_t>(r.integer(1)), r.bytes(2)});
    return keys;
}

// PostgreSQL runs batches side by side: take a transaction lock per record id, in one global
// order (ascending 32-bit FNV-1a hash), before any row is touched. Two batches sharing ids in
// different orders would otherwise wait on each other's unique-index entries and deadlock; this
// way the later one waits for the earlier to commit and then sees its rows. A hash collision
// only makes a batch wait longer. (SQLite writes one transaction at a time.)
void lockRecordIds(SqlSession& sql, const std::vector<Record>& records) {
    if (sql.dialect() != SqlDialect::Postgres) return;
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
    sql.query("SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k",
              {kRecordLockClass, array});
}

}  // namespace

Backend::Backend(std::unique_ptr<SqlEngine> engine) : m_engine(std::move(engine)) {}

Backend::~Backend() = default;

std::unique_ptr<SqlSession> Backend::sql() {
    return m_engine->session();
}

std::optional<County> Backend::county() {
    return readCounty(*sql());
}

void Backend::init(const County& county, std::int64_t nowMs) {
    auto s = sql();
    SqlTransaction tx(*s);
    // The single county row's key decides a race between two inits.
    const auto added = s->exec(
        "INSERT INTO county(id, code, name, seal_public, seal_secret, created_at) "
        "VALUES(1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
        {county.code, county.name, county.seal.publicKey, county.seal.secretKey, nowMs});
    if (added == 0) throw BackendError("the database is already initialised");
    s->exec(
        "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {std::int64_t{county.signKeyId}, county.code, county.sign.publicKey, county.sign.secretKey,
         nowMs});
    tx.commit();
}

std::vector<SigningKey> Backend::signingKeys() {
    return readSigningKeys(*sql());
}

std::uint16_t Backend::rotateSigningKey(std::int64_t nowMs) {
    auto s = sql();
    SqlTransaction tx(*s);
    // Two rotations at once: the second waits here and then takes the id after the first one.
    serialiseWriters(*s, "sign_key");
    const auto c = readCounty(*s);
    if (!c) throw BackendError("the database is not initialised");
    const std::int64_t next =
        s->query("SELECT COALESCE(MAX(key_id), 0) FROM sign_key")[0].integer(0) + 1;
    if (next > 65535) throw BackendError("no signing key ids left");
    const auto keys = platform::makeSignKeyPair();
    s->exec(
        "INSERT INTO sign_key(key_id, county, public_key, secret_key, created_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {next, c->code, keys.publicKey, keys.secretKey, nowMs});
    tx.commit();
    return static_cast<std::uint16_t>(next);
}

void Backend::addStation(const StationRow& st) {
    const auto added = sql()->exec(
        "INSERT INTO station(id, name, secret, created_at) VALUES($1, $2, $3, $4) "
        "ON CONFLICT (id) DO NOTHING",
        {st.id, st.name, st.secret, st.createdAtMs});
    if (added == 0) throw BackendError("station " + st.id + " is already registered");
}

std::optional<StationRow> Backend::station(const std::string& id) {
    const auto rows = sql()->query(
        "SELECT id, name, secret, created_at, last_seen, clock_offset, app_version FROM station "
        "WHERE id = $1",
        {id});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    return StationRow{r.text(0),    r.text(1),    r.bytes(2), r.integer(3),
                      r.integer(4), r.integer(5), r.text(6)};
}

bool Backend::noteRequest(const std::string& station, const std::string& signature,
                          std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t clockOffsetMs,
                          const std::string& appVersion) {
    auto s = sql();
    // The note needs no sync of its own: every API call is idempotent (a replayed batch is a
    // duplicate), and the next durable commit (the batch itself) carries it.
    SqlTransaction tx(*s, TxMode::Unsynced);
    // Expired signatures can never be replayed (their timestamps are stale): one thread prunes
    // them now and then, not every request.
    std::int64_t last = m_lastPruneMs.load();
    if (nowMs - last > 60'000 && m_lastPruneMs.compare_exchange_strong(last, nowMs))
        s->exec("DELETE FROM seen_signature WHERE expires_at < $1", {nowMs});
    // A concurrent insert of the same signature waits for this one and then does nothing, so
    // exactly one of two simultaneous replays wins.
    const auto seen = s->exec(
        "INSERT INTO seen_signature(signature, station, expires_at) VALUES($1, $2, $3) "
        "ON CONFLICT (signature) DO NOTHING",
        {signature, station, expiresAtMs});
    if (seen == 0) return false;  // rolls back: nothing to keep
    s->exec(
        "UPDATE station SET last_seen = $1, clock_offset = $2, app_version = "
        "CASE WHEN CAST($3 AS TEXT) = '' THEN app_version ELSE CAST($3 AS TEXT) END WHERE id = $4",
        {nowMs, clockOffsetMs, appVersion, station});
    tx.commit();
    return true;
}

BatchResponse Backend::storeBatch(const BatchRequest& batch, std::int64_t nowMs) {
    auto s = sql();
    for (int attempt = 1;; ++attempt) {
        try {
            SqlTransaction tx(*s);
            lockRecordIds(*s, batch.records);
            BatchResponse response = ingestBatch(*s, batch, nowMs);
            tx.commit();
            return response;
        } catch (const SqlError& e) {
            // A deadlock the id locks do not prevent (e.g. on concern rows) aborts one batch,
            // which is then simply run again.
            if (!e.retryable() || attempt == kBatchAttempts) throw;
        }
    }
}

void Backend::importRoster(const std::string& station, const json& config) {
    checkRoster(station, config);
    const json stationObj = config.value("station", json::object());
    const json deputies = config.value("deputies", json::array());
    const json slots = config.value("slots", json::array());

    auto s = sql();
    SqlTransaction tx(*s);
    // The row lock taken here also serialises two imports for the same station.
    if (s->exec("UPDATE station SET config = $1 WHERE id = $2", {stationObj.dump(), station}) == 0)
        throw BackendError("no station " + station + " is registered");
    s->exec("DELETE FROM deputy WHERE station = $1", {station});
    s->exec("DELETE FROM slot WHERE station = $1", {station});
    std::int64_t seq = 0;
    for (const auto& d : deputies)
        s->exec("INSERT INTO deputy(station, seq, id, data) VALUES($1, $2, $3, $4)",
                {station, seq++, stringField(d, "id"), d.dump()});
    seq = 0;
    for (const auto& slot : slots)
        s->exec("INSERT INTO slot(station, seq, data) VALUES($1, $2, $3)",
                {station, seq++, slot.dump()});
    tx.commit();
}

StationConfig Backend::stationConfig(const std::string& stationId) {
    auto s = sql();
    // One snapshot for all the reads, so the ETag matches one consistent state.
    SqlTransaction tx(*s, TxMode::Snapshot);
    const auto c = readCounty(*s);
    if (!c) throw BackendError("the database is not initialised");
    const auto st = s->query("SELECT name, config FROM station WHERE id = $1", {stationId});
    if (st.empty()) throw BackendError("no station " + stationId + " is registered");
    // Until a roster is imported the county has no station record to impose: leaving "station"
    // out keeps the kiosk's own address and hotline (stations apply it only when present).
    std::optional<json> station;
    if (!st[0].isNull(1)) {
        station = json::parse(st[0].text(1));
        if (!station->contains("name")) (*station)["name"] = st[0].text(0);
        // The county decides these, whatever an imported file says: a station sealing to any
        // other key would upload contact data nobody can read.
        (*station)["id"] = stationId;
        (*station)["county_code"] = c->code;
        (*station)["seal_key"] = platform::toBase64(c->seal.publicKey);
    }

    json deputies = json::array(), slots = json::array(), revoked = json::array();
    for (const auto& r :
         s->query("SELECT data FROM deputy WHERE station = $1 ORDER BY seq", {stationId}))
        deputies.push_back(json::parse(r.text(0)));
    for (const auto& r :
         s->query("SELECT data FROM slot WHERE station = $1 ORDER BY seq", {stationId}))
        slots.push_back(json::parse(r.text(0)));
    // Byte order whatever the database's locale, so both engines give the same ETag.
    for (const auto& r : s->query("SELECT serial FROM revoked ORDER BY serial" +
                                  std::string(byteOrder(s->dialect()))))
        revoked.push_back(r.text(0));

    StationConfig config;
    config.body = {{"deputies", std::move(deputies)},
                   {"slots", std::move(slots)},
                   {"announcements", json::array()},
                   {"sign_keys", toJson(readSigningKeys(*s))},
                   {"revoked", std::move(revoked)}};
    tx.commit();
    if (station) config.body["station"] = std::move(*station);
    // A hash of the content: it changes exactly when anything the station receives changes.
    config.etag = platform::toHex(platform::sha256(config.body.dump())).substr(0, 32);
    config.body["etag"] = config.etag;
    return config;
}

std::vector<ConcernUpdate> Backend::updates(const std::string& station, std::int64_t cursor,
                                            std::size_t limit) {
    std::vector<ConcernUpdate> out;
    for (const auto& r :
         sql()->query("SELECT cursor, concern, receipt, status, answer, note, at, summary FROM "
                      "concern_update WHERE station = $1 AND cursor > $2 ORDER BY cursor LIMIT $3",
                      {station, cursor, static_cast<std::int64_t>(limit)}))
        out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                       r.integer(6), r.text(7)});
    return out;
}

std::vector<StoredRecord> Backend::records(std::string_view type) {
    std::vector<StoredRecord> out;
    for (const auto& r :
         sql()->query("SELECT id, type, created_at, payload, station, received_at FROM record "
                      "WHERE type = $1 ORDER BY seq",
                      {std::string(type)}))
        out.push_back({{r.text(0), r.text(1), r.integer(2), r.text(3)}, r.text(4), r.integer(5)});
    return out;
}

std::int64_t Backend::conflictCount() {
    return sql()->query("SELECT count(*) FROM conflict")[0].integer(0);
}

std::unique_ptr<Backend> openBackend(std::string_view url, bool create) {
    std::unique_ptr<SqlEngine> engine;
    if (url.starts_with("postgresql:") || url.starts_with("postgres:")) {
        engine = openPostgresEngine(std::string(url));
    } else {
        if (!url.starts_with("sqlite:"))
            throw std::invalid_argument("--db must be sqlite:PATH or postgresql://…");
        const std::string path(url.substr(7));
        if (path.empty()) throw std::invalid_argument("--db sqlite: needs a file path");
        if (!create && !std::filesystem::exists(path))
            throw BackendError(path + " does not exist (run county-server … init first)");
        engine = openSqliteEngine(path);
    }
    migrateCounty(*engine->session(), create);
    return std::make_unique<Backend>(std::move(engine));
}

}  // namespace csync::server
