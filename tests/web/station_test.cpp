// The station list: last sync, records waiting (x-queue-length, stored only with the config
// download), app version, clock offset and the red flag of a silent station. The signed config
// request goes through the real HTTP server, in-process on the fixture's backend and clock.
#include <httplib.h>

#include <thread>

#include "sync/protocol/enrollment_code.hpp"
#include "sync/protocol/signing.hpp"
#include "sync/server/http_server.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

using csync::server::staff::formatTime;

class WebStations : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_server = std::make_unique<csync::server::HttpServer>(*m_backend, m_clock);
        m_port = m_server->bind("127.0.0.1", 0);
        m_thread = std::thread([this] { m_server->serve(); });
        for (int i = 0; i < 500 && !m_server->running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    void TearDown() override {
        if (m_server) {
            m_server->stop();
            if (m_thread.joinable()) m_thread.join();
            m_server.reset();
        }
        WebFixture::TearDown();
    }

    /// The station's signed config download, as its sync client makes it.
    httplib::Result configGet(const std::string& station, const std::string& queueLength,
                              std::int64_t skewMs = 0) {
        const std::string path = "/api/v1/stations/" + station + "/config";
        const std::int64_t ts = m_clock.nowMs() + skewMs;
        httplib::Headers h{
            {csync::kHeaderStation, station},
            {csync::kHeaderTimestamp, std::to_string(ts)},
            {csync::kHeaderSignature,
             csync::signRequest(m_backend->station(station)->secret, "GET", path, ts, "")},
            {"x-app-version", "1.4.2"}};
        if (!queueLength.empty()) h.emplace("x-queue-length", queueLength);
        httplib::Client c("127.0.0.1", m_port);
        return c.Get(path, h);
    }

    std::optional<std::pair<std::int64_t, std::int64_t>> statusRow(const std::string& station) {
        auto sql = m_backend->sql();
        const auto rows = sql->query(
            "SELECT waiting, reported_at FROM station_status WHERE station = $1", {station});
        if (rows.empty()) return std::nullopt;
        return std::pair{rows[0].integer(0), rows[0].integer(1)};
    }

    /// The <tr> of a station in the list.
    static std::string rowOf(const std::string& page, const std::string& station) {
        const auto at = page.find("<tr data-station=\"" + station + "\"");
        if (at == std::string::npos) return "";
        return page.substr(at, page.find("</tr>", at) - at);
    }

    std::unique_ptr<csync::server::HttpServer> m_server;
    std::thread m_thread;
    int m_port = 0;
};

