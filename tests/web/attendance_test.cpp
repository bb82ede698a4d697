// The attendance pages: the reception plan imported for a station against the check-ins its
// kiosk uploaded — planned, attended, missed and unplanned days per deputy, the reminder list,
// and one deputy's year with the concerns and ledger entries that name them.
#include "web_fixture.hpp"

namespace webtest {
namespace {

using csync::server::staff::monthOf;
using csync::server::staff::parseDate;

class WebAttendance : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_month = monthOf(kNow);  // kNow is the 23rd: days 5–15 are past, the 26th is to come
        m_backend->importRoster("s1", rosterS1());
    }

    std::string day(int d) const { return m_month + (d < 10 ? "-0" : "-") + std::to_string(d); }
    std::int64_t at(int d, int hour) const { return *parseDate(day(d)) + hour * 3'600'000LL; }

    json slot(int d, const std::string& kind, std::vector<std::string> deputies) const {
        return {{"date", day(d)}, {"start", "09:00"},  {"end", "12:00"},
                {"kind", kind},   {"place", "接待室"}, {"deputies", deputies}};
    }
    json rosterS1() const {
        return {{"station", {{"id", "s1"}, {"name", "花石镇代表联络站"}}},
                {"deputies",
                 {{{"id", "d1"}, {"name", "张三"}, {"level", "county"}},
                  {{"id", "d2"}, {"name", "李四"}, {"level", "township"}}}},
                {"slots",
                 {slot(5, "reception_day", {"d1", "d2"}), slot(10, "inspection", {"d2"}),
                  slot(15, "reception_day", {"d1"}), slot(26, "reception_day", {"d1"})}}};
    }
    static csync::Record ledger(std::int64_t at, std::vector<std::string> deputies, int people) {
        const json p{{"at", at},         {"activity", "reception_day"}, {"slot", ""},
                     {"people", people}, {"deputies", deputies},        {"notes", "接待群众"}};
        return {platform::newUuid(), "ledger", at, csync::canonicalJson(p)};
    }
    void uploadCheckins() {
        upload("s1", {checkin("d1", at(5, 9)), checkin("d1", at(5, 11), "out"),
                      checkin("d1", at(5, 14)),  // a second "in" the same day is still one day
                      checkin("d2", at(5, 9)), checkin("d2", at(12, 9), "in", false)});
    }

    std::string m_month;
};

TEST_P(WebAttendance, CountsPlannedAttendedMissedAndUnplannedDays) {
    uploadCheckins();
    const auto b = as(Role::Viewer);
    const auto page = get("/attendance?month=" + m_month, b);
    ASSERT_EQ(page.status, 200);
    // d1: planned 5th, 15th, 26th; came on the 5th; the 15th is missed, the 26th is to come.
    EXPECT_NE(page.body.find("data-deputy=\"d1\" data-station=\"s1\" data-planned=\"3\" "
                             "data-attended=\"1\" data-unplanned=\"0\""),
              std::string::npos)
        << page.body;
    // d2: planned 5th and 10th; came on the 5th and, unplanned, on the 12th.
    EXPECT_NE(page.body.find("data-deputy=\"d2\" data-station=\"s1\" data-planned=\"2\" "
                             "data-attended=\"1\" data-unplanned=\"1\""),
              std::string::npos);
    EXPECT_NE(page.body.find("张三"), std::string::npos);
    EXPECT_NE(page.body.find("50%"), std::string::npos);  // 1 of 2 past planned days each

    // The reminder list: the past planned days nobody checked in for, not the future one.
    const auto missed = page.body.substr(page.body.find("id=\"missed\""));
    EXPECT_NE(missed.find("data-deputy=\"d1\" data-date=\"" + day(15) + "\""), std::string::npos);
    EXPECT_NE(missed.find("data-deputy=\"d2\" data-date=\"" + day(10) + "\""), std::string::npos);
    EXPECT_NE(missed.find("视察"), std::string::npos);  // the 10th was an inspection
    EXPECT_EQ(missed.find(day(26)), std::string::npos);
    EXPECT_EQ(missed.find("data-date=\"" + day(5) + "\""), std::string::npos);

    // Station totals: 5 deputy-days planned, 2 attended, 2 missed, 1 unplanned.
    const auto totals = page.body.substr(page.body.find("id=\"station-totals\""));
    EXPECT_NE(totals.find("<td class=\"num\">5</td><td class=\"num\">2</td><td class=\"num\">2"
                          "</td><td class=\"num\">1</td>"),
              std::string::npos);

    // Checking in on the 15th after all (a late upload) takes d1 off the list.
    upload("s1", {checkin("d1", at(15, 10))});
    const auto again = get("/attendance?month=" + m_month, b);
    EXPECT_EQ(again.body.find("data-deputy=\"d1\" data-date=\"" + day(15) + "\""),
              std::string::npos);
    EXPECT_NE(again.body.find("data-deputy=\"d1\" data-station=\"s1\" data-planned=\"3\" "
                              "data-attended=\"2\""),
              std::string::npos);
}

