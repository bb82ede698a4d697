// The county roster page and the station kiosk say the same thing about every deputy: what the
// page's 公开 column lists is exactly what the kiosk shows once the station has applied the
// config it downloads (privacy defaults deny: no disclosure entry, nothing chosen).
#include <regex>
#include <set>

#include "kiosk/domain/deputy.hpp"
#include "kiosk/store/station_roster.hpp"
#include "kiosk/store/station_store.hpp"
#include "platform/assets.hpp"
#include "temp_dir.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

using Fields = std::set<std::string>;

Fields kioskFields(const kiosk::domain::Deputy& d) {
    const auto v = kiosk::domain::visibleFields(d);
    const auto shown = kiosk::domain::publicView(d);
    Fields f;
    if (v.name && !shown.name.empty()) f.insert("姓名");
    if (v.photo) f.insert("照片");
    if (v.workUnit && !shown.workUnit.empty()) f.insert("工作单位");
    if (v.phone && !shown.phone.empty()) f.insert("电话");
    // What is not visible is not in the public view either.
    if (!v.phone) EXPECT_TRUE(shown.phone.empty()) << d.id;
    if (!v.workUnit) EXPECT_TRUE(shown.workUnit.empty()) << d.id;
    if (!v.photo) EXPECT_TRUE(shown.photo.empty()) << d.id;
    return f;
}

class DisclosureAgreement : public WebFixture {};

TEST_P(DisclosureAgreement, RosterPageAndKioskAgreeFieldByField) {
    // The demo roster, plus deputies with no disclosure entry and with a partial one at every
    // level: the cases where a copy of the rule would drift.
    json config = json::parse(*platform::asset("demo/station.json"));
    json deputies = config["deputies"];
    const char* levels[] = {"national", "provincial", "city", "county", "township"};
    int n = 0;
    for (const char* level : levels) {
        json none = {{"id", "x" + std::to_string(++n)},
                     {"name", std::string("无登记") + level},
                     {"level", level},
                     {"work_unit", "某单位"},
                     {"phone", "13900000000"}};
        deputies.push_back(none);
        json partial = none;
        partial["id"] = "x" + std::to_string(++n);
        partial["name"] = std::string("只留电话") + level;
        partial["disclosure"] = {{"phone", true}};
        deputies.push_back(partial);
    }
    for (auto& d : deputies) d.erase("avatar");
    m_backend->importRoster("s1", {{"deputies", deputies}});

    // The county side: the roster page's 公开 column, per deputy id.
    const auto page = get("/roster/s1", as(Role::Admin));
    ASSERT_EQ(page.status, 200);
    std::map<std::string, Fields> county;
    const std::regex row(
        "<tr><td>[^]*?</td><td>([^<]+)</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*"
        "</td><td>([^<]*)</td>");
    for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), row);
         it != std::sregex_iterator(); ++it) {
        Fields f;
        const std::string list = (*it)[2];
        for (const char* field : {"姓名", "照片", "工作单位", "电话"})
            if (list.find(field) != std::string::npos) f.insert(field);
        county[(*it)[1]] = f;
    }
    ASSERT_EQ(county.size(), deputies.size()) << page.body.substr(0, 2000);

    // The station side: the config the station downloads, applied to a real station file.
    json downloaded = m_backend->stationConfig("s1").body;
    downloaded["station"] = {{"id", "s1"}, {"name", "花石镇代表联络站"}, {"county_code", "430321"}};
    testsupport::TempDir dir;
    const platform::SystemClock clock;
    kiosk::store::StationStore store(dir.file("station.db"), clock);
    kiosk::store::applyRoster(store, csync::model::rosterFromJson(downloaded));
    const auto onKiosk = store.roster().deputies(true);
    ASSERT_EQ(onKiosk.size(), deputies.size());
    int phones = 0;
    for (const auto& d : onKiosk) {
        // The page shows a photo as public by rule even when none is uploaded yet; the kiosk
        // decides the same way (visibleFields), so photo is compared on the rule.
        EXPECT_EQ(kioskFields(d), county[d.id]) << d.id << " " << d.name;
        phones += kiosk::domain::visibleFields(d).phone;
    }
    // Only the deputies who chose to publish a phone number show one: the demo's d04 (city) and
    // the five "只留电话" deputies; the seven demo county/township deputies without an entry not.
    EXPECT_EQ(phones, 6);
}

INSTANTIATE_TEST_SUITE_P(Backends, DisclosureAgreement, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
