// 通知公告 from the county's staff page to the kiosk: written, refused with a reason when wrong
// (and kept as typed), sent in the config with a new entity tag, ended early, escaped on the
// page, and shown by the kiosk only while it runs by the kiosk's own clock.
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/store/station_roster.hpp"
#include "kiosk/store/station_store.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "sync/server/staff/announcement_store.hpp"
#include "temp_dir.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

constexpr std::int64_t kDay = 86'400'000;

bool has(const std::string& body, const std::string& needle) {
    return body.find(needle) != std::string::npos;
}

class WebAnnouncements : public WebFixture {
protected:
    csync::server::StationConfig config() {
        auto c = m_backend->stationConfig("s1");
        csync::server::staff::addAnnouncements(*m_backend, c, m_clock.nowMs());
        return c;
    }
    WebResponse publish(const std::string& title, const std::string& text, const std::string& from,
                        const std::string& until) {
        return post("/announcements",
                    {{"title", title}, {"text", text}, {"from", from}, {"until", until}},
                    as(Role::Staff));
    }
};

// kNow is 2025-11-23 10:00 county time.
TEST_P(WebAnnouncements, WrittenOnThePageReachTheConfigAndEndEarly) {
    EXPECT_EQ(get("/announcements", as(Role::Viewer)).status, 200);
    EXPECT_FALSE(has(get("/announcements", as(Role::Viewer)).body, "发布公告"));  // read only
    EXPECT_EQ(publish("停电通知", "", "2025-11-23", "2025-11-30").status, 303);
    EXPECT_EQ(
        post("/announcements", {{"title", "x"}, {"from", "2025-11-23"}, {"until", "2025-11-30"}},
             as(Role::Viewer))
            .status,
        403);
    const auto base = m_backend->stationConfig("s1").etag;
    auto c = config();
    ASSERT_EQ(c.body["announcements"].size(), 1u);
    const auto a = csync::announcementFromJson(c.body["announcements"][0]);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->title, "停电通知");
    EXPECT_EQ(a->fromMs, *csync::server::staff::parseDate("2025-11-23"));
    EXPECT_EQ(a->untilMs, *csync::server::staff::parseDate("2025-12-01"));  // through the 30th
    EXPECT_NE(c.etag, base);
    EXPECT_EQ(c.body["etag"], c.etag);

    // A second one starting next week goes too (the station decides when to show it).
    EXPECT_EQ(
        publish("接待日调整", "12月5日接待日改到12月6日。", "2025-12-01", "2025-12-06").status,
        303);
    c = config();
    ASSERT_EQ(c.body["announcements"].size(), 2u);
    EXPECT_EQ(c.body["announcements"][0]["title"], "接待日调整");  // the later start first
    const auto page = get("/announcements", as(Role::Staff)).body;
    EXPECT_TRUE(has(page, "展示中"));
    EXPECT_TRUE(has(page, "未开始"));
    EXPECT_TRUE(has(page, "2025-11-23 至 2025-11-30"));

    // Ended early: gone from the config, marked on the page, audited.
    const std::string id = c.body["announcements"][1]["id"];
    const auto tagBefore = c.etag;
    EXPECT_EQ(post("/announcements/" + id + "/end", {}, as(Role::Staff)).status, 303);
    c = config();
    ASSERT_EQ(c.body["announcements"].size(), 1u);
    EXPECT_EQ(c.body["announcements"][0]["title"], "接待日调整");
    EXPECT_NE(c.etag, tagBefore);
    EXPECT_TRUE(has(get("/announcements", as(Role::Staff)).body, "提前结束</span>"));
    EXPECT_EQ(post("/announcements/" + id + "/end", {}, as(Role::Staff)).status, 404);
    {
        auto sql = m_backend->sql();
        EXPECT_EQ(sql->query("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'announcement.%'")
                      .at(0)
                      .integer(0),
                  3);
    }
    // Past its last day it leaves the config by itself.
    m_clock.set(*csync::server::staff::parseDate("2025-12-06") + kDay);
    EXPECT_TRUE(config().body["announcements"].empty());
}