TEST_P(WebStations, ConfigDownloadStoresTheQueueLengthAndTheListShowsIt) {
    // A request without the header, or with a malformed one, stores nothing.
    auto r = configGet("s1", "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_FALSE(statusRow("s1"));
    m_clock.advance(1000);
    ASSERT_TRUE(configGet("s1", "12abc"));
    EXPECT_FALSE(statusRow("s1"));

    // The station's clock is 3 minutes fast; it has 7 records still waiting.
    m_clock.advance(1000);
    r = configGet("s1", "7", 3 * 60'000);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const auto row = statusRow("s1");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->first, 7);
    EXPECT_EQ(row->second, m_clock.nowMs());
    EXPECT_FALSE(statusRow("s2"));

    const auto b = as(Role::Viewer);
    const auto page = get("/stations", b);
    ASSERT_EQ(page.status, 200);
    const auto s1 = rowOf(page.body, "s1");
    EXPECT_NE(s1.find("data-waiting=\"7\""), std::string::npos) << s1;
    EXPECT_NE(s1.find(formatTime(m_clock.nowMs())), std::string::npos);
    EXPECT_NE(s1.find("1.4.2"), std::string::npos);
    EXPECT_NE(s1.find("快 3 分钟"), std::string::npos);
    EXPECT_NE(s1.find("badge ok"), std::string::npos);
    const auto s2 = rowOf(page.body, "s2");
    EXPECT_NE(s2.find("从未同步"), std::string::npos);
    EXPECT_NE(s2.find("未报告"), std::string::npos);
    EXPECT_EQ(page.body.find("badge alert"), std::string::npos);  // nobody silent yet

    // The next run reports an empty outbox, with a correct clock.
    m_clock.advance(60'000);
    ASSERT_TRUE(configGet("s1", "0"));
    EXPECT_EQ(statusRow("s1")->first, 0);
    const auto detail = get("/stations/s1", b);
    ASSERT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find("data-waiting=\"0\""), std::string::npos);
    EXPECT_NE(detail.body.find("<dt>时钟</dt><dd>正常</dd>"), std::string::npos);
    EXPECT_EQ(get("/stations/nope", b).status, 404);
}

TEST_P(WebStations, SilentStationsAreFlaggedAndListedFirst) {
    // Three days later: s2 never synced, s1 syncs now.
    m_clock.advance(3 * 86'400'000LL);
    ASSERT_TRUE(configGet("s1", "2"));
    auto b = as(Role::Viewer);
    auto page = get("/stations", b);
    EXPECT_NE(rowOf(page.body, "s2").find("badge alert\" data-silent=\"1\">从未同步"),
              std::string::npos);
    EXPECT_NE(rowOf(page.body, "s1").find("badge ok"), std::string::npos);
    EXPECT_LT(page.body.find("data-station=\"s2\""), page.body.find("data-station=\"s1\""));
    EXPECT_NE(page.body.find("有 1 个联络站超过 2 天没有同步"), std::string::npos);

    // Four more days without a word from s1: flagged with the days counted.
    m_clock.advance(4 * 86'400'000LL + 3'600'000);
    b = as(Role::Viewer);  // a fresh session: the last one idled out
    page = get("/stations", b);
    EXPECT_NE(rowOf(page.body, "s1").find("已 4 天未同步"), std::string::npos)
        << rowOf(page.body, "s1");
    EXPECT_NE(page.body.find("有 2 个联络站"), std::string::npos);

    // The detail page lists the roster and the reception days still to come.
    const auto past = csync::server::staff::formatDate(m_clock.nowMs() - 86'400'000LL);
    const auto soon = csync::server::staff::formatDate(m_clock.nowMs() + 2 * 86'400'000LL);
    m_backend->importRoster(
        "s1", {{"station", {{"id", "s1"}}},
               {"deputies", {{{"id", "d1"}, {"name", "张三"}, {"level", "county"}}}},
               {"slots",
                {{{"date", past}, {"start", "09:00"}, {"end", "12:00"}, {"deputies", {"d1"}}},
                 {{"date", soon},
                  {"start", "09:00"},
                  {"end", "12:00"},
                  {"kind", "reception_day"},
                  {"place", "联络站接待室"},
                  {"deputies", {"d1"}}}}}});
    const auto detail = get("/stations/s1", b);
    EXPECT_NE(detail.body.find("已 4 天未同步"), std::string::npos);
    EXPECT_NE(detail.body.find("张三"), std::string::npos);
    const auto next = detail.body.substr(detail.body.find("id=\"next-slots\""));
    EXPECT_NE(next.find(soon), std::string::npos);
    EXPECT_NE(next.find("代表接待日"), std::string::npos);
    EXPECT_EQ(next.find(past), std::string::npos);
}

// 生成接入码: an admin makes a one-time code on the station's page; it is shown once, works once
// through the real API, and the page and the audit log show what happened (never the code).
TEST_P(WebStations, AdminMakesAOneTimeEnrollmentCode) {
    const auto viewer = as(Role::Viewer);
    auto detail = get("/stations/s1", viewer);
    EXPECT_NE(detail.body.find("还没有生成过接入码"), std::string::npos);
    EXPECT_EQ(detail.body.find("生成接入码"), std::string::npos);  // admins only
    EXPECT_EQ(post("/stations/s1/code", {{"server", "http://x.example"}}, viewer).status, 403);

    const auto admin = as(Role::Admin);
    EXPECT_NE(get("/stations/s1", admin).body.find("生成接入码"), std::string::npos);
    EXPECT_EQ(post("/stations/s1/code", {{"server", "http://x.example"}}, admin, false).status,
              403);  // no CSRF token
    EXPECT_EQ(post("/stations/s1/code", {{"server", "ftp://x"}}, admin).status, 400);
    EXPECT_EQ(post("/stations/nope/code", {{"server", "http://x.example"}}, admin).status, 404);
    const auto made = post("/stations/s1/code",
                           {{"server", "http://county.example:8443"}, {"hours", "24"}}, admin);
    ASSERT_EQ(made.status, 200) << made.body;
    const std::string marker = "id=\"enroll-code\">";
    const auto at = made.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string code = made.body.substr(at + marker.size(), 24);
    const auto digits = csync::normalizeEnrollmentCode(code);
    ASSERT_TRUE(digits) << code;
    bool noStore = false;
    for (const auto& [k, v] : made.headers) noStore |= k == "Cache-Control" && v == "no-store";
    EXPECT_TRUE(noStore);

    const auto keys = csync::deriveEnrollmentCodeKeys(*digits);
    httplib::Client c("127.0.0.1", m_port);
    const auto r = c.Post("/api/v1/enroll", nlohmann::json{{"code_id", keys.lookupId}}.dump(),
                          "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const auto e = csync::openSealedEnrollment(nlohmann::json::parse(r->body), keys.key);
    EXPECT_EQ(e.station, "s1");
    EXPECT_EQ(e.server, "http://county.example:8443");
    EXPECT_EQ(e.secret, m_backend->station("s1")->secret);

    detail = get("/stations/s1", viewer);
    EXPECT_NE(detail.body.find("已使用"), std::string::npos);
    EXPECT_EQ(detail.body.find(code), std::string::npos);
    auto sql = m_backend->sql();
    const auto audit =
        sql->query("SELECT detail FROM audit_log WHERE action = 'station.code' AND subject = 's1'");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].text(0).find(code), std::string::npos);
    sql.reset();

    // A second code, revoked from the page.
    ASSERT_EQ(post("/stations/s1/code", {{"server", "http://county.example:8443"}}, admin).status,
              200);
    EXPECT_EQ(location(post("/stations/s1/code/revoke", {}, admin)), "/stations/s1");
    EXPECT_NE(get("/stations/s1", viewer).body.find("已作废"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebStations, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
