// The staff side's tables, beside the sync tables of each backend. Written in the dialect both
// SQLite and PostgreSQL accept, created on first start (IF NOT EXISTS keeps it idempotent).
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {
namespace {

constexpr const char* kTables[] = {
    // Staff accounts; pw_hash is a libsodium argon2id string.
    "CREATE TABLE IF NOT EXISTS staff_user(name TEXT PRIMARY KEY, display TEXT NOT NULL, "
    "role TEXT NOT NULL, pw_hash TEXT NOT NULL, active BIGINT NOT NULL DEFAULT 1, "
    "created_at BIGINT NOT NULL)",
    // Sessions by the sha256 of the cookie, so a copy of the database logs nobody in.
    "CREATE TABLE IF NOT EXISTS staff_session(token_hash TEXT PRIMARY KEY, "
    "user_name TEXT NOT NULL, csrf TEXT NOT NULL, created_at BIGINT NOT NULL, "
    "expires_at BIGINT NOT NULL)",
    // Failed logins per "user:NAME" and per "ip:ADDR".
    "CREATE TABLE IF NOT EXISTS login_throttle(key TEXT PRIMARY KEY, failures BIGINT NOT NULL, "
    "first_at BIGINT NOT NULL, locked_until BIGINT NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS audit_log(id TEXT PRIMARY KEY, at BIGINT NOT NULL, "
    "user_name TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, "
    "detail TEXT NOT NULL, remote TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at)",
    // The county's handling of a concern (the concern table holds what stations sent).
    "CREATE TABLE IF NOT EXISTS concern_work(concern TEXT PRIMARY KEY, "
    "organ TEXT NOT NULL DEFAULT '', disposition TEXT NOT NULL DEFAULT '', "
    "answer_draft TEXT NOT NULL DEFAULT '', published_at BIGINT NOT NULL DEFAULT 0, "
    "closed_at BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL DEFAULT 0)",
    // The 公示摘要 written with the answer, for the station's results board (its own table:
    // concern_work predates it, and these tables are created, never altered).
    "CREATE TABLE IF NOT EXISTS concern_summary(concern TEXT PRIMARY KEY, "
    "summary TEXT NOT NULL, updated_at BIGINT NOT NULL)",
    // The history shown on a concern's page: who did what when.
    "CREATE TABLE IF NOT EXISTS concern_event(id TEXT PRIMARY KEY, concern TEXT NOT NULL, "
    "at BIGINT NOT NULL, user_name TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS concern_event_concern ON concern_event(concern, at)",
    // County-wide settings such as the public URL of the progress page.
    "CREATE TABLE IF NOT EXISTS office_setting(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    // Deputy duty cards issued from the staff pages.
    "CREATE TABLE IF NOT EXISTS deputy_card(serial TEXT PRIMARY KEY, deputy TEXT NOT NULL, "
    "station TEXT NOT NULL, key_id BIGINT NOT NULL, valid_from BIGINT NOT NULL, "
    "valid_until BIGINT NOT NULL, token TEXT NOT NULL, issued_at BIGINT NOT NULL, "
    "issued_by TEXT NOT NULL, revoked_at BIGINT NOT NULL DEFAULT 0)",
    // What each station reported on its last config download: records still waiting in its
    // outbox (x-queue-length; kept out of the batch path, where ingest speed matters).
    "CREATE TABLE IF NOT EXISTS station_status(station TEXT PRIMARY KEY, waiting BIGINT NOT NULL, "
    "reported_at BIGINT NOT NULL)",
    // Announcements for every station of the county (announcement_store.hpp).
    "CREATE TABLE IF NOT EXISTS announcement(id TEXT PRIMARY KEY, title TEXT NOT NULL, "
    "body TEXT NOT NULL, from_ms BIGINT NOT NULL, until_ms BIGINT NOT NULL, "
    "created_at BIGINT NOT NULL, created_by TEXT NOT NULL, ended_by TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS announcement_until ON announcement(until_ms)",
};

}  // namespace

void ensureOfficeSchema(SqlSession& sql) {
    for (const char* statement : kTables) sql.exec(statement);
}

}  // namespace csync::server::staff
