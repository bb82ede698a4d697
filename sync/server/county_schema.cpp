#include "sync/server/county_schema.hpp"

#include <string>
#include <vector>

#include "sync/server/backend.hpp"

namespace csync::server {
namespace {

// One statement; postgres is null when both engines take the same text.
struct Step {
    const char* sqlite;
    const char* postgres = nullptr;
};

struct Migration {
    int version;
    const char* what;
    std::vector<Step> steps;
};

// Records are kept exactly as received; concern/concern_update rows are projections for lookups
// by receipt and the updates feed. JSON is kept as text, so configs and ETags come out byte for
// byte the same on both engines. PostgreSQL: bytea for keys, bigint for milliseconds, identity
// columns for arrival order and the updates cursor.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         "sync tables",
         {
             {"CREATE TABLE county(id INTEGER PRIMARY KEY CHECK(id = 1), code TEXT NOT NULL, "
              "name TEXT NOT NULL, seal_public BLOB NOT NULL, seal_secret BLOB NOT NULL, "
              "created_at INTEGER NOT NULL)",
              "CREATE TABLE county(id INTEGER PRIMARY KEY CHECK(id = 1), code TEXT NOT NULL, "
              "name TEXT NOT NULL, seal_public BYTEA NOT NULL, seal_secret BYTEA NOT NULL, "
              "created_at BIGINT NOT NULL)"},
             {"CREATE TABLE sign_key(key_id INTEGER PRIMARY KEY, county TEXT NOT NULL, "
              "public_key BLOB NOT NULL, secret_key BLOB NOT NULL, "
              "active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL)",
              "CREATE TABLE sign_key(key_id INTEGER PRIMARY KEY, county TEXT NOT NULL, "
              "public_key BYTEA NOT NULL, secret_key BYTEA NOT NULL, "
              "active BOOLEAN NOT NULL DEFAULT TRUE, created_at BIGINT NOT NULL)"},
             {"CREATE TABLE station(id TEXT PRIMARY KEY, name TEXT NOT NULL, secret BLOB NOT NULL, "
              "created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL DEFAULT 0, "
              "clock_offset INTEGER NOT NULL DEFAULT 0, app_version TEXT NOT NULL DEFAULT '', "
              "config TEXT)",
              "CREATE TABLE station(id TEXT PRIMARY KEY, name TEXT NOT NULL, "
              "secret BYTEA NOT NULL, created_at BIGINT NOT NULL, "
              "last_seen BIGINT NOT NULL DEFAULT 0, clock_offset BIGINT NOT NULL DEFAULT 0, "
              "app_version TEXT NOT NULL DEFAULT '', config TEXT)"},
             {"CREATE TABLE deputy(station TEXT NOT NULL REFERENCES station(id), "
              "seq INTEGER NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, "
              "PRIMARY KEY(station, seq))"},
             {"CREATE TABLE slot(station TEXT NOT NULL REFERENCES station(id), "
              "seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(station, seq))"},
             {"CREATE TABLE revoked(serial TEXT PRIMARY KEY, at INTEGER NOT NULL)",
              "CREATE TABLE revoked(serial TEXT PRIMARY KEY, at BIGINT NOT NULL)"},
             {"CREATE TABLE seen_signature(signature TEXT PRIMARY KEY, station TEXT NOT NULL, "
              "expires_at INTEGER NOT NULL)",
              "CREATE TABLE seen_signature(signature TEXT PRIMARY KEY, station TEXT NOT NULL, "
              "expires_at BIGINT NOT NULL)"},
             {"CREATE INDEX seen_signature_expiry ON seen_signature(expires_at)"},
             {"CREATE TABLE record(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
              "station TEXT NOT NULL REFERENCES station(id), type TEXT NOT NULL, "
              "created_at INTEGER NOT NULL, payload TEXT NOT NULL, batch_id TEXT NOT NULL, "
              "received_at INTEGER NOT NULL)",
              "CREATE TABLE record(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
              "id TEXT NOT NULL UNIQUE, station TEXT NOT NULL REFERENCES station(id), "
              "type TEXT NOT NULL, created_at BIGINT NOT NULL, payload TEXT NOT NULL, "
              "batch_id TEXT NOT NULL, received_at BIGINT NOT NULL)"},
             {"CREATE INDEX record_type ON record(type, seq)"},
             {"CREATE TABLE conflict(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, "
              "station TEXT NOT NULL, type TEXT NOT NULL, created_at INTEGER NOT NULL, "
              "payload TEXT NOT NULL, batch_id TEXT NOT NULL, received_at INTEGER NOT NULL, "
              "reason TEXT NOT NULL)",
              "CREATE TABLE conflict(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
              "id TEXT NOT NULL, station TEXT NOT NULL, type TEXT NOT NULL, "
              "created_at BIGINT NOT NULL, payload TEXT NOT NULL, batch_id TEXT NOT NULL, "
              "received_at BIGINT NOT NULL, reason TEXT NOT NULL)"},
             {"CREATE TABLE concern(id TEXT PRIMARY KEY, station TEXT NOT NULL, "
              "receipt TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, "
              "disposition TEXT, satisfaction TEXT, answer TEXT NOT NULL DEFAULT '', "
              "updated_at INTEGER NOT NULL)",
              "CREATE TABLE concern(id TEXT PRIMARY KEY, station TEXT NOT NULL, "
              "receipt TEXT NOT NULL, created_at BIGINT NOT NULL, status TEXT NOT NULL, "
              "disposition TEXT, satisfaction TEXT, answer TEXT NOT NULL DEFAULT '', "
              "updated_at BIGINT NOT NULL)"},
             {"CREATE INDEX concern_receipt ON concern(receipt)"},
             {"CREATE TABLE concern_update(cursor INTEGER PRIMARY KEY AUTOINCREMENT, "
              "station TEXT NOT NULL, concern TEXT NOT NULL, receipt TEXT NOT NULL, "
              "status TEXT NOT NULL, answer TEXT NOT NULL, note TEXT NOT NULL, "
              "at INTEGER NOT NULL)",
              "CREATE TABLE concern_update(cursor BIGINT GENERATED ALWAYS AS IDENTITY "
              "PRIMARY KEY, station TEXT NOT NULL, concern TEXT NOT NULL, receipt TEXT NOT NULL, "
              "status TEXT NOT NULL, answer TEXT NOT NULL, note TEXT NOT NULL, "
              "at BIGINT NOT NULL)"},
             {"CREATE INDEX concern_update_station ON concern_update(station, cursor)"},
         }},
        {2,
         "the results board's 公示摘要 travels with each published update",
         {{"ALTER TABLE concern_update ADD COLUMN summary TEXT NOT NULL DEFAULT ''"}}},
        // Until version 3 the staff pages and the enrollment codes created their tables on each
        // start, unversioned; IF NOT EXISTS takes over the tables those starts already made.
        {3,
         "office tables and enrollment codes",
         {
             // Staff accounts; pw_hash is a libsodium argon2id string.
             {"CREATE TABLE IF NOT EXISTS staff_user(name TEXT PRIMARY KEY, "
              "display TEXT NOT NULL, role TEXT NOT NULL, pw_hash TEXT NOT NULL, "
              "active BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL)"},
             // Sessions by the sha256 of the cookie, so a copy of the database logs nobody in.
             {"CREATE TABLE IF NOT EXISTS staff_session(token_hash TEXT PRIMARY KEY, "
              "user_name TEXT NOT NULL, csrf TEXT NOT NULL, created_at BIGINT NOT NULL, "
              "expires_at BIGINT NOT NULL)"},
             // Failed logins per "user:NAME" and per "ip:ADDR".
             {"CREATE TABLE IF NOT EXISTS login_throttle(key TEXT PRIMARY KEY, "
              "failures BIGINT NOT NULL, first_at BIGINT NOT NULL, "
              "locked_until BIGINT NOT NULL DEFAULT 0)"},
             {"CREATE TABLE IF NOT EXISTS audit_log(id TEXT PRIMARY KEY, at BIGINT NOT NULL, "
              "user_name TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, "
              "detail TEXT NOT NULL, remote TEXT NOT NULL)"},
             {"CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at)"},
             // The county's handling of a concern (the concern table holds what stations sent).
             {"CREATE TABLE IF NOT EXISTS concern_work(concern TEXT PRIMARY KEY, "
              "organ TEXT NOT NULL DEFAULT '', disposition TEXT NOT NULL DEFAULT '', "
              "answer_draft TEXT NOT NULL DEFAULT '', published_at BIGINT NOT NULL DEFAULT 0, "
              "closed_at BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL DEFAULT 0)"},
             // The 公示摘要 written with the answer, for the station's results board.
             {"CREATE TABLE IF NOT EXISTS concern_summary(concern TEXT PRIMARY KEY, "
              "summary TEXT NOT NULL, updated_at BIGINT NOT NULL)"},
             // The history shown on a concern's page: who did what when.
             {"CREATE TABLE IF NOT EXISTS concern_event(id TEXT PRIMARY KEY, "
              "concern TEXT NOT NULL, at BIGINT NOT NULL, user_name TEXT NOT NULL, "
              "kind TEXT NOT NULL, detail TEXT NOT NULL)"},
             {"CREATE INDEX IF NOT EXISTS concern_event_concern ON concern_event(concern, at)"},
             // County-wide settings such as the public URL of the progress page.
             {"CREATE TABLE IF NOT EXISTS office_setting(key TEXT PRIMARY KEY, "
              "value TEXT NOT NULL)"},
             // Deputy duty cards issued from the staff pages.
             {"CREATE TABLE IF NOT EXISTS deputy_card(serial TEXT PRIMARY KEY, "
              "deputy TEXT NOT NULL, station TEXT NOT NULL, key_id BIGINT NOT NULL, "
              "valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL, token TEXT NOT NULL, "
              "issued_at BIGINT NOT NULL, issued_by TEXT NOT NULL, "
              "revoked_at BIGINT NOT NULL DEFAULT 0)"},
             // What each station reported on its last config download: records still waiting
             // in its outbox (x-queue-length; kept out of the batch path).
             {"CREATE TABLE IF NOT EXISTS station_status(station TEXT PRIMARY KEY, "
              "waiting BIGINT NOT NULL, reported_at BIGINT NOT NULL)"},
             // Announcements for every station of the county (announcement_store.hpp).
             {"CREATE TABLE IF NOT EXISTS announcement(id TEXT PRIMARY KEY, "
              "title TEXT NOT NULL, body TEXT NOT NULL, from_ms BIGINT NOT NULL, "
              "until_ms BIGINT NOT NULL, created_at BIGINT NOT NULL, "
              "created_by TEXT NOT NULL, ended_by TEXT NOT NULL DEFAULT '')"},
             {"CREATE INDEX IF NOT EXISTS announcement_until ON announcement(until_ms)"},
             // lookup: the id the code derives (never the code); sealed: the enrollment file
             // under the code's key, emptied once the code is used, revoked or replaced.
             {"CREATE TABLE IF NOT EXISTS enrollment_code(lookup TEXT PRIMARY KEY, "
              "station TEXT NOT NULL, sealed TEXT NOT NULL, created_at BIGINT NOT NULL, "
              "expires_at BIGINT NOT NULL, used_at BIGINT NOT NULL DEFAULT 0, "
              "used_from TEXT NOT NULL DEFAULT '', revoked_at BIGINT NOT NULL DEFAULT 0, "
              "revoked_why TEXT NOT NULL DEFAULT '')"},
             {"CREATE INDEX IF NOT EXISTS enrollment_code_station ON enrollment_code(station, "
              "created_at)"},
         }},
        // Typed columns filled at ingest from the concern's payload (model::ConcernPayload), so
        // the inbox filters and pages in SQL; rows stored before are filled from their records.
        {4,
         "typed concern columns",
         {
             {"ALTER TABLE concern ADD COLUMN category TEXT NOT NULL DEFAULT ''"},
             {"ALTER TABLE concern ADD COLUMN deputy TEXT NOT NULL DEFAULT ''"},
             {"ALTER TABLE concern ADD COLUMN place TEXT NOT NULL DEFAULT ''"},
             {"ALTER TABLE concern ADD COLUMN taken_by TEXT NOT NULL DEFAULT ''"},
             {"ALTER TABLE concern ADD COLUMN text TEXT NOT NULL DEFAULT ''"},
             {"ALTER TABLE concern ADD COLUMN officer TEXT NOT NULL DEFAULT ''"},
             {"UPDATE concern SET "
              "category = COALESCE(json_extract(r.payload, '$.category'), ''), "
              "deputy = COALESCE(json_extract(r.payload, '$.deputy'), ''), "
              "place = COALESCE(json_extract(r.payload, '$.place'), ''), "
              "taken_by = COALESCE(json_extract(r.payload, '$.taken_by'), ''), "
              "text = COALESCE(json_extract(r.payload, '$.text'), ''), "
              "officer = COALESCE(json_extract(r.payload, '$.officer'), '') "
              "FROM record r WHERE r.id = concern.id",
              "UPDATE concern c SET "
              "category = COALESCE(r.payload::jsonb ->> 'category', ''), "
              "deputy = COALESCE(r.payload::jsonb ->> 'deputy', ''), "
              "place = COALESCE(r.payload::jsonb ->> 'place', ''), "
              "taken_by = COALESCE(r.payload::jsonb ->> 'taken_by', ''), "
              "text = COALESCE(r.payload::jsonb ->> 'text', ''), "
              "officer = COALESCE(r.payload::jsonb ->> 'officer', '') "
              "FROM record r WHERE r.id = c.id"},
             {"CREATE INDEX concern_created ON concern(created_at)"},
         }},
    };
    return list;
}

