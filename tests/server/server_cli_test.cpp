// county-server's command line on real SQLite files and PostgreSQL databases: init, station
// add, roster import, revoke, export, and usage errors.
#include <sys/stat.h>

#include <fstream>

#include "server_fixture.hpp"
#include "sync/server/county_schema.hpp"

namespace {

using namespace servertest;
using testsupport::runProcess;

constexpr const char* kDemoSealPublic = "ne4SwurTZjjnThzX6x+Ib030nTobxlgyfK4rEIWgD1U=";
constexpr const char* kDemoSignPublic = "Q1LOVHm233+WQGY12rXx9KyxHFieVbYZp/bgIQS+fYE=";

TEST(CountyServerCli, VersionAndUsage) {
    const auto v = runProcess(COUNTY_SERVER_PATH, {"--version"});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_EQ(v.out, "county-server 0.1.0\n");

    for (const auto& args : std::vector<std::vector<std::string>>{
             {},
             {"--db", "sqlite:/nonexistent/x.db", "frobnicate"},
             {"--db"},
             {"--bogus"},
             {"--db", "sqlite:x.db", "init"},  // --county missing
             {"--db", "sqlite:x.db", "export", "ledger", "--format", "csv"}}) {
        const auto r = runProcess(COUNTY_SERVER_PATH, args);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    // A PostgreSQL URI is a database, not a usage error: one that cannot be reached fails (1).
    const auto pg = runProcess(
        COUNTY_SERVER_PATH, {"--db", "postgresql:///county?host=/nonexistent", "--listen", "x:1"});
    EXPECT_EQ(pg.exitCode, 1);
    EXPECT_NE(pg.err.find("cannot connect to PostgreSQL"), std::string::npos) << pg.err;
    EXPECT_EQ(pg.err.find("--help"), std::string::npos);
}

// Every command has its own --help, and an option it does not take is refused by name before
// anything is opened (the database path below does not exist).
TEST(CountyServerCli, EveryCommandHasHelpAndRefusesUnknownOptions) {
    for (const std::vector<std::string> path : {std::vector<std::string>{},
                                                {"init"},
                                                {"station"},
                                                {"station", "add"},
                                                {"station", "code"},
                                                {"station", "code", "show"},
                                                {"station", "code", "revoke"},
                                                {"roster", "import"},
                                                {"concern", "answer"},
                                                {"revoke"},
                                                {"export"},
                                                {"user", "add"},
                                                {"user", "password"},
                                                {"backup"},
                                                {"restore"}}) {
        std::string joined;
        for (const auto& w : path) joined += " " + w;
        std::vector<std::string> help = path;
        help.push_back("--help");
        const auto h = runProcess(COUNTY_SERVER_PATH, help);
        EXPECT_EQ(h.exitCode, 0) << joined << ": " << h.err;
        EXPECT_NE(h.out.find("用法: county-server" + joined), std::string::npos) << h.out;
        EXPECT_NE(h.out.find("-h,--help"), std::string::npos) << h.out;

        std::vector<std::string> bad{"--db", "sqlite:/nonexistent/c.db"};
        bad.insert(bad.end(), path.begin(), path.end());
        bad.push_back("--no-such-option");
        const auto b = runProcess(COUNTY_SERVER_PATH, bad);
        EXPECT_EQ(b.exitCode, 2) << joined;
        EXPECT_NE(b.err.find("未知选项 --no-such-option"), std::string::npos) << joined << b.err;
    }
    // An option of another command is refused too: --answer belongs to concern answer.
    const auto r =
        runProcess(COUNTY_SERVER_PATH, {"--db", "sqlite:/nonexistent/c.db", "revoke", "--serial",
                                        "0011223344556677", "--answer", "x"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("未知选项 --answer"), std::string::npos) << r.err;
}

/// Command-line tests that make their own databases, once per backend.
class CountyServerDb : public BackendTest {
protected:
    /// A freshDb(name) initialised for county 430300.
    std::string initialised(const std::string& name) {
        const std::string db = freshDb(name);
        const auto init =
            testsupport::runProcess(COUNTY_SERVER_PATH, {"--db", db, "init", "--county", "430300"});
        EXPECT_EQ(init.exitCode, 0) << init.err;
        return db;
    }
    /// A command that writes (and so opens and upgrades the database).
    testsupport::ProcessResult revokeOne(const std::string& db) {
        return testsupport::runProcess(COUNTY_SERVER_PATH,
                                       {"--db", db, "revoke", "--serial", "0011223344556677"});
    }
};

TEST_P(CountyServerDb, MissingDatabaseIsAFailure) {
    const auto r = runProcess(
        COUNTY_SERVER_PATH, {"--db", missingDb("none"), "revoke", "--serial", "0011223344556677"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_FALSE(dbExists("none"));
    if (GetParam() != Db::Postgres) return;
    // A PostgreSQL database is made by its administrator; until init it has no county schema,
    // and other commands refuse it rather than creating one.
    const auto empty = runProcess(
        COUNTY_SERVER_PATH, {"--db", freshDb("empty"), "revoke", "--serial", "0011223344556677"});
    EXPECT_EQ(empty.exitCode, 1);
    EXPECT_NE(empty.err.find("init first"), std::string::npos) << empty.err;
    EXPECT_EQ(pgValue("empty", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
}

TEST_P(CountyFixture, InitRefusesAgainAndEnrollmentFileIsComplete) {
    const auto again = cli({"init", "--county", "430321"});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("already initialised"), std::string::npos);

    const auto file = m_dir.file("s3.json");
    const auto r = cli({"station", "add", "--id", "430321-yunxi", "--name", "云溪镇人大代表联络站",
                        "--out", file, "--server", "https://county.example:8443"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const json j = json::parse(readFile(file));
    const auto e = csync::enrollmentFromJson(j);
    EXPECT_EQ(e.server, "https://county.example:8443");
    EXPECT_EQ(e.station, "430321-yunxi");
    EXPECT_EQ(e.secret.size(), 32u);
    EXPECT_NE(e.secret, m_s1.secret);
    EXPECT_EQ(e.county, "430321");
    EXPECT_EQ(e.sealPublicKey, kDemoSealPublic);
    ASSERT_EQ(e.signKeys.size(), 1u);
    EXPECT_EQ(e.signKeys[0].keyId, 1);
    EXPECT_EQ(e.signKeys[0].county, "430321");
    EXPECT_EQ(platform::toBase64(e.signKeys[0].publicKey), kDemoSignPublic);
    // The default server URL, and a second registration of the same id is refused.
    EXPECT_EQ(json::parse(readFile(m_dir.file("s1.json"))).at("server"), "http://127.0.0.1:8080");
    const auto dup =
        cli({"station", "add", "--id", "s1", "--name", "x", "--out", m_dir.file("dup.json")});
    EXPECT_EQ(dup.exitCode, 1);
    EXPECT_FALSE(std::filesystem::exists(m_dir.file("dup.json")));
}

TEST_P(CountyServerDb, InitWithoutDemoMakesFreshKeys) {
    const std::string db = freshDb("c");
    const auto init = runProcess(COUNTY_SERVER_PATH,
                                 {"--db", db, "init", "--county", "430300", "--name", "湘潭县"});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    const auto add = runProcess(COUNTY_SERVER_PATH, {"--db", db, "station", "add", "--id", "a",
                                                     "--name", "A", "--out", m_dir.file("a.json")});
    ASSERT_EQ(add.exitCode, 0) << add.err;
    const auto e = csync::enrollmentFromJson(json::parse(readFile(m_dir.file("a.json"))));
    EXPECT_EQ(e.county, "430300");
    EXPECT_NE(e.sealPublicKey, kDemoSealPublic);
    ASSERT_EQ(e.signKeys.size(), 1u);
    EXPECT_EQ(e.signKeys[0].publicKey.size(), 32u);
    EXPECT_NE(platform::toBase64(e.signKeys[0].publicKey), kDemoSignPublic);
    // --demo only goes with the demo county, whose QR cards it must verify.
    const auto demo = runProcess(COUNTY_SERVER_PATH,
                                 {"--db", freshDb("d"), "init", "--county", "430300", "--demo"});
    EXPECT_EQ(demo.exitCode, 2);
}

// A county database of schema 1 (before the results board's summaries, before the office
// tables were versioned) is upgraded when opened: its rows stay, published updates carry a
// summary from then on, and the office tables are there.
TEST_P(CountyServerDb, ASchemaOneDatabaseIsUpgradedInPlace) {
    const std::string db = freshDb("old");
    ASSERT_EQ(runProcess(COUNTY_SERVER_PATH, {"--db", db, "init", "--county", "430300"}).exitCode,
              0);
    ASSERT_EQ(runProcess(COUNTY_SERVER_PATH, {"--db", db, "station", "add", "--id", "a", "--name",
                                              "A", "--out", m_dir.file("a.json")})
                  .exitCode,
              0);
    // Back to schema 1 as the earlier release made it, with a concern stored then.
    downgradeTo("old", 1);
    const std::string concern =
        "INSERT INTO record(id, station, type, created_at, payload, batch_id, received_at) "
        "VALUES('c1', 'a', 'concern', 5, '{\"category\":\"rural\",\"receipt\":\"3456789AC\","
        "\"text\":\"水渠堵了\"}', 'b1', 6); "
        "INSERT INTO concern(id, station, receipt, created_at, status, updated_at) "
        "VALUES('c1', 'a', '3456789AC', 5, 'received', 5);";
    runSql("old", concern, concern);
    const auto revoke =
        runProcess(COUNTY_SERVER_PATH, {"--db", db, "revoke", "--serial", "0011223344556677"});
    ASSERT_EQ(revoke.exitCode, 0) << revoke.err;
    const std::string latest = std::to_string(csync::server::kCountySchemaVersion);
    if (GetParam() == Db::Postgres) {
        EXPECT_EQ(pgValue("old", "SELECT version FROM schema_version"), latest);
        EXPECT_EQ(pgValue("old",
                          "SELECT count(*) FROM information_schema.columns WHERE "
                          "table_name = 'concern_update' AND column_name = 'summary'"),
                  "1");
        EXPECT_EQ(pgValue("old", "SELECT count(*) FROM station"), "1");
        // The revocation was audited into the table the upgrade made.
        EXPECT_EQ(pgValue("old", "SELECT count(*) FROM audit_log"), "1");
        EXPECT_EQ(pgValue("old", "SELECT count(*) FROM enrollment_code"), "0");
        // The typed columns of concerns stored before are filled from their records.
        EXPECT_EQ(pgValue("old", "SELECT category || '/' || text || '/' || deputy FROM concern"),
                  "rural/水渠堵了/");
    } else {
        platform::SqliteDb file(m_dir.file("old.db"));
        EXPECT_EQ(std::to_string(file.queryInt("PRAGMA user_version")), latest);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM pragma_table_info('concern_update') "
                                "WHERE name = 'summary'"),
                  1);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM station"), 1);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM audit_log"), 1);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM enrollment_code"), 0);
        EXPECT_EQ(file.queryText("SELECT category || '/' || text || '/' || deputy FROM concern"),
                  "rural/水渠堵了/");
    }
}

// An upgrade is one transaction: when a step fails, the database keeps its old version and
// nothing of the steps before stays; the message names the step.
TEST_P(CountyServerDb, AFailedUpgradeChangesNothing) {
    const std::string db = initialised("broken");
    // Schema 1 by its number, but with step 2's column already there: step 2 must fail, after
    // step 3's office tables would have been made had the steps run out of order.
    runSql("broken", "DROP TABLE audit_log; PRAGMA user_version = 1;",
           "DROP TABLE audit_log; UPDATE schema_version SET version = 1;");
    const auto r = revokeOne(db);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("failed at step 2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nothing was changed"), std::string::npos) << r.err;
    if (GetParam() == Db::Postgres) {
        EXPECT_EQ(pgValue("broken", "SELECT version FROM schema_version"), "1");
        EXPECT_EQ(pgValue("broken", "SELECT to_regclass('audit_log') IS NULL"), "t");
        EXPECT_EQ(pgValue("broken", "SELECT count(*) FROM revoked"), "0");
    } else {
        platform::SqliteDb file(m_dir.file("broken.db"));
        EXPECT_EQ(file.queryInt("PRAGMA user_version"), 1);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"), 0);
        EXPECT_EQ(file.queryInt("SELECT count(*) FROM revoked"), 0);
    }
}

// A database written by a newer release is refused, not downgraded.
TEST_P(CountyServerDb, ANewerDatabaseIsRefusedAndLeftAlone) {
    const std::string db = initialised("newer");
    runSql("newer", "PRAGMA user_version = 99;", "UPDATE schema_version SET version = 99;");
    const auto r = revokeOne(db);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("newer county-server (schema 99"), std::string::npos) << r.err;
    if (GetParam() == Db::Postgres)
        EXPECT_EQ(pgValue("newer", "SELECT version FROM schema_version"), "99");
    else
        EXPECT_EQ(platform::SqliteDb(m_dir.file("newer.db")).queryInt("PRAGMA user_version"), 99);
}

// Issue 18: the demo keys are public; installing them is announced, and so is every start.
TEST_P(CountyServerDb, DemoKeysAreAnnouncedAtInitAndAtEveryStart) {
    const std::string db = freshDb("demo");
    const auto init =
        runProcess(COUNTY_SERVER_PATH, {"--db", db, "init", "--county", "430321", "--demo"});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    EXPECT_NE(init.err.find("WARNING: demo keys are in use"), std::string::npos) << init.err;
    EXPECT_NE(init.err.find("警告：正在使用演示密钥"), std::string::npos);
    // Low (issue 18): a new SQLite database was 0644.
    if (GetParam() == Db::Sqlite) {
        const auto mode = std::filesystem::status(db.substr(7)).permissions();
        EXPECT_EQ(mode & std::filesystem::perms::all,
                  std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    { ServerProcess server(db, m_dir.file("demo-server.log")); }
    EXPECT_NE(readFile(m_dir.file("demo-server.log")).find("demo keys are in use"),
              std::string::npos);
    // A packaged install's database is refused unless forced.
    const auto prod =
        runProcess(COUNTY_SERVER_PATH, {"--db", "sqlite:/var/lib/county-server/no-such-dir/c.db",
                                        "init", "--county", "430321", "--demo"});
    EXPECT_EQ(prod.exitCode, 2);
    EXPECT_NE(prod.err.find("--force-demo"), std::string::npos) << prod.err;
}

TEST_P(CountyFixture, RosterImportChecksItsInput) {
    const auto bad = m_dir.file("bad.json");
    std::ofstream(bad) << "{not json";
    EXPECT_EQ(cli({"roster", "import", "--station", "s1", bad}).exitCode, 1);
    const auto other = m_dir.file("other.json");
    std::ofstream(other) << R"({"station":{"id":"s2"},"deputies":[]})";
    EXPECT_EQ(cli({"roster", "import", "--station", "s1", other}).exitCode, 1);
    const auto noLevel = m_dir.file("nolevel.json");
    std::ofstream(noLevel) << R"({"deputies":[{"id":"d1","name":"张三"}]})";
    EXPECT_EQ(cli({"roster", "import", "--station", "s1", noLevel}).exitCode, 1);
    const auto badSlot = m_dir.file("badslot.json");
    std::ofstream(badSlot) << R"({"slots":[{"date":"15/12/2026","start":"09:00","end":"11:00"}]})";
    EXPECT_EQ(cli({"roster", "import", "--station", "s1", badSlot}).exitCode, 1);
    // What a station would refuse (the same reader checks both sides), the county refuses too,
    // naming the field: before, these were stored and every sync of the station then failed.
    for (const auto& [text, why] : std::vector<std::pair<std::string, std::string>>{
             {R"({"slots":[{"date":"2026-12-15","start":"09:00","end":"11:00","kind":"party"}]})",
              "unknown slot kind party"},
             {R"({"slots":[{"date":"2026-12-15","start":"25:99","end":"11:00"}]})",
              "slot start must be HH:MM"},
             {R"({"slots":[{"date":"2026-02-30","start":"09:00","end":"11:00"}]})",
              "slot date must be YYYY-MM-DD"},
             {R"({"deputies":[{"id":"d1","name":"张三","level":"county","photo":"!!"}]})",
              "deputy d1: photo is not base64"},
             {R"({"slots":[{"date":"2026-12-15","start":"09:00","end":"11:00","deputies":[1]}]})",
              "deputies must be a list of ids"}}) {
        const auto file = m_dir.file("refused.json");
        std::ofstream(file, std::ios::trunc) << text;
        const auto r = cli({"roster", "import", "--station", "s1", file});
        EXPECT_EQ(r.exitCode, 1) << text;
        EXPECT_NE(r.err.find(why), std::string::npos) << text << "\n" << r.err;
    }
    const auto ok = cli({"roster", "import", "--station", "s9", ASSETS_DIR "/demo/station.json"});
    EXPECT_EQ(ok.exitCode, 1);  // no such station
    EXPECT_EQ(cli({"revoke", "--serial", "xyz"}).exitCode, 2);
    EXPECT_EQ(cli({"concern", "answer", "--receipt", "23456789A", "--answer", "x"}).exitCode, 1);
}

// What the command line does is audited as on the staff pages, through the same desks: a card
// revoked here is also marked in the pages' card list.
TEST_P(CountyFixture, CommandLineActionsAreAuditedLikeThePages) {
    auto value = [&](const std::string& sql) {
        if (GetParam() == Db::Postgres) return pgValue("county", sql);
        platform::SqliteDb db(m_dir.file("county.db"), true);
        return db.queryText(sql);
    };
    auto audited = [&](const std::string& action) {
        return value("SELECT user_name || ' ' || subject FROM audit_log WHERE action = '" + action +
                     "'");
    };
    ASSERT_EQ(cli({"revoke", "--serial", "00112233445566AA"}).exitCode, 0);
    EXPECT_EQ(value("SELECT count(*) FROM revoked WHERE serial = '00112233445566aa'"), "1");
    EXPECT_EQ(audited("card.revoke"), "命令行 00112233445566aa");
    const auto code = cli({"station", "code", "--id", "s1", "--server", "http://127.0.0.1:8080"});
    ASSERT_EQ(code.exitCode, 0) << code.err;
    EXPECT_EQ(audited("station.code"), "命令行 s1");
    ASSERT_EQ(cli({"station", "code", "revoke", "--id", "s1"}).exitCode, 0);
    EXPECT_EQ(audited("station.code.revoke"), "命令行 s1");
    const auto roster = m_dir.file("roster.json");
    std::ofstream(roster) << R"({"deputies":[{"id":"d1","name":"张三","level":"county"}]})";
    ASSERT_EQ(cli({"roster", "import", "--station", "s1", roster}).exitCode, 0);
    EXPECT_EQ(audited("roster.import"), "命令行 s1");
    ASSERT_EQ(
        cli({"user", "add", "--name", "li", "--role", "staff"}, "a-long-password-1\n").exitCode, 0);
    EXPECT_EQ(audited("user.add"), "命令行 li");
    ASSERT_EQ(cli({"user", "password", "--name", "li"}, "a-long-password-2\n").exitCode, 0);
    EXPECT_EQ(audited("user.password"), "命令行 li");
}

// backup/restore on both backends: SQLite's online backup API, pg_dump/pg_restore.
TEST_P(CountyFixture, BackupAndRestoreRoundTrip) {
    auto value = [&](const std::string& sql) {
        if (GetParam() == Db::Postgres) return pgValue("county", sql);
        platform::SqliteDb db(m_dir.file("county.db"), true);
        return db.queryText(sql);
    };
    const std::string file = m_dir.file("county-backup");
    const auto b = cli({"backup", file});
    ASSERT_EQ(b.exitCode, 0) << b.err;
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // After the backup: a revocation, which the restore takes back.
    ASSERT_EQ(cli({"revoke", "--serial", "0011223344556677"}).exitCode, 0);
    EXPECT_EQ(value("SELECT count(*) FROM revoked"), "1");

    const auto r = cli({"restore", file});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("恢复前的数据保留在"), std::string::npos) << r.out;
    EXPECT_EQ(value("SELECT count(*) FROM revoked"), "0");
    EXPECT_EQ(value("SELECT count(*) FROM station"), "2");
    EXPECT_EQ(cli({"export", "concerns", "--format", "json"}).exitCode, 0);

    // Something that is not a county backup is refused and changes nothing.
    std::ofstream(m_dir.file("junk")) << "这不是备份";
    const auto junk = cli({"restore", m_dir.file("junk")});
    EXPECT_EQ(junk.exitCode, 1);
    EXPECT_NE(junk.err.find("没有做任何改动"), std::string::npos) << junk.err;
    EXPECT_EQ(value("SELECT count(*) FROM station"), "2");
}

INSTANTIATE_TEST_SUITE_P(Backends, CountyServerDb, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
