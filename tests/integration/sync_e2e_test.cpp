// Sync end to end on 127.0.0.1: the real county-server and the real stationctl over real files.
// Records reach the county exactly once whatever the link does (a fault proxy in between);
// answers and roster changes published at the county reach the station.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "county_station_cli.hpp"
#include "fault_proxy.hpp"
#include "kiosk/store/station_store.hpp"
#include "platform/sqlite_db.hpp"
#include "run_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace {

using testsupport::Fault;
using testsupport::ProcessResult;
using testsupport::ServerProcess;

class SyncE2e : public testsupport::CountyStationCli {
protected:
    SyncE2e() {
        expectOk(county({"init", "--county", "430321", "--demo"}));
        expectOk(station({"--now", "2026-11-14T18:00", "init", "--demo"}));
        m_server = std::make_unique<ServerProcess>(COUNTY_SERVER_PATH, m_dir.file("county.db"));
        expectOk(county({"station", "add", "--id", "430321-yunxi", "--name", "云溪镇人大代表联络站",
                         "--out", m_dir.file("enroll.json"), "--server", m_server->url()}));
        expectOk(station({"enroll", m_dir.file("enroll.json")}));
    }
    ProcessResult syncVia(const std::string& url, int timeoutMs = 3000) {
        return station(
            {"sync", "--once", "--server", url, "--timeout-ms", std::to_string(timeoutMs)});
    }
    // Ids of concerns and check-ins the county holds; fails on any duplicate.
    std::multiset<std::string> countyIds() {
        std::multiset<std::string> ids;
        for (const char* what : {"concerns", "checkins"}) {
            const auto r = county({"export", what, "--format", "json"});
            EXPECT_EQ(r.exitCode, 0) << r.err;
            for (const auto& row : nlohmann::json::parse(r.out)) ids.insert(row.at("id"));
        }
        return ids;
    }
    // Ids of concerns and check-ins the station recorded.
    std::multiset<std::string> stationIds() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(m_dir.file("station.db"), clock);
        std::multiset<std::string> ids;
        for (const auto& r : store.outbox().all())
            if (r.type == "concern" || r.type == "checkin") ids.insert(r.id);
        return ids;
    }
    void addConcerns(int n) {
        for (int i = 0; i < n; ++i)
            expectOk(station({"concern", "add", "--category", "rural", "--text",
                              "第" + std::to_string(i) + "条：村口的水渠堵了"}));
    }
    void expectExactlyOnce() {
        const auto county = countyIds(), mine = stationIds();
        EXPECT_EQ(county, mine) << "county " << county.size() << " vs station " << mine.size();
        EXPECT_EQ(std::set<std::string>(county.begin(), county.end()).size(), county.size())
            << "a record was stored twice";
    }

    std::unique_ptr<ServerProcess> m_server;
};

}  // namespace

TEST_F(SyncE2e, RecordsReachTheCountyAndAnswersAndRosterComeBack) {
    expectOk(syncVia(m_server->url()));
    expectExactlyOnce();
    EXPECT_FALSE(stationIds().empty());

    // An answer published at the county shows in the station's concern.
    const auto list = nlohmann::json::parse(station({"concern", "list", "--json"}).out);
    std::string receipt;
    for (const auto& c : list)
        if (c.at("status") == "received") receipt = c.at("receipt");
    ASSERT_FALSE(receipt.empty());
    expectOk(
        county({"concern", "answer", "--receipt", receipt, "--answer", "已转县水利局，本周疏通。",
                "--status", "answered", "--summary", "反映水渠的问题"}));
    expectOk(syncVia(m_server->url()));
    const auto shown = station({"concern", "show", receipt});
    EXPECT_NE(shown.out.find("已转县水利局，本周疏通。"), std::string::npos) << shown.out;

    // A roster change at the county reaches the station on its next sync.
    nlohmann::json roster{
        {"station",
         {{"id", "430321-yunxi"}, {"name", "云溪镇人大代表联络站"}, {"county_code", "430321"}}},
        {"deputies",
         {{{"id", "d99"}, {"name", "欧阳新来"}, {"level", "township"}, {"work_unit", "云溪镇"}}}},
        {"slots", nlohmann::json::array()}};
    std::ofstream(m_dir.file("roster.json")) << roster.dump();
    expectOk(county({"roster", "import", "--station", "430321-yunxi", m_dir.file("roster.json")}));
    expectOk(syncVia(m_server->url()));
    const platform::SystemClock clock;
    kiosk::store::StationStore store(m_dir.file("station.db"), clock);
    const auto d = store.roster().deputy("d99");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->name, "欧阳新来");
}

