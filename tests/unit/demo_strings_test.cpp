#include <gtest/gtest.h>

#include <stb_image.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "../support/store_fixture.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/domain/ledger_export.hpp"
#include "kiosk/strings.hpp"
#include "platform/assets.hpp"
#include "sync/model/csv.hpp"

using namespace kiosk;
using namespace kiosk::domain;

namespace {

class Demo : public testsupport::StoreTest {
protected:
    Demo() { demo::loadDemoStation(store(), m_clock); }
};

platform::SealKeyPair demoCountyKeys() {
    const auto j = nlohmann::json::parse(*platform::asset("demo/county_demo_keys.json"));
    return {*platform::fromBase64(j["seal_public"].get<std::string>()),
            *platform::fromBase64(j["seal_secret"].get<std::string>())};
}

}  // namespace

TEST_F(Demo, TwelveDeputiesAcrossAllLevelsWithRareCharactersAndPortraits) {
    const auto deputies = store().roster().deputies();
    EXPECT_EQ(deputies.size(), 12u);
    std::set<Level> levels;
    std::string names;
    for (const auto& d : deputies) {
        levels.insert(d.level);
        names += d.name;
        int w = 0, h = 0, n = 0;
        unsigned char* px =
            stbi_load_from_memory(reinterpret_cast<const unsigned char*>(d.photo.data()),
                                  static_cast<int>(d.photo.size()), &w, &h, &n, 3);
        ASSERT_NE(px, nullptr) << d.name << " has no decodable portrait";
        EXPECT_EQ(w, 240);
        EXPECT_EQ(h, 300);
        stbi_image_free(px);
    }
    EXPECT_EQ(levels.size(), 5u);
    for (const char* rare : {"堃", "喆", "昇"})
        EXPECT_NE(names.find(rare), std::string::npos) << rare;
    EXPECT_NE(deputies[0].photo, deputies[1].photo);
}

TEST_F(Demo, AYearOfReceptionDaysOnTheFifteenthPlusActivities) {
    const auto slots = store().roster().slots();
    std::set<std::string> monthsWith15th;
    std::set<SlotKind> kinds;
    for (const auto& s : slots) {
        kinds.insert(s.kind);
        if (s.kind == SlotKind::ReceptionDay && s.date.day == 15)
            monthsWith15th.insert(formatDate(s.date).substr(0, 7));
        EXPECT_FALSE(s.plannedDeputies.empty()) << s.id;
    }
    EXPECT_GE(monthsWith15th.size(), 12u);
    EXPECT_GE(kinds.size(), 6u);
    EXPECT_TRUE(nextReceptionDay(slots, m_clock.nowMs(), kChinaUtcOffsetMinutes));
    // The clock stands on the 15th at 10:00: the planned deputies checked in and are on duty.
    const auto duty =
        onDuty(slots, store().checkins().list(), m_clock.nowMs(), kChinaUtcOffsetMinutes);
    EXPECT_FALSE(duty.empty());
}

TEST_F(Demo, SampleConcernsLookLikeRealOnes) {
    const auto concerns = store().concerns().list();
    EXPECT_GE(concerns.size(), 8u);
    std::set<Category> categories;
    int answered = 0, withContact = 0;
    for (const auto& c : concerns) {
        categories.insert(c.category);
        answered += !c.answer.empty();
        withContact += c.hasContact;
        EXPECT_LT(c.createdAt, m_clock.nowMs());
    }
    EXPECT_GE(categories.size(), 6u);
    EXPECT_GE(answered, 2);
    EXPECT_GE(withContact, 1);
    // Contact data in the outbox opens with the demo county's secret key.
    const auto keys = demoCountyKeys();
    int opened = 0;
    for (const auto& r : store().outbox().all()) {
        const auto p = nlohmann::json::parse(r.payload);
        if (p.contains("contact_sealed"))
            opened += platform::openSealed(
                          keys, *platform::fromBase64(p["contact_sealed"].get<std::string>()))
                          .has_value();
    }
    EXPECT_EQ(opened, withContact);
}