TEST_P(WebAnnouncements, WrongInputIsExplainedAndKeptAsTyped) {
    struct Case {
        std::string title, text, from, until, says;
    };
    std::string thirtyOne;
    for (int i = 0; i < 31; ++i) thirtyOne += "长";
    const Case cases[] = {
        {"", "正文", "2025-11-23", "2025-11-30", "请填写公告标题。"},
        {thirtyOne, "正文", "2025-11-23", "2025-11-30", "标题太长：现有 31 字，最多 30 字。"},
        {"标题", "正文", "2025-11-30", "2025-11-23", "结束日期应在开始日期之后。"},
        {"标题", "正文", "2025-11-01", "2025-11-20", "最后一天已经过去"},
        {"标题", "正文", "11/23/2025", "2025-11-30", "请按“年-月-日”填写"},
        {"标题", std::string("坏\x01字"), "2025-11-23", "2025-11-30", "无法识别的字符"},
    };
    for (const auto& k : cases) {
        const auto r = publish(k.title, k.text, k.from, k.until);
        EXPECT_EQ(r.status, 400) << k.says;
        EXPECT_TRUE(has(r.body, k.says)) << k.says;
        if (!k.title.empty()) EXPECT_TRUE(has(r.body, "value=\"" + k.title + "\"")) << k.says;
        EXPECT_TRUE(has(r.body, "value=\"" + k.from + "\"")) << k.says;
    }
    EXPECT_TRUE(config().body["announcements"].empty());
}

TEST_P(WebAnnouncements, HostileTextIsEscapedOnThePage) {
    ASSERT_EQ(publish("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "2025-11-23",
                      "2025-11-30")
                  .status,
              303);
    const auto page = get("/announcements", as(Role::Viewer)).body;
    EXPECT_FALSE(has(page, "<script>alert"));
    EXPECT_FALSE(has(page, "<img src=x"));
    EXPECT_TRUE(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_P(WebAnnouncements, TheKioskShowsThemWhileTheyRunByItsOwnClock) {
    ASSERT_EQ(publish("停电通知", "11月25日全天停电。", "2025-11-23", "2025-11-25").status, 303);
    ASSERT_EQ(publish("接待日调整", "", "2025-11-24", "2025-11-30").status, 303);
    auto c = config();
    c.body["station"] = {{"id", "s1"}, {"name", "花石镇代表联络站"}, {"county_code", "430321"}};
    testsupport::TempDir dir;
    const platform::SystemClock clock;
    kiosk::store::StationStore store(dir.file("station.db"), clock);
    kiosk::store::applyRoster(store, csync::model::rosterFromJson(c.body));
    kiosk::syncing::StoreStationSide side(store);
    side.applyConfig(c.body, c.etag);
    EXPECT_EQ(store.sync().configEtag(), c.etag);

    kiosk::app::KioskModel model;
    auto titles = [&](std::int64_t at) {
        model.refresh(store, at);
        std::string all;
        for (const auto& a : model.announcements) all += a.title + ";";
        return all;
    };
    EXPECT_EQ(titles(kNow), "停电通知;");
    EXPECT_EQ(titles(kNow + kDay), "接待日调整;停电通知;");
    // 11-26 00:00: the power cut notice ended with the 25th, offline, without a sync.
    EXPECT_EQ(titles(*csync::server::staff::parseDate("2025-11-26")), "接待日调整;");
    EXPECT_EQ(titles(*csync::server::staff::parseDate("2025-12-01")), "");
    titles(kNow);  // the glyphs of what shows are baked with the rest of the model's text
    EXPECT_NE(model.allText().find("11月25日全天停电。"), std::string::npos);

    // A config with an entry that does not read (hand-made or from a newer county) shows the
    // others; one with none clears them.
    c.body["announcements"].push_back({{"id", "x"}, {"title", 5}});
    side.applyConfig(c.body, "tag-2");
    EXPECT_EQ(titles(kNow + kDay), "接待日调整;停电通知;");
    c.body["announcements"] = json::array();
    side.applyConfig(c.body, "tag-3");
    EXPECT_EQ(titles(kNow + kDay), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebAnnouncements, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
