// The dashboard: its tiles and SVG charts must say what the data says. Bars carry
// data-series / data-group / data-value, so the test reads the numbers back from the SVG.
#include <regex>

#include "web_fixture.hpp"

namespace webtest {
namespace {

using csync::server::staff::monthOf;
using csync::server::staff::parseDate;

struct Bar {
    std::string series, group, value;
};

/// The inner HTML of the element with this id (up to its </section>).
std::string section(const std::string& page, const std::string& id) {
    const auto at = page.find("id=\"" + id + "\"");
    if (at == std::string::npos) return "";
    return page.substr(at, page.find("</section>", at) - at);
}

std::vector<Bar> bars(const std::string& svg) {
    static const std::regex re(
        R"re(<rect class="bar"[^>]*data-series="([^"]*)"(?: data-group="([^"]*)")? data-value="([^"]*)")re");
    std::vector<Bar> out;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
         ++it)
        out.push_back({(*it)[1], (*it)[2], (*it)[3]});
    return out;
}

std::string valueOf(const std::vector<Bar>& bars, const std::string& series,
                    const std::string& group = "") {
    for (const auto& b : bars)
        if (b.series == series && b.group == group) return b.value;
    return "";
}

std::string tileValue(const std::string& page, const std::string& id) {
    const auto at = page.find("id=\"tile-" + id + "\"");
    if (at == std::string::npos) return "";
    const auto v = page.find("data-value=\"", at) + 12;
    return page.substr(v, page.find('"', v) - v);
}

class WebDashboard : public WebFixture {};

TEST_P(WebDashboard, TilesAndChartsMatchTheData) {
    const std::string month = monthOf(kNow);
    const std::int64_t monthStart = *parseDate(month + "-01");
    const std::string previous = monthOf(monthStart - 86'400'000);
    const std::int64_t fortyDaysAgo = kNow - 40 * 86'400'000LL;
    // This month: two rural, one economy; 40 days ago (the month before): one livelihood.
    upload("s1", {concern("A1", "水渠", "rural", "", kNow - 3'600'000),
                  concern("A2", "农田", "rural", "", kNow - 7'200'000),
                  concern("A3", "就业", "economy", "", monthStart + 3'600'000)});
    upload("s2", {concern("B1", "养老", "livelihood", "", fortyDaysAgo)});
    ASSERT_EQ(monthOf(fortyDaysAgo), previous);
    // A1 answered within a day; B1 never: one of the two concerns past or answered is on time.
    publishAnswer("A1", "已疏通", kNow);

    // Attendance this month: s1 planned d1 on two past days, d1 came on one.
    const std::string d5 = month + "-05", d6 = month + "-06";
    m_backend->importRoster(
        "s1", {{"station", {{"id", "s1"}}},
               {"deputies", {{{"id", "d1"}, {"name", "张三"}, {"level", "county"}}}},
               {"slots",
                {{{"date", d5}, {"start", "09:00"}, {"end", "12:00"}, {"deputies", {"d1"}}},
                 {{"date", d6}, {"start", "09:00"}, {"end", "12:00"}, {"deputies", {"d1"}}}}}});
    upload("s1", {checkin("d1", *parseDate(d5) + 9 * 3'600'000LL),
                  checkin("d1", kNow - 600'000)});  // and today, unplanned
    upload("s2", {checkin("d7", kNow - 60'000), checkin("d7", kNow - 30'000, "out")});

    const auto b = as(Role::Viewer);
    const auto page = get("/dashboard", b);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(tileValue(page.body, "month"), "3");
    EXPECT_EQ(tileValue(page.body, "unanswered"), "3");
    EXPECT_EQ(tileValue(page.body, "ontime"), "50%");
    EXPECT_EQ(tileValue(page.body, "silent"), "0");
    EXPECT_EQ(tileValue(page.body, "checkins"), "2");  // d1 at s1, d7 at s2

    // By category: three bars (rural and economy this month, livelihood the month before).
    const auto category = section(page.body, "chart-category");
    EXPECT_NE(category.find("<svg viewBox=\"0 0 420 240\""), std::string::npos);
    const auto byCategory = bars(category);
    ASSERT_EQ(byCategory.size(), 3u) << category;
    EXPECT_EQ(valueOf(byCategory, "rural", month), "2");
    EXPECT_EQ(valueOf(byCategory, "economy", month), "1");
    EXPECT_EQ(valueOf(byCategory, "livelihood", previous), "1");
    EXPECT_NE(category.find("data-group=\"" + month + "\" data-total=\"3\""), std::string::npos);
    EXPECT_NE(category.find("乡村振兴与农业"), std::string::npos);  // legend and tooltip
    EXPECT_NE(category.find("<title>"), std::string::npos);

    // By status: this month two received and one answered; the month before one received.
    const auto byStatus = bars(section(page.body, "chart-status"));
    ASSERT_EQ(byStatus.size(), 3u);
    EXPECT_EQ(valueOf(byStatus, "received", month), "2");
    EXPECT_EQ(valueOf(byStatus, "answered", month), "1");
    EXPECT_EQ(valueOf(byStatus, "received", previous), "1");

    // Attendance per station: s1 50 %, s2 had no plan (no bar).
    const auto rates = bars(section(page.body, "chart-attendance"));
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_EQ(valueOf(rates, "s1"), "50");
    EXPECT_NE(section(page.body, "chart-attendance").find("无计划"), std::string::npos);

    // The oldest unanswered concerns, oldest first, linking to their pages.
    const auto oldest = section(page.body, "oldest");
    EXPECT_LT(oldest.find(">B1</a>"), oldest.find(">A3</a>"));
    EXPECT_LT(oldest.find(">A3</a>"), oldest.find(">A2</a>"));
    EXPECT_EQ(oldest.find(">A1</a>"), std::string::npos);
    EXPECT_NE(oldest.find("href=\"/concerns/"), std::string::npos);
    EXPECT_NE(oldest.find("40 天"), std::string::npos);
}

TEST_P(WebDashboard, EmptyCountyAndSilentStations) {
    m_clock.advance(3 * 86'400'000LL);
    const auto b = as(Role::Viewer);
    const auto page = get("/dashboard", b);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(tileValue(page.body, "month"), "0");
    EXPECT_EQ(tileValue(page.body, "ontime"), "—");
    EXPECT_EQ(tileValue(page.body, "silent"), "2");
    EXPECT_TRUE(bars(section(page.body, "chart-category")).empty());
    EXPECT_NE(page.body.find("没有待答复的意见"), std::string::npos);
}

TEST_P(WebDashboard, ChartTextIsEscaped) {
    // A category id a station made up goes into the chart as text, never as markup.
    upload("s1", {concern("X1", "文本", "<b>x</b>", "", kNow - 60'000)});
    const auto page = get("/dashboard", as(Role::Viewer));
    EXPECT_EQ(page.body.find("<b>x</b>"), std::string::npos);
    EXPECT_NE(page.body.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebDashboard, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