// The county's schedule is the station's whole schedule: a reception day it cancels disappears
// at the station on the next sync. The station reports how many records still wait.
TEST_F(SyncE2e, CountyScheduleReplacesTheStationsAndTheQueueIsReported) {
    expectOk(station({"roster", "export", "--out", m_dir.file("roster.json")}));
    std::ifstream in(m_dir.file("roster.json"));
    auto roster = nlohmann::json::parse(in);
    ASSERT_GE(roster["slots"].size(), 3u);
    const std::string kept = roster["slots"][1]["id"];
    roster["slots"] = nlohmann::json::array({roster["slots"][1]});
    std::ofstream(m_dir.file("roster.json"), std::ios::trunc) << roster.dump();
    expectOk(county({"roster", "import", "--station", "430321-yunxi", m_dir.file("roster.json")}));
    addConcerns(2);
    expectOk(syncVia(m_server->url()));
    {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(m_dir.file("station.db"), clock);
        const auto slots = store.roster().slots();
        ASSERT_EQ(slots.size(), 1u);
        EXPECT_EQ(slots[0].id, kept);
        EXPECT_FALSE(slots[0].plannedDeputies.empty());
    }
    // The queue length travels on the config download after the upload: nothing waits now.
    platform::SqliteDb db(m_dir.file("county.db"));
    db.exec("PRAGMA busy_timeout=5000");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM station_status WHERE station = '430321-yunxi' "
                          "AND waiting = 0"),
              1);
}

