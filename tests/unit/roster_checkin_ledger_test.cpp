#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixture.hpp"
#include "kiosk/store/store_error.hpp"

using namespace kiosk;
using namespace kiosk::domain;

namespace {

class Roster : public testsupport::StoreTest {
protected:
    Roster() { configureStation(); }
};

}  // namespace

TEST_F(Roster, DeputiesRoundTripOrderedByLevel) {
    Deputy d;
    d.id = "d9";
    d.name = "周喆";
    d.level = Level::Provincial;
    d.workUnit = "县人民医院";
    d.phone = "13900000000";
    d.photo = std::string("\x89PNG\r\n\x1a\n\0\x01", 10);
    d.disclosure = {true, true, false, false};
    store().roster().putDeputy(d);
    addDeputy("d1", Level::Township);
    addDeputy("d0", Level::National);
    Deputy gone;
    gone.id = "dx";
    gone.name = "已离任";
    gone.active = false;
    store().roster().putDeputy(gone);

    const auto back = store().roster().deputy("d9");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->photo, d.photo);
    EXPECT_TRUE(back->disclosure.photo);
    EXPECT_FALSE(back->disclosure.phone);
    const auto all = store().roster().deputies();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, "d0");
    EXPECT_EQ(all[1].id, "d9");
    EXPECT_EQ(all[2].id, "d1");
    EXPECT_EQ(store().roster().deputies(true).size(), 4u);
}

TEST_F(Roster, SlotsKeepTheirPlannedDeputiesAndCanBeReplanned) {
    addDeputy("a");
    addDeputy("b");
    ReceptionSlot s{"s1",     {2026, 11, 15},         540,        720,
                    "接待室", SlotKind::ReceptionDay, {"a", "b"}, "接待日"};
    store().roster().putSlot(s);
    auto slots = store().roster().slots();
    ASSERT_EQ(slots.size(), 1u);
    EXPECT_EQ(slots[0].plannedDeputies, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(slots[0].date, (LocalDate{2026, 11, 15}));
    s.plannedDeputies = {"b"};
    s.kind = SlotKind::Inspection;
    store().roster().putSlot(s);
    slots = store().roster().slots();
    EXPECT_EQ(slots[0].plannedDeputies, (std::vector<std::string>{"b"}));
    EXPECT_EQ(slots[0].kind, SlotKind::Inspection);
    s.plannedDeputies = {"ghost"};
    EXPECT_THROW(store().roster().putSlot(s), store::SqliteError);
}

TEST_F(Roster, CheckinsKnowWhetherTheyWerePlannedAndAreQueued) {
    addDeputy("a");
    addDeputy("b");
    store().roster().putSlot(
        {"s1", {2026, 11, 15}, 540, 720, "接待室", SlotKind::ReceptionDay, {"a"}, ""});
    const auto in = store().checkins().record("a", Direction::In, CheckinMethod::Qr, "k1");
    EXPECT_TRUE(in.planned);
    const auto other =
        store().checkins().record("b", Direction::In, CheckinMethod::Staff, "", "未带代表证");
    EXPECT_FALSE(other.planned);
    m_clock.advance(3600000);
    store().checkins().record("a", Direction::Out, CheckinMethod::Qr, "k1");

    const auto list = store().checkins().list();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[1].method, CheckinMethod::Staff);
    EXPECT_EQ(list[2].direction, Direction::Out);
    const auto duty =
        onDuty(store().roster().slots(), list, m_clock.nowMs(), kChinaUtcOffsetMinutes);
    ASSERT_EQ(duty.size(), 1u);
    EXPECT_EQ(duty[0].deputyId, "b");

    const auto queued = store().outbox().all();
    ASSERT_EQ(queued.size(), 3u);
    EXPECT_EQ(queued[0].id, in.id);
    EXPECT_EQ(queued[0].type, "checkin");
    EXPECT_EQ(nlohmann::json::parse(queued[0].payload)["planned"], true);
    EXPECT_THROW(store().checkins().record("nobody", Direction::In, CheckinMethod::Qr, ""),
                 store::StoreError);
}

