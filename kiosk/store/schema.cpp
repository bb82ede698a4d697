#include "kiosk/store/schema.hpp"

#include <string>
#include <vector>

#include "kiosk/store/store_error.hpp"

namespace kiosk::store {
namespace {

std::vector<std::string>& extraMigrations() {
    static std::vector<std::string> extra;
    return extra;
}

// Never edit a migration that has shipped; add a new one. A migration must work inside a
// transaction (no PRAGMA foreign_keys, no VACUUM).
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list{
        // 1: the first schema.
        R"sql(
CREATE TABLE station (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  county_code TEXT NOT NULL,
  utc_offset_min INTEGER NOT NULL DEFAULT 480,
  seal_key TEXT NOT NULL DEFAULT '',
  hotline TEXT NOT NULL DEFAULT ''
);
CREATE TABLE deputy (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('national','provincial','city','county','township')),
  work_unit TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  photo BLOB,
  show_name INTEGER NOT NULL DEFAULT 1,
  show_photo INTEGER NOT NULL DEFAULT 0,
  show_work_unit INTEGER NOT NULL DEFAULT 0,
  show_phone INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE slot (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  CHECK (end_min > start_min)
);
CREATE TABLE slot_deputy (
  slot_id TEXT NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
  deputy_id TEXT NOT NULL REFERENCES deputy(id),
  PRIMARY KEY (slot_id, deputy_id)
);
CREATE TABLE checkin (
  id TEXT PRIMARY KEY,
  deputy_id TEXT NOT NULL REFERENCES deputy(id),
  at INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in','out')),
  method TEXT NOT NULL CHECK (method IN ('qr','staff')),
  key_id TEXT NOT NULL DEFAULT '',
  planned INTEGER NOT NULL
);
CREATE INDEX checkin_at ON checkin(at);
CREATE TABLE concern (
  id TEXT PRIMARY KEY,
  receipt TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  deputy_id TEXT REFERENCES deputy(id),
  taken_by TEXT NOT NULL,
  disposition TEXT NOT NULL DEFAULT 'pending',
  disposition_note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'received',
  satisfaction TEXT,
  answer TEXT NOT NULL DEFAULT '',
  contact_sealed BLOB
);
CREATE TABLE concern_status (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  concern_id TEXT NOT NULL REFERENCES concern(id),
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX concern_status_concern ON concern_status(concern_id);
CREATE TABLE ledger (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  activity TEXT NOT NULL,
  slot_id TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
  deputies TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ledger_at ON ledger(at);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  acked_at INTEGER
);
CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;
)sql",
        // 2: settings (staff PIN hash and lockout, sync cursors) and concern lookups by day.
        R"sql(
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE INDEX concern_created ON concern(created_at);
)sql",
        // 3: the results board on years of concerns: published answers and their answer time
        // without reading every concern (issue 13).
        R"sql(
CREATE INDEX concern_published ON concern(status) WHERE answer <> '';
CREATE INDEX concern_status_by_kind ON concern_status(concern_id, status, at);
)sql",
        // 4: what changed, by topic, counted by triggers on every connection: the kiosk
        // re-reads the results board and the roster only when theirs moved (issue 13).
        R"sql(
CREATE TABLE change_count (
  topic TEXT PRIMARY KEY,
  n INTEGER NOT NULL
);
INSERT INTO change_count(topic, n) VALUES ('board', 0), ('roster', 0);
CREATE TRIGGER board_concern_insert AFTER INSERT ON concern WHEN NEW.answer <> '' BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'board';
END;
CREATE TRIGGER board_concern_update AFTER UPDATE OF status, answer, satisfaction ON concern BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'board';
END;
CREATE TRIGGER board_concern_delete AFTER DELETE ON concern BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'board';
END;
CREATE TRIGGER board_status_insert AFTER INSERT ON concern_status WHEN NEW.status = 'answered' BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'board';
END;
CREATE TRIGGER roster_deputy_insert AFTER INSERT ON deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_deputy_update AFTER UPDATE ON deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_deputy_delete AFTER DELETE ON deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_insert AFTER INSERT ON slot BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_update AFTER UPDATE ON slot BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_delete AFTER DELETE ON slot BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_deputy_insert AFTER INSERT ON slot_deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_deputy_update AFTER UPDATE ON slot_deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
CREATE TRIGGER roster_slot_deputy_delete AFTER DELETE ON slot_deputy BEGIN
  UPDATE change_count SET n = n + 1 WHERE topic = 'roster';
END;
)sql",
        // 5: the board's latest answers ordered from the index alone (id and ask time in it),
        // the rows read only for the 200 shown.
        R"sql(
