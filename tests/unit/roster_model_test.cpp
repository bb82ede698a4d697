// The one roster reader and writer (sync/model/roster.hpp) that stationctl, the sync client and
// the county all use.
#include <gtest/gtest.h>

#include "sync/model/roster.hpp"

namespace {

using namespace csync::model;
using nlohmann::json;

json sample() {
    return json::parse(R"({
      "station": {"id": "s-2", "name": "荷塘社区联络站", "county_code": "430321",
                  "address": "荷塘路1号", "hotline": "0731-1234567"},
      "deputies": [
        {"id": "x1", "name": "曾彧", "level": "township", "work_unit": "荷塘社区",
         "photo": "iVBORw0KGgo=", "disclosure": {"phone": true}, "phone": "13800000000"},
        {"id": "x2", "name": "李明", "level": "provincial", "active": false}
      ],
      "slots": [
        {"date": "2026-12-15", "start": "09:00", "end": "12:00", "deputies": ["x1"]},
        {"id": "t-1", "date": "2026-12-20", "start": "14:30", "end": "17:00",
         "kind": "legal_consultation", "place": "活动室", "note": "带身份证"}
      ]
    })");
}

TEST(RosterModel, ReadsEveryFieldAndWritesWhatItReads) {
    const StationRoster r = rosterFromJson(sample());
    ASSERT_TRUE(r.station);
    EXPECT_EQ(r.station->countyCode, "430321");
    EXPECT_EQ(r.station->utcOffsetMinutes, kChinaUtcOffsetMinutes);
    ASSERT_EQ(r.deputies.size(), 2u);
    EXPECT_EQ(r.deputies[0].photo, std::string("\x89PNG\r\n\x1a\n"));
    EXPECT_TRUE(r.deputies[0].disclosure.phone);
    EXPECT_FALSE(r.deputies[0].disclosure.name);  // not stated: not published
    EXPECT_EQ(r.deputies[1].level, Level::Provincial);
    EXPECT_FALSE(r.deputies[1].active);
    ASSERT_EQ(r.slots.size(), 2u);
    EXPECT_TRUE(r.hasSlots);
    EXPECT_EQ(r.slots[0].id, "demo-2026-12-15-reception_day");  // the id stations have stored
    EXPECT_EQ(r.slots[0].kind, SlotKind::ReceptionDay);
    EXPECT_EQ(r.slots[1].startMinute, 14 * 60 + 30);
    EXPECT_EQ(r.slots[1].kind, SlotKind::LegalConsultation);

    const json written = toJson(r);
    const StationRoster again = rosterFromJson(written);
    EXPECT_EQ(toJson(again), written);
    EXPECT_EQ(again.deputies[0].photo, r.deputies[0].photo);
}

TEST(RosterModel, ARosterWithoutSlotsLeavesTheScheduleAlone) {
    json j = sample();
    j.erase("slots");
    EXPECT_FALSE(rosterFromJson(j).hasSlots);
    j["slots"] = json::array();
    EXPECT_TRUE(rosterFromJson(j).hasSlots);  // an empty schedule cancels every day
}

TEST(RosterModel, RefusesNamingTheFieldAtFault) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"/station/seal_key", "seal_key must be a base64 32-byte public key"},
        {"/station/utc_offset_minutes", "utc_offset_minutes must be minutes east of UTC"},
        {"/deputies/0/level", "deputy x1: unknown level"},
        {"/deputies/0/photo", "deputy x1: photo is not base64"},
        {"/deputies/1/active", "deputy x2: active must be true or false"},
        {"/slots/0/kind", "unknown slot kind"},
        {"/slots/0/start", "slot start must be HH:MM"},
        {"/slots/1/date", "slot date must be YYYY-MM-DD"},
        {"/slots/0/deputies", "deputies must be a list of ids"},
    };
    const std::vector<json> badValues{"not-base64!", 9999,  "mayor",      "%%", "yes",
                                      "party",       "9am", "2026-13-01", "x1"};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        json j = sample();
        j[json::json_pointer(cases[i].first)] = badValues[i];
        try {
            rosterFromJson(j);
            ADD_FAILURE() << cases[i].first << " was accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(cases[i].second), std::string::npos)
                << cases[i].first << ": " << e.what();
        }
    }
    EXPECT_THROW(rosterFromJson(json::array()), std::invalid_argument);
    EXPECT_THROW(rosterFromJson(json::parse(R"({"deputies":{}})")), std::invalid_argument);
    EXPECT_THROW(rosterFromJson(json::parse(R"({"deputies":[{"id":"d"}]})")),
                 std::invalid_argument);
}

}  // namespace