// The county's public progress URL (staff page /settings) reaches the station with its config;
// clearing it clears it at the station too (the ETag changes either way).
TEST_F(SyncE2e, PublicProgressUrlReachesTheStation) {
    auto setUrl = [&](const std::string& url) {
        platform::SqliteDb db(m_dir.file("county.db"));
        db.exec("PRAGMA busy_timeout=5000");
        db.exec(url.empty() ? "DELETE FROM office_setting WHERE key = 'public_url'"
                            : "INSERT INTO office_setting(key, value) VALUES('public_url', '" +
                                  url + "') ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    };
    auto stationUrl = [&]() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(m_dir.file("station.db"), clock);
        return store.station().setting(kiosk::store::kTrackUrlSetting).value_or("");
    };
    expectOk(syncVia(m_server->url()));
    EXPECT_EQ(stationUrl(), "");
    setUrl("https://rd.example.cn");
    expectOk(syncVia(m_server->url()));
    EXPECT_EQ(stationUrl(), "https://rd.example.cn/track/");
    setUrl("");
    expectOk(syncVia(m_server->url()));
    EXPECT_EQ(stationUrl(), "");
}

// The fault matrix: each broken exchange leaves the records pending (or acknowledged only when
// the county has them); the next clean sync completes; county rows = station records, no
// duplicates.
TEST_F(SyncE2e, NothingIsLostOrDuplicatedWhateverTheLinkDoes) {
    for (const Fault f :
         {Fault::ResetRequest, Fault::ResetResponse, Fault::LoseResponse, Fault::TruncateResponse,
          Fault::Hang, Fault::Status500, Fault::Status503}) {
        addConcerns(3);
        testsupport::FaultProxy proxy(m_server->port(), f);
        const auto broken = syncVia(proxy.url(), 1500);
        EXPECT_NE(broken.exitCode, 0) << "fault " << static_cast<int>(f) << " went unnoticed";
        EXPECT_NE(broken.err.find("错误"), std::string::npos) << broken.err;
        expectOk(syncVia(m_server->url()));
        expectExactlyOnce();
    }
    // A slow link still completes.
    addConcerns(2);
    testsupport::FaultProxy slow(m_server->port(), Fault::Slow);
    expectOk(syncVia(slow.url(), 20000));
    expectExactlyOnce();
}

// The station is SIGKILLed after the county committed its batch but before the answer reached
// it; then the server is killed and restarted. Neither loses nor duplicates a record.
TEST_F(SyncE2e, KilledClientAndRestartedServerStillConverge) {
    addConcerns(5);
    testsupport::FaultProxy proxy(m_server->port(), Fault::CommitThenHang);
    const pid_t client = fork();
    if (client == 0) {
        execl(STATIONCTL_PATH, STATIONCTL_PATH, "--db", m_dir.file("station.db").c_str(), "sync",
              "--once", "--server", proxy.url().c_str(), "--timeout-ms", "30000",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int i = 0; i < 200 && proxy.committed() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_EQ(proxy.committed(), 1) << "the county never saw the batch";
    kill(client, SIGKILL);
    waitpid(client, nullptr, 0);
    EXPECT_FALSE(countyIds().empty()) << "committed at the county";

    m_server->stop(SIGKILL);
    m_server = std::make_unique<ServerProcess>(COUNTY_SERVER_PATH, m_dir.file("county.db"));
    const auto r = syncVia(m_server->url());  // the enrolled URL's port changed: --server
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.find("duplicate\t0\n"), std::string::npos) << "the resent batch was known";
    expectExactlyOnce();
}

// Conflicts and refusals: a record id reused with other content is kept apart at the county; a
// station with the wrong secret is refused and stores nothing.
TEST_F(SyncE2e, WrongSecretIsRefusedAndNothingIsStored) {
    auto enrollment = nlohmann::json::parse(std::ifstream(m_dir.file("enroll.json")));
    enrollment["secret"] = platform::toBase64(platform::Bytes(32, 1));
    std::ofstream(m_dir.file("bad.json")) << enrollment.dump();
    expectOk(station({"enroll", m_dir.file("bad.json")}));
    const auto r = syncVia(m_server->url());
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("auth"), std::string::npos) << r.err;
    EXPECT_TRUE(countyIds().empty());
    const auto status = station({"sync", "status"});
    EXPECT_NE(status.out.find("last_error\tauth"), std::string::npos) << status.out;
}

// A station whose clock is months off still syncs: the server's clock comes back with the
// refusal and the client signs again with the offset.
TEST_F(SyncE2e, AWrongStationClockIsCorrected) {
    addConcerns(2);
    const auto r =
        station({"--now", "2026-03-01T08:00", "sync", "--once", "--server", m_server->url()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto offset = r.out.substr(r.out.find("clock_offset_ms\t") + 16);
    EXPECT_GT(std::stoll(offset), 200LL * 24 * 3600 * 1000) << r.out;
    expectExactlyOnce();
}

// Over TLS with the county's self-signed certificate carried in the enrollment file.
TEST_F(SyncE2e, SyncsOverTlsWithTheCountysCertificate) {
    const std::string cert = m_dir.file("cert.pem"), key = m_dir.file("key.pem");
    const auto gen = makeSelfSignedCert(cert, key);
    if (gen.exitCode != 0) GTEST_SKIP() << "openssl cannot make a test certificate: " << gen.err;
    ServerProcess tls(COUNTY_SERVER_PATH, m_dir.file("county.db"),
                      {"--tls-cert", cert, "--tls-key", key});
    ASSERT_EQ(tls.url().rfind("https://", 0), 0u);
    // Without the certificate the station refuses the server (no silent fallback).
    EXPECT_NE(syncVia(tls.url()).exitCode, 0);
    auto enrollment = nlohmann::json::parse(std::ifstream(m_dir.file("enroll.json")));
    std::ifstream pem(cert);
    enrollment["ca_cert"] = std::string(std::istreambuf_iterator<char>(pem), {});
    enrollment["server"] = tls.url();
    std::ofstream(m_dir.file("tls.json")) << enrollment.dump();
    expectOk(station({"enroll", m_dir.file("tls.json")}));
    expectOk(station({"sync", "--once"}));
    expectExactlyOnce();
}
