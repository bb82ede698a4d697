#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../support/store_fixture.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/store_error.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

std::vector<fs::path> corruptCopies(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (const auto name = e.path().filename().string();
            name.find(".corrupt-") != std::string::npos && !name.ends_with("-wal") &&
            !name.ends_with("-shm"))
            out.push_back(e.path());
    return out;
}

class Store : public testsupport::StoreTest {};

}  // namespace

TEST_F(Store, OpensWithDurableSettings) {
    auto& db = store().db();
    EXPECT_EQ(db.queryText("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(db.queryInt("PRAGMA synchronous"), 2);  // FULL
    EXPECT_EQ(db.queryInt("PRAGMA foreign_keys"), 1);
    EXPECT_GE(db.queryInt("PRAGMA busy_timeout"), 1000);
    EXPECT_EQ(store::schemaVersion(db), store::latestSchemaVersion());
    EXPECT_EQ(store().integrityCheck(), "ok");
    EXPECT_TRUE(store().movedAsideTo().empty());
}

TEST_F(Store, TransactionRollsBackUnlessCommitted) {
    configureStation();
    {
        store::Transaction tx(store().db());
        store().station().setSetting("k", "v");
    }
    EXPECT_FALSE(store().station().setting("k"));
    {
        store::Transaction tx(store().db());
        store().station().setSetting("k", "v");
        tx.commit();
    }
    EXPECT_EQ(store().station().setting("k"), "v");
}

// Nested transactions are savepoints: an inner one that fails rolls back alone; an outer one
// that does not commit takes everything with it (sync downloads rely on both).
TEST_F(Store, NestedTransactionsAreSavepoints) {
    configureStation();
    {
        store::Transaction outer(store().db());
        store().station().setSetting("a", "1");
        {
            store::Transaction inner(store().db());
            store().station().setSetting("b", "2");
        }  // not committed: only b goes
        {
            store::Transaction inner(store().db());
            store().station().setSetting("c", "3");
            inner.commit();
        }
        outer.commit();
    }
    EXPECT_EQ(store().station().setting("a"), "1");
    EXPECT_FALSE(store().station().setting("b"));
    EXPECT_EQ(store().station().setting("c"), "3");
    {
        store::Transaction outer(store().db());
        {
            store::Transaction inner(store().db());
            store().station().setSetting("d", "4");
            inner.commit();
        }
    }  // the outer rollback undoes the committed inner one
    EXPECT_FALSE(store().station().setting("d"));
}

TEST_F(Store, MigratesFromTheFirstSchemaKeepingEveryRecord) {
    m_store.reset();
    fs::remove(dbPath());
    {
        store::Database db(dbPath());
        store::migrate(db, 1);
        ASSERT_EQ(store::schemaVersion(db), 1);
        db.exec(R"sql(
INSERT INTO station(singleton, id, name, county_code) VALUES (1, 's1', '老站', '430321');
INSERT INTO deputy(id, name, level) VALUES ('d1', '刘堃', 'county');
INSERT INTO concern(id, receipt, created_at, category, text, taken_by)
  VALUES ('c1', '234567892', 1, 'rural', '旧版本记录的意见', 'self');
INSERT INTO concern_status(concern_id, status, at) VALUES ('c1', 'received', 1);
INSERT INTO outbox(id, type, created_at, payload) VALUES ('c1', 'concern', 1, '{}');
)sql");
    }
    reopen();
    EXPECT_EQ(store::schemaVersion(store().db()), store::latestSchemaVersion());
    EXPECT_EQ(store().station().get()->name, "老站");
    EXPECT_EQ(store().roster().deputy("d1")->name, "刘堃");
    const auto concerns = store().concerns().list();
    ASSERT_EQ(concerns.size(), 1u);
    EXPECT_EQ(concerns[0].text, "旧版本记录的意见");
    EXPECT_EQ(store().outbox().counts().pending, 1);
    store().station().setSetting("staff.pin", "x");  // table added by migration 2
    EXPECT_EQ(store().integrityCheck(), "ok");
}

TEST_F(Store, RefusesANewerSchemaAndLeavesTheFileAlone) {
    configureStation();
    store().db().exec("PRAGMA user_version = " + std::to_string(store::latestSchemaVersion() + 1));
    m_store.reset();
    const std::string before = readFile(dbPath());
    try {
        reopen();
        FAIL() << "opened a newer schema";
    } catch (const store::StoreError& e) {
        EXPECT_EQ(e.kind(), store::StoreErrorKind::SchemaTooNew);
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
    }
    EXPECT_EQ(readFile(dbPath()), before);
    EXPECT_TRUE(corruptCopies(m_dir.path()).empty());
}

TEST_F(Store, GarbageFileIsMovedAsideAndAFreshStoreTakesConcerns) {
    m_store.reset();
    fs::remove(dbPath());
    const std::string garbage(10000, 'Z');
    std::ofstream(dbPath(), std::ios::binary) << garbage;
    reopen();
    ASSERT_FALSE(store().movedAsideTo().empty());
    EXPECT_EQ(readFile(store().movedAsideTo()), garbage);
    EXPECT_EQ(store().integrityCheck(), "ok");
    domain::ConcernInput in;
    in.category = domain::Category::Rural;
    in.text = "坏文件之后仍然可以登记";
    EXPECT_FALSE(store().concerns().add(in).receipt.empty());
}

TEST_F(Store, TruncatedFileIsMovedAside) {
    configureStation();
    addDeputy("d1");
    for (int i = 0; i < 200; ++i) {
        domain::ConcernInput in;
        in.text = "意见 " + std::to_string(i) + std::string(200, 'x');
        store().concerns().add(in);
    }
    m_store.reset();  // last connection closes: WAL checkpointed into the main file
    ASSERT_FALSE(fs::exists(dbPath() + "-wal"));
    const auto size = fs::file_size(dbPath());
    fs::resize_file(dbPath(), size / 2);
    reopen();
    EXPECT_FALSE(store().movedAsideTo().empty());
    ASSERT_EQ(corruptCopies(m_dir.path()).size(), 1u);
    EXPECT_EQ(fs::file_size(store().movedAsideTo()), size / 2);
    EXPECT_EQ(store().integrityCheck(), "ok");
    EXPECT_TRUE(store().concerns().list().empty());
}

// The kiosk opens without reading every page (start-up stays fast on years of data) and checks
// in the background: what the check finds is marked, and the next open moves the file aside.
TEST_F(Store, ADeferredCheckFindsDamageAndTheNextOpenMovesItAside) {
    configureStation();
    for (int i = 0; i < 200; ++i) {
        domain::ConcernInput in;
        in.text = "意见 " + std::to_string(i) + std::string(200, 'x');
        store().concerns().add(in);
    }
    m_store.reset();
    EXPECT_FALSE(store::storeFileDamage(dbPath()));  // healthy
    const auto size = fs::file_size(dbPath());
    {
        std::fstream f(dbPath(), std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>(size - 40000));
        const std::string junk(30000, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    store::OpenOptions deferred;
    deferred.checkOnOpen = false;
    {
        store::StationStore opened(dbPath(), m_clock, deferred);
        EXPECT_TRUE(opened.movedAsideTo().empty());  // not read yet: not seen yet
        EXPECT_EQ(opened.station().get()->id, "430321-test");
    }
    const auto damage = store::storeFileDamage(dbPath());
    ASSERT_TRUE(damage);
    EXPECT_NE(damage->find("quick_check"), std::string::npos) << *damage;
    store::markStoreDamaged(dbPath(), *damage);
    ASSERT_TRUE(fs::exists(dbPath() + ".check-failed"));
    m_store = std::make_unique<store::StationStore>(dbPath(), m_clock, deferred);
    EXPECT_FALSE(store().movedAsideTo().empty());
    EXPECT_FALSE(fs::exists(dbPath() + ".check-failed"));
    EXPECT_EQ(store().station().get()->id, "430321-test");  // salvaged
    EXPECT_EQ(store().integrityCheck(), "ok");
    // A marker on a healthy file (a false alarm) costs one check and goes.
    m_store.reset();
    store::markStoreDamaged(dbPath(), "test");
    m_store = std::make_unique<store::StationStore>(dbPath(), m_clock, deferred);
    EXPECT_TRUE(store().movedAsideTo().empty());
    EXPECT_FALSE(fs::exists(dbPath() + ".check-failed"));
}

TEST_F(Store, DamagedTailKeepsTheStationIdentity) {
    configureStation();
    // Enrolled (issue 18: recovery used to drop the enrollment silently).
    store().station().setSetting("sync.server", "https://county.example");
    store().station().setSetting("sync.secret", "c2VjcmV0");
    store().station().setSetting("county.sign_keys", "[]");
    store().station().setSetting("sync.config_etag", "old-etag");
    for (int i = 0; i < 200; ++i) {
        domain::ConcernInput in;
        in.text = "意见 " + std::to_string(i) + std::string(200, 'x');
        store().concerns().add(in);
    }
    m_store.reset();
    const auto size = fs::file_size(dbPath());
    {
        std::fstream f(dbPath(), std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>(size - 40000));
        const std::string junk(30000, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    reopen();
    ASSERT_FALSE(store().movedAsideTo().empty());
    const auto station = store().station().get();
    ASSERT_TRUE(station);
    EXPECT_EQ(station->id, "430321-test");
    EXPECT_EQ(station->countySealKey, platform::toBase64(m_countyKeys.publicKey));
    EXPECT_EQ(store().station().setting("sync.server"), "https://county.example");
    EXPECT_EQ(store().station().setting("sync.secret"), "c2VjcmV0");
    EXPECT_EQ(store().station().setting("county.sign_keys"), "[]");
    // Download progress starts over, so the roster comes again.
    EXPECT_FALSE(store().station().setting("sync.config_etag"));
    bool said = false;
    for (const auto& [at, line] : store().sync().logLines())
        said = said || line.find("接入信息已保留") != std::string::npos;
    EXPECT_TRUE(said);
}