// Advisory lock key ("csync" in ASCII) held while the schema is checked or created, so two
// servers opening a fresh PostgreSQL database at once do not both create it. (SQLite: the
// write transaction already admits one at a time.)
constexpr std::int64_t kSchemaLock = 0x6373796e63;

bool hasSchema(SqlSession& sql) {
    if (sql.dialect() == SqlDialect::Postgres)
        return sql.query("SELECT to_regclass('schema_version') IS NOT NULL")[0].text(0) == "t";
    return sql.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'county'")
               .size() == 1;
}

void writeVersion(SqlSession& sql, int version) {
    if (sql.dialect() == SqlDialect::Postgres) {
        sql.exec(
            "CREATE TABLE IF NOT EXISTS schema_version(id INTEGER PRIMARY KEY "
            "CHECK(id = 1), version INTEGER NOT NULL)");
        sql.exec(
            "INSERT INTO schema_version(id, version) VALUES(1, $1) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            {std::int64_t{version}});
    } else {
        sql.exec("PRAGMA user_version = " + std::to_string(version));
    }
}

}  // namespace

int countySchemaVersion(SqlSession& sql) {
    if (!hasSchema(sql)) return 0;
    if (sql.dialect() == SqlDialect::Postgres) {
        const auto rows = sql.query("SELECT version FROM schema_version WHERE id = 1");
        return rows.empty() ? 0 : static_cast<int>(rows[0].integer(0));
    }
    return static_cast<int>(sql.query("PRAGMA user_version")[0].integer(0));
}

