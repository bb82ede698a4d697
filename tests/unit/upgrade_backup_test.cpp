// Upgrades and backups of the station database on real files: a database of the previous schema
// migrates with a backup first and keeps every record; a failing migration changes nothing;
// online backups while another connection writes; restore round trips.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "../support/store_fixture.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/store_error.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

// Every row of every table, as text, keyed by table; only the columns given (those of the old
// schema), so a later migration that adds columns does not count as a change.
using Dump = std::map<std::string, std::vector<std::string>>;
using Columns = std::map<std::string, std::vector<std::string>>;

Columns columnsOf(store::Database& db) {
    Columns out;
    store::Statement tables(db,
                            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT "
                            "LIKE 'sqlite_%' ORDER BY name");
    while (tables.step()) {
        const std::string t = tables.getText(0);
        store::Statement cols(db, "SELECT name FROM pragma_table_info('" + t + "')");
        while (cols.step()) out[t].push_back(cols.getText(0));
    }
    return out;
}

Dump dump(store::Database& db, const Columns& columns) {
    Dump out;
    for (const auto& [table, cols] : columns) {
        std::string select;
        for (const auto& c : cols)
            select += (select.empty() ? "" : " || '|' || ") + std::string("quote(") + c + ")";
        store::Statement st(db, "SELECT " + select + " FROM " + table + " ORDER BY rowid");
        auto& rows = out[table];
        while (st.step()) rows.push_back(st.getText(0));
    }
    return out;
}

// Schema 1 filled with records in every table (written with SQL: the repositories of today
// may use tables schema 1 does not have).
void fillSchemaOne(store::Database& db) {
    db.exec(R"sql(
INSERT INTO station VALUES (1, '430321-old', '旧版联络站', '老街1号', '430321', 480, 'a2V5', '0732-1');
INSERT INTO deputy VALUES ('d1', '张三', 'township', '村委会', '13800000001', x'89504e47', 1, 1, 1, 0, 1);
INSERT INTO deputy VALUES ('d2', '陈𬌗', 'county', '', '', NULL, 1, 0, 0, 0, 1);
INSERT INTO slot VALUES ('s1', '2026-11-15', 540, 720, '联络站', 'reception_day', '');
INSERT INTO slot_deputy VALUES ('s1', 'd1');
INSERT INTO checkin(id, deputy_id, at, direction, method, key_id, planned) VALUES ('c1', 'd1', 1763170000000, 'in', 'qr', '1', 1);
INSERT INTO concern(id, receipt, created_at, category, text, place, deputy_id, taken_by, disposition,
  disposition_note, status, satisfaction, answer, contact_sealed) VALUES ('q1', 'ACD3E4F6G', 1763170100000, 'rural', '水渠堵了', '石塘村',
  'd1', 'self', 'pending', '', 'received', NULL, '', x'00ff');
INSERT INTO concern(id, receipt, created_at, category, text, place, deputy_id, taken_by, disposition,
  disposition_note, status, satisfaction, answer, contact_sealed) VALUES ('q2', 'HJK7M8N9P', 1763170200000, 'other', '路灯坏了', '', NULL,
  'liaison', 'answered_on_site', '当场答复', 'answered', 'satisfied', '已修好', NULL);
INSERT INTO concern_status(concern_id, status, at, note) VALUES ('q1', 'received', 1763170100000, '');
INSERT INTO concern_status(concern_id, status, at, note) VALUES ('q2', 'answered', 1763170300000, '修好了');
INSERT INTO ledger(id, at, activity, slot_id, people, deputies, notes) VALUES ('l1', 1763170000000, 'reception_day', 's1', 6, '["d1"]', '接待群众来访');
INSERT INTO outbox(id, type, created_at, payload, acked_at) VALUES ('q1', 'concern', 1763170100000, '{}', NULL);
INSERT INTO outbox(id, type, created_at, payload, acked_at) VALUES ('c1', 'checkin', 1763170000000, '{}', 1763170400000);
)sql");
}

// Extra migrations for one test, removed again whatever happens.
struct ExtraMigrations {
    explicit ExtraMigrations(std::vector<std::string> sql) {
        store::setExtraMigrationsForTest(std::move(sql));
    }
    ~ExtraMigrations() { store::setExtraMigrationsForTest({}); }
};

std::vector<fs::path> withPrefix(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().starts_with(prefix)) out.push_back(e.path());
    return out;
}

unsigned mode(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

class Upgrade : public ::testing::Test {
protected:
    std::string db() const { return m_dir.file("station.db"); }
    testsupport::TempDir m_dir;
    platform::ManualClock m_clock{
        domain::fromLocal({2026, 11, 15}, 10 * 60, domain::kChinaUtcOffsetMinutes)};
};

}  // namespace