// A wrong check-in is corrected at the station by a record that voids it, sometimes days later:
// the attendance pages count neither, the check-in export lists both and says which is which.
TEST_P(WebAttendance, ACorrectedCheckinIsNotAttendanceButStaysInTheExport) {
    uploadCheckins();
    const auto wrong = checkin("d2", at(13, 9), "in", false);  // "d2 came unplanned on the 13th"
    const json voids{{"deputy", "d2"},         {"at", at(22, 16)}, {"direction", "in"},
                     {"method", "staff"},      {"key_id", ""},     {"planned", false},
                     {"reason", "签错了代表"}, {"voids", wrong.id}};
    upload("s1", {wrong});
    const auto b = as(Role::Viewer);
    EXPECT_NE(get("/attendance?month=" + m_month, b)
                  .body.find("data-deputy=\"d2\" data-station=\"s1\" data-planned=\"2\" "
                             "data-attended=\"1\" data-unplanned=\"2\""),
              std::string::npos);
    upload("s1", {{platform::newUuid(), "checkin", at(22, 16), csync::canonicalJson(voids)}});
    const auto page = get("/attendance?month=" + m_month, b);
    // uploadCheckins' own unplanned 12th stays; the voided one and the correction do not count.
    EXPECT_NE(page.body.find("data-deputy=\"d2\" data-station=\"s1\" data-planned=\"2\" "
                             "data-attended=\"1\" data-unplanned=\"1\""),
              std::string::npos)
        << page.body;
    const auto csv = get("/exports/download?what=checkins&format=csv", b);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.body.find("签错了代表"), std::string::npos);
    EXPECT_NE(csv.body.find("更正记录（作废一条）"), std::string::npos);
    EXPECT_NE(csv.body.find("已作废"), std::string::npos);
}

TEST_P(WebAttendance, FiltersByStationAndMonthAndRefusesBadInputKindly) {
    uploadCheckins();
    upload("s2", {checkin("d9", at(6, 9))});  // a deputy not on any roster: unplanned
    const auto b = as(Role::Viewer);
    const auto s2 = get("/attendance?month=" + m_month + "&station=s2", b);
    ASSERT_EQ(s2.status, 200);
    EXPECT_EQ(s2.body.find("data-deputy=\"d1\""), std::string::npos);
    EXPECT_NE(s2.body.find("data-deputy=\"d9\" data-station=\"s2\" data-planned=\"0\" "
                           "data-attended=\"0\" data-unplanned=\"1\""),
              std::string::npos);
    // Another month has none of it.
    const auto other = get("/attendance?month=2020-01", b);
    EXPECT_EQ(other.body.find("data-deputy=\"d1\""), std::string::npos);
    // A malformed month or unknown station falls back and says why.
    const auto bad = get("/attendance?month=2025-13&station=nope", b);
    EXPECT_EQ(bad.status, 200);
    EXPECT_NE(bad.body.find("没有编号为“nope”的联络站"), std::string::npos);
    const auto badMonth = get("/attendance?month=abc", b);
    EXPECT_NE(badMonth.body.find("格式不对"), std::string::npos);
    EXPECT_NE(badMonth.body.find("data-deputy=\"d1\""), std::string::npos);  // this month shown
}

TEST_P(WebAttendance, DeputyYearCountsReceptionsConcernsAndLedger) {
    uploadCheckins();
    upload("s1", {concern("R1", "路灯坏了", "infrastructure", "d1"),
                  concern("R2", "水渠堵了", "rural", "d1"), concern("R3", "别人的", "rural", "d2"),
                  ledger(at(5, 12), {"d1", "d2"}, 7), ledger(at(6, 12), {"d2"}, 2)});
    publishAnswer("R1", "已修复", m_clock.nowMs());
    const auto b = as(Role::Viewer);
    const std::string year = m_month.substr(0, 4);
    const auto page = get("/attendance/deputy/d1?year=" + year, b);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("张三"), std::string::npos);
    EXPECT_NE(page.body.find("id=\"deputy-year-total\" data-planned=\"3\" data-attended=\"1\""),
              std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find("data-month=\"" + m_month +
                             "\" data-planned=\"3\" "
                             "data-attended=\"1\""),
              std::string::npos);
    EXPECT_NE(page.body.find(day(15) + " · 花石镇代表联络站"), std::string::npos);
    // Two concerns addressed to d1 (one answered), not d2's.
    EXPECT_NE(page.body.find("id=\"deputy-concerns\" data-count=\"2\""), std::string::npos);
    EXPECT_NE(page.body.find(">R1</a>"), std::string::npos);
    EXPECT_EQ(page.body.find(">R3</a>"), std::string::npos);
    EXPECT_NE(page.body.find("已答复 1"), std::string::npos);
    EXPECT_NE(page.body.find("道路交通与基础设施"), std::string::npos);
    // One ledger entry lists d1.
    EXPECT_NE(page.body.find("id=\"deputy-ledger\" data-count=\"1\""), std::string::npos);

    const auto d2 = get("/attendance/deputy/d2?year=" + year, b);
    EXPECT_NE(d2.body.find("id=\"deputy-ledger\" data-count=\"2\""), std::string::npos);
    EXPECT_NE(d2.body.find("id=\"deputy-year-total\" data-planned=\"2\" data-attended=\"1\""),
              std::string::npos);

    // Nobody by that id: a friendly 404; a bad year falls back to this one.
    EXPECT_EQ(get("/attendance/deputy/nobody", b).status, 404);
    const auto badYear = get("/attendance/deputy/d1?year=19x", b);
    EXPECT_EQ(badYear.status, 200);
    EXPECT_NE(badYear.body.find("年份“19x”不对"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebAttendance, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