void migrateCounty(SqlSession& sql, bool create) {
    SqlTransaction tx(sql);
    if (sql.dialect() == SqlDialect::Postgres)
        sql.query("SELECT pg_advisory_xact_lock($1)", {kSchemaLock});
    const bool fresh = !hasSchema(sql);
    if (fresh && !create)
        throw BackendError("the database has no county schema (run county-server … init first)");
    const int version = fresh ? 0 : countySchemaVersion(sql);
    if (!fresh && version < 1) throw BackendError("the database's schema version is missing");
    if (version > kCountySchemaVersion)
        throw BackendError("the database was written by a newer county-server (schema " +
                           std::to_string(version) + ", this one writes " +
                           std::to_string(kCountySchemaVersion) + ")");
    if (version == kCountySchemaVersion) return;
    for (const auto& m : migrations()) {
        if (m.version <= version) continue;
        for (const auto& step : m.steps) {
            const char* text = sql.dialect() == SqlDialect::Postgres && step.postgres
                                   ? step.postgres
                                   : step.sqlite;
            try {
                sql.exec(text);
            } catch (const std::exception& e) {
                // The transaction rolls back: the database stays at its old version.
                throw BackendError("upgrading the database from schema " + std::to_string(version) +
                                   " failed at step " + std::to_string(m.version) + " (" + m.what +
                                   "): " + e.what() + "; nothing was changed");
            }
        }
    }
    writeVersion(sql, kCountySchemaVersion);
    tx.commit();
}

}  // namespace csync::server