TEST_F(Upgrade, PreviousSchemaMigratesWithABackupAndKeepsEveryRecord) {
    const int previous = store::latestSchemaVersion() - 1;
    ASSERT_GE(previous, 1);
    Columns columns;
    Dump before;
    {
        store::Database old(db());
        old.exec("PRAGMA journal_mode = WAL");
        store::migrate(old, previous);
        ASSERT_EQ(store::schemaVersion(old), previous);
        fillSchemaOne(old);
        // Schema 2's own table: a station setting, as every station has by then.
        if (previous >= 2)
            old.exec("INSERT INTO setting(key, value) VALUES('kiosk.large_text_default', '1')");
        columns = columnsOf(old);
        before = dump(old, columns);
    }
    for (const auto& [table, rows] : before) EXPECT_FALSE(rows.empty()) << table << " is empty";

    store::StationStore opened(db(), m_clock);
    EXPECT_EQ(store::schemaVersion(opened.db()), store::latestSchemaVersion());
    EXPECT_EQ(dump(opened.db(), columns), before);
    EXPECT_EQ(opened.integrityCheck(), "ok");
    // The repositories read the old records.
    EXPECT_EQ(opened.station().get()->name, "旧版联络站");
    EXPECT_EQ(opened.concerns().list().size(), 2u);
    EXPECT_EQ(opened.roster().deputies().size(), 2u);
    EXPECT_EQ(opened.outbox().counts().pending, 1);

    // The backup is the old file as it was, readable, private, named after the new version.
    const std::string backup = opened.upgradeBackup();
    EXPECT_EQ(backup,
              db() + ".before-v" + std::to_string(store::latestSchemaVersion()) + "-20261115");
    ASSERT_TRUE(fs::exists(backup));
    EXPECT_EQ(mode(backup), 0600u);
    store::Database copy(backup, true);
    EXPECT_EQ(store::schemaVersion(copy), previous);
    EXPECT_EQ(dump(copy, columns), before);

    // Opening again needs no upgrade and writes no second backup.
    store::StationStore again(db(), m_clock);
    EXPECT_TRUE(again.upgradeBackup().empty());
    EXPECT_EQ(withPrefix(m_dir.path(), "station.db.before-").size(), 1u);
}

TEST_F(Upgrade, AFailingMigrationLeavesTheOldDataUntouched) {
    Columns columns;
    Dump before;
    {
        store::Database old(db());
        store::migrate(old);
        fillSchemaOne(old);
        columns = columnsOf(old);
        before = dump(old, columns);
    }
    const int current = store::latestSchemaVersion();
    {
        // The first extra migration works, the second fails: neither may stay.
        ExtraMigrations extra({"ALTER TABLE concern ADD COLUMN extra TEXT;",
                               "INSERT INTO no_such_table VALUES (1);"});
        try {
            store::StationStore opened(db(), m_clock);
            ADD_FAILURE() << "the store opened on a failed upgrade";
        } catch (const store::StoreError& e) {
            EXPECT_EQ(e.kind(), store::StoreErrorKind::MigrationFailed);
            EXPECT_EQ(store::messageKey(e), "error.migration_failed");
            EXPECT_NE(std::string(e.what()).find("before-v"), std::string::npos) << e.what();
        }
        // A second start (systemd restarts the kiosk) fails the same way, no second copy.
        EXPECT_THROW(store::StationStore(db(), m_clock), store::StoreError);
    }
    store::Database after(db(), true);
    EXPECT_EQ(store::schemaVersion(after), current);
    EXPECT_EQ(columnsOf(after), columns);  // no "extra" column
    EXPECT_EQ(dump(after, columns), before);
    EXPECT_EQ(after.queryText("PRAGMA integrity_check"), "ok");
    EXPECT_TRUE(withPrefix(m_dir.path(), "station.db.corrupt-").empty());
    const auto backups =
        withPrefix(m_dir.path(), "station.db.before-v" + std::to_string(current + 2) + "-");
    ASSERT_EQ(backups.size(), 1u);
    store::Database copy(backups[0].string(), true);
    EXPECT_EQ(dump(copy, columns), before);

    // With the broken migration gone (the old package back), the data opens as before.
    store::StationStore reopened(db(), m_clock);
    EXPECT_EQ(reopened.concerns().list().size(), 2u);
}

class Backup : public testsupport::StoreTest {
protected:
    domain::ConcernInput concern(int i) {
        domain::ConcernInput in;
        in.category = domain::Category::Rural;
        in.text = "第" + std::to_string(i) + "件：水渠堵了";
        return in;
    }
};