TEST_F(Demo, LedgerCsvForAPastMonth) {
    LedgerSources src;
    const auto range = monthRange("2026-10", kChinaUtcOffsetMinutes);
    src.entries = store().ledger().list(range);
    src.checkins = store().checkins().list(range);
    src.concerns = store().concerns().list(range);
    for (const auto& d : store().roster().deputies()) src.deputyNames[d.id] = d.name;
    ASSERT_EQ(src.entries.size(), 1u);
    const std::string csv = ledgerCsv(src, [](std::string_view k) { return tr(k); });
    EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF日期,时间,类型"));
    EXPECT_NE(csv.find("代表接待日"), std::string::npos);
    EXPECT_NE(csv.find("代表签到"), std::string::npos);
    EXPECT_NE(csv.find("\r\n"), std::string::npos);
}

TEST(Strings, EveryKeyTheCodeUsesIsInTheTable) {
    std::vector<std::string> keys;
    for (Category c : allCategories()) {
        keys.push_back(guidanceFor(c).nameKey);
        keys.push_back(guidanceFor(c).textKey);
    }
    for (Level l : allLevels()) keys.push_back("level." + std::string(levelId(l)));
    for (SlotKind k : allSlotKinds()) keys.push_back("slot_kind." + std::string(slotKindId(k)));
    for (int s = 0; s <= static_cast<int>(Status::Closed); ++s)
        keys.push_back("status." + std::string(statusId(static_cast<Status>(s))));
    for (int d = 0; d <= static_cast<int>(Disposition::Study); ++d)
        keys.push_back("disposition." + std::string(dispositionId(static_cast<Disposition>(d))));
    for (auto s :
         {Satisfaction::Satisfied, Satisfaction::BasicallySatisfied, Satisfaction::Dissatisfied})
        keys.push_back("satisfaction." + std::string(satisfactionId(s)));
    for (auto t : {TakenBy::Self, TakenBy::Liaison, TakenBy::Deputy})
        keys.push_back("taken_by." + std::string(takenById(t)));
    for (int e = 0; e <= static_cast<int>(InputError::ContactWithoutConsent); ++e)
        keys.push_back(std::string(inputErrorKey(static_cast<InputError>(e))));
    for (const auto& k : keys) EXPECT_TRUE(hasString(k)) << k;
    EXPECT_EQ(tr("status.answered"), "已答复");
    EXPECT_EQ(tr("no.such.key"), "no.such.key");
}

TEST(LedgerCsv, QuotesFieldsThatNeedIt) {
    using csync::model::csvField;
    EXPECT_EQ(csvField("plain"), "plain");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
}

// The ledger is opened in Excel or WPS by liaison officers: a citizen's "=…" stays text.
TEST(LedgerCsv, ACitizensFormulaStaysText) {
    LedgerSources src;
    Concern c;
    c.receipt = "234567892";
    c.createdAt = fromLocal({2026, 11, 15}, 600, kChinaUtcOffsetMinutes);
    c.category = Category::Rural;
    c.text = "=HYPERLINK(\"http://x\",\"点我\")";
    src.concerns.push_back(c);
    const std::string csv = ledgerCsv(src, [](std::string_view k) { return tr(k); });
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\""), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
}

TEST(LedgerCsv, RowsInTimeOrderWithUnplannedMarked) {
    LedgerSources src;
    src.deputyNames = {{"d1", "刘堃"}};
    const EpochMs t = fromLocal({2026, 11, 15}, 600, kChinaUtcOffsetMinutes);
    src.checkins.push_back(
        {"c1", "d1", t + 60000, Direction::In, CheckinMethod::Qr, "k", false, "", ""});
    Concern c;
    c.receipt = "234567892";
    c.createdAt = t;
    c.category = Category::Rural;
    c.text = "水渠, 堵了";
    src.concerns.push_back(c);
    const std::string csv = ledgerCsv(src, [](std::string_view k) { return tr(k); });
    const auto concernAt = csv.find("群众意见");
    const auto checkinAt = csv.find("代表签到");
    ASSERT_NE(concernAt, std::string::npos);
    ASSERT_NE(checkinAt, std::string::npos);
    EXPECT_LT(concernAt, checkinAt);
    EXPECT_NE(csv.find("签到（扫码）（计划外）"), std::string::npos);
    EXPECT_NE(csv.find("\"水渠, 堵了\""), std::string::npos);
    EXPECT_NE(csv.find("234-567-892"), std::string::npos);
    EXPECT_NE(csv.find("2026-11-15,10:00"), std::string::npos);
}
