// A station file damaged where start-up does not read (a page of the ledger): the kiosk starts as
// fast as ever, its background check finds the damage, and at Home it exits for systemd to start
// it again; that start moves the file aside and takes concerns on a fresh store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/app/integrity_watch.hpp"
#include "kiosk_ui_fixture.hpp"

namespace {

class StoreDamage : public KioskUi {};

TEST_F(StoreDamage, TheBackgroundCheckRestartsTheKioskAndTheNextStartMovesTheFileAside) {
    std::int64_t page = 0, pageSize = 0;
    {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        for (int i = 0; i < 300; ++i) {
            kiosk::domain::LedgerEntry e;
            e.activity = "reception_day";
            e.notes = "台账 " + std::to_string(i) + std::string(300, 'x');
            store.ledger().add(e);
        }
        pageSize = store.db().queryInt("PRAGMA page_size");
        // A leaf page of the ledger table: nothing on Home reads it.
        page = store.db().queryInt(
            "SELECT pageno FROM dbstat WHERE name = 'ledger' AND pagetype = 'leaf' "
            "ORDER BY pageno DESC LIMIT 1");
        store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    ASSERT_GT(page, 1);
    {
        std::fstream f(db(), std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>((page - 1) * pageSize));
        const std::string junk(static_cast<std::size_t>(pageSize), '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    std::string waits = "expect \"我要反映\"\n";
    for (int i = 0; i < 20; ++i) waits += "wait 250\n";
    auto r = run(waits);
    EXPECT_EQ(r.exitCode, kiosk::app::kExitStoreDamaged) << r.err;
    EXPECT_TRUE(fs::exists(db() + ".check-failed"));
    EXPECT_NE(r.err.find("failed its check"), std::string::npos) << r.err;
    // systemd's restart: the file goes aside, a fresh store takes the next concern.
    r = run(R"(expect "我要反映"
tap "我要反映"
tap "其他意见建议"
tap "下一步"
type "坏文件换下之后照样能反映。"
tap "下一步"
tap "下一步"
tap "下一步"
tap "确认提交"
expect "您的意见已经保存"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_FALSE(fs::exists(db() + ".check-failed"));
    int aside = 0;
    for (const auto& e : fs::directory_iterator(m_dir.path()))
        aside += e.path().filename().string().starts_with("station.db.corrupt-") &&
                 !e.path().string().ends_with("-wal") && !e.path().string().ends_with("-shm");
    EXPECT_EQ(aside, 1);
    ASSERT_EQ(concerns().size(), 1u);
    EXPECT_FALSE(kiosk::store::storeFileDamage(db()));
}

// Damage where start-up reads (the roster's photos): the start checks, moves the file aside and
// comes up on a fresh store with the station and its settings, never in a crash loop.
TEST_F(StoreDamage, DamageThatStartUpMeetsIsMovedAsideAtOnce) {
    std::int64_t page = 0, pageSize = 0;
    {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        pageSize = store.db().queryInt("PRAGMA page_size");
        page = store.db().queryInt(
            "SELECT pageno FROM dbstat WHERE name = 'deputy' AND pagetype = 'leaf' "
            "ORDER BY pageno LIMIT 1");
        store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    ASSERT_GT(page, 1);
    {
        std::fstream f(db(), std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>((page - 1) * pageSize));
        const std::string junk(static_cast<std::size_t>(pageSize), '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const auto r = run("expect \"我要反映\"\nexpect \"云溪镇人大代表联络站\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("moved aside"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(db() + ".check-failed"));
}

}  // namespace