// Staff sign a deputy in by hand only with a reason; a wrong check-in is corrected by a record
// that voids it: nothing is deleted, both are queued, and neither counts any more.
TEST_F(Roster, StaffSignInsNeedAReasonAndCorrectionsVoidWithoutDeleting) {
    addDeputy("a");
    addDeputy("b");
    using store::StoreError;
    auto inputError = [](auto&& f) -> std::optional<InputError> {
        try {
            f();
        } catch (const StoreError& e) {
            return e.inputError();
        }
        return std::nullopt;
    };
    EXPECT_EQ(inputError([&] {
                  store().checkins().record("a", Direction::In, CheckinMethod::Staff, "", " ");
              }),
              InputError::ReasonMissing);
    EXPECT_EQ(inputError([&] {
                  store().checkins().record("a", Direction::In, CheckinMethod::Staff, "",
                                            std::string(101 * 3, 'x'));
              }),
              InputError::ReasonTooLong);
    EXPECT_EQ(store().outbox().all().size(), 0u);  // nothing half-written

    const auto wrong =
        store().checkins().record("a", Direction::In, CheckinMethod::Staff, "", "代表证无法扫码");
    EXPECT_EQ(wrong.reason, "代表证无法扫码");
    const auto right = store().checkins().record("b", Direction::In, CheckinMethod::Qr, "k1");
    m_clock.advance(25 * 3'600'000LL);  // corrected the next day: still voids yesterday's
    const auto fix = store().checkins().correct(wrong.id, "签错了代表");
    EXPECT_EQ(fix.voids, wrong.id);
    EXPECT_EQ(fix.deputyId, "a");
    EXPECT_EQ(fix.method, CheckinMethod::Staff);

    const auto list = store().checkins().list();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, right.id);
    const MonthRange yesterday{wrong.at - 3'600'000, wrong.at + 3'600'000};
    ASSERT_EQ(store().checkins().list(yesterday).size(), 1u);
    EXPECT_EQ(store().checkins().list(yesterday)[0].id, right.id);
    EXPECT_EQ(store().db().queryInt("SELECT count(*) FROM checkin"), 3);

    const auto queued = store().outbox().all();
    ASSERT_EQ(queued.size(), 3u);
    const auto p = nlohmann::json::parse(queued[2].payload);
    EXPECT_EQ(p["voids"], wrong.id);
    EXPECT_EQ(p["reason"], "签错了代表");
    EXPECT_FALSE(nlohmann::json::parse(queued[1].payload).contains("voids"));

    EXPECT_EQ(inputError([&] { store().checkins().correct(wrong.id, "重复签到"); }),
              InputError::CheckinCorrected);
    EXPECT_EQ(inputError([&] { store().checkins().correct(fix.id, "重复签到"); }),
              InputError::CheckinIsCorrection);
    EXPECT_EQ(inputError([&] { store().checkins().correct(right.id, ""); }),
              InputError::ReasonMissing);
    EXPECT_THROW(store().checkins().correct("nope", "重复签到"), StoreError);
    EXPECT_EQ(store().outbox().all().size(), 3u);
}

TEST_F(Roster, LedgerEntriesAreListedByMonthAndQueued) {
    LedgerEntry e;
    e.activity = "reception_day";
    e.peopleReceived = 7;
    e.deputies = {"a", "b"};
    e.notes = "接待群众来访";
    const auto added = store().ledger().add(e);
    EXPECT_FALSE(added.id.empty());
    EXPECT_EQ(added.at, m_clock.nowMs());
    const auto nov = store().ledger().list(monthRange("2026-11", kChinaUtcOffsetMinutes));
    ASSERT_EQ(nov.size(), 1u);
    EXPECT_EQ(nov[0].deputies, e.deputies);
    EXPECT_EQ(nov[0].peopleReceived, 7);
    EXPECT_TRUE(store().ledger().list(monthRange("2026-10", kChinaUtcOffsetMinutes)).empty());
    EXPECT_EQ(store().outbox().all().at(0).type, "ledger");

    LedgerEntry bad;
    bad.activity = "  ";
    EXPECT_THROW(store().ledger().add(bad), store::StoreError);
    bad.activity = "x";
    bad.peopleReceived = -1;
    EXPECT_THROW(store().ledger().add(bad), store::StoreError);
    EXPECT_EQ(store().outbox().counts().pending, 1);
}