DROP INDEX concern_published;
CREATE INDEX concern_published ON concern(status, id, created_at) WHERE answer <> '';
)sql",
        // 6: staff sign deputies in by hand with a reason, and correct a wrong check-in by a
        // record that voids it (issue 13).
        R"sql(
ALTER TABLE checkin ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE checkin ADD COLUMN voids TEXT NOT NULL DEFAULT '';
CREATE INDEX checkin_voids ON checkin(voids) WHERE voids <> '';
)sql",
        // 7: the results board shows the county's anonymised summary (公示摘要) of what was
        // raised above its answer (issue 13).
        R"sql(
ALTER TABLE concern ADD COLUMN public_summary TEXT NOT NULL DEFAULT '';
)sql",
        // 8: named liaison officers (联络员), each with their own PIN, recorded on what they
        // take, check in and enter (issue 13). The name is copied onto records: an officer who
        // leaves is removed from the login list, their records keep who took them. And the
        // staff list's counts by stage and age from an index (6.5 → 0.5–1.8 ms on 20,000).
        R"sql(
CREATE TABLE liaison_officer (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  pin_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
ALTER TABLE concern ADD COLUMN officer TEXT NOT NULL DEFAULT '';
ALTER TABLE checkin ADD COLUMN officer TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger ADD COLUMN officer TEXT NOT NULL DEFAULT '';
CREATE INDEX concern_stage ON concern(status, created_at);
)sql",
    };
    return list;
}

}  // namespace

int latestSchemaVersion() {
    return static_cast<int>(migrations().size() + extraMigrations().size());
}

void setExtraMigrationsForTest(std::vector<std::string> sql) {
    extraMigrations() = std::move(sql);
}

int schemaVersion(Database& db) {
    return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

void migrate(Database& db, int target, const std::function<void(int)>& beforeUpgrade) {
    const int latest = latestSchemaVersion();
    if (target < 0) target = latest;
    const int current = schemaVersion(db);
    if (current > latest)
        throw StoreError(StoreErrorKind::SchemaTooNew,
                         "database schema version " + std::to_string(current) +
                             " is newer than this program supports (" + std::to_string(latest) +
                             "); install a newer station-kiosk");
    if (current >= target) return;
    // All or none: user_version lives in the file header and rolls back with the rest. The
    // write lock is taken before the version is read again, so of two programs opening the
    // file at once only one upgrades (and backs up) and the other finds it done.
    Transaction upgrade(db);
    const int from = schemaVersion(db);
    if (from >= target) {
        upgrade.commit();
        return;
    }
    if (beforeUpgrade) beforeUpgrade(from);
    for (int v = from; v < target; ++v) {
        const auto i = static_cast<std::size_t>(v);
        try {
            Transaction step(db);
            db.exec(i < migrations().size() ? std::string(migrations()[i])
                                            : extraMigrations()[i - migrations().size()]);
            db.exec("PRAGMA user_version = " + std::to_string(v + 1));
            step.commit();
        } catch (const SqliteError& e) {
            throw StoreError(StoreErrorKind::MigrationFailed,
                             "migration to schema version " + std::to_string(v + 1) +
                                 " failed: " + e.what() + "; the database stays at version " +
                                 std::to_string(from));
        }
    }
    try {
        upgrade.commit();
    } catch (const SqliteError& e) {
        throw StoreError(StoreErrorKind::MigrationFailed,
                         std::string("upgrade commit failed: ") + e.what());
    }
}

}  // namespace kiosk::store