TEST_F(Backup, WhileAnotherConnectionWritesTheCopyIsConsistent) {
    configureStation();
    for (int i = 0; i < 20; ++i) store().concerns().add(concern(i));
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        store::StationStore other(dbPath(), m_clock);
        for (int i = 0; i < 2000 && !stop; ++i) {
            other.concerns().add(concern(100 + i));
            ++written;
        }
    });
    // Back up only once the writer is really writing.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (written < 5 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto committedBefore = store().concerns().list().size();
    const std::string file = m_dir.file("copy.db");
    const auto info = store::backupStation(dbPath(), file);
    const int writtenAfter = written;
    stop = true;
    writer.join();
    ASSERT_GE(writtenAfter, 5);

    EXPECT_EQ(mode(file), 0600u);
    EXPECT_FALSE(fs::exists(file + ".partial"));
    EXPECT_GE(info.concerns, static_cast<std::int64_t>(committedBefore));
    store::Database copy(file, true);
    EXPECT_EQ(copy.queryText("PRAGMA integrity_check"), "ok");
    // Every concern in the copy is a committed one with its outbox row (same transaction).
    std::set<std::string> source;
    for (const auto& c : store().concerns().list()) source.insert(c.id);
    store::Statement st(copy, "SELECT id FROM concern");
    int n = 0;
    while (st.step()) {
        EXPECT_TRUE(source.count(st.getText(0)));
        ++n;
    }
    EXPECT_EQ(n, info.concerns);
    EXPECT_EQ(copy.queryInt("SELECT count(*) FROM outbox WHERE type = 'concern'"), n);
}

TEST_F(Backup, RestoreRoundTripKeepsEveryRecordAndTheCurrentData) {
    configureStation();
    addDeputy("d01");
    for (int i = 0; i < 5; ++i) store().concerns().add(concern(i));
    const std::string file = m_dir.file("backup.db");
    store::backupStation(dbPath(), file);
    const auto saved = store().concerns().list();
    // Later work that the restore will take back (it stays in the kept copy).
    store().concerns().add(concern(99));
    store().station().setSetting("later", "1");
    m_store.reset();

    m_clock.advance(3600'000);
    const auto r = store::restoreStation(dbPath(), file, m_clock);
    EXPECT_EQ(r.restored.concerns, 5);
    EXPECT_EQ(r.keptCopy, dbPath() + ".before-restore-20261115-110000");
    reopen();
    const auto restored = store().concerns().list();
    ASSERT_EQ(restored.size(), saved.size());
    for (std::size_t i = 0; i < saved.size(); ++i) {
        EXPECT_EQ(restored[i].id, saved[i].id);
        EXPECT_EQ(restored[i].receipt, saved[i].receipt);
        EXPECT_EQ(restored[i].text, saved[i].text);
    }
    EXPECT_EQ(store().roster().deputies().size(), 1u);
    EXPECT_FALSE(store().station().setting("later"));
    EXPECT_EQ(store().integrityCheck(), "ok");
    store::StationStore kept(r.keptCopy, m_clock);
    EXPECT_EQ(kept.concerns().list().size(), 6u);
    EXPECT_EQ(kept.station().setting("later"), "1");
}

TEST_F(Backup, RestoreRefusesWhatIsNotAStationDatabase) {
    configureStation();
    store().concerns().add(concern(1));
    m_store.reset();
    const auto files = std::vector<std::pair<std::string, std::string>>{{"text.db", "这不是数据库"},
                                                                        {"empty.db", ""}};
    for (const auto& [name, content] : files) {
        std::ofstream(m_dir.file(name)) << content;
        try {
            store::restoreStation(dbPath(), m_dir.file(name), m_clock);
            ADD_FAILURE() << name << " was restored";
        } catch (const store::StoreError& e) {
            EXPECT_EQ(e.kind(), store::StoreErrorKind::NotStationFile) << name;
        }
    }
    {
        store::Database other(m_dir.file("other.db"));
        other.exec("CREATE TABLE t(x); PRAGMA user_version = 1;");
    }
    EXPECT_THROW(store::restoreStation(dbPath(), m_dir.file("other.db"), m_clock),
                 store::StoreError);
    EXPECT_THROW(store::restoreStation(dbPath(), m_dir.file("missing.db"), m_clock),
                 store::StoreError);
    EXPECT_THROW(store::restoreStation(dbPath(), dbPath(), m_clock), store::StoreError);
    // Nothing was replaced or kept aside.
    EXPECT_TRUE(withPrefix(m_dir.path(), "station.db.before-restore").empty());
    reopen();
    EXPECT_EQ(store().concerns().list().size(), 1u);
}
