#include <gtest/gtest.h>

#include "kiosk/domain/schedule.hpp"

using namespace kiosk::domain;

namespace {

constexpr int kOff = kChinaUtcOffsetMinutes;

EpochMs at(LocalDate d, const char* hhmm) {
    return fromLocal(d, *parseTimeOfDay(hhmm), kOff);
}

ReceptionSlot slot(std::string id, LocalDate d, const char* from, const char* to, SlotKind kind,
                   std::vector<std::string> deputies) {
    return {std::move(id), d,    *parseTimeOfDay(from), *parseTimeOfDay(to),
            "接待室",      kind, std::move(deputies),   ""};
}

Checkin checkin(std::string deputy, EpochMs t, Direction dir) {
    return {"c-" + deputy + std::to_string(t),
            std::move(deputy),
            t,
            dir,
            CheckinMethod::Qr,
            "k1",
            true,
            "",
            ""};
}

const LocalDate kDay{2026, 11, 15};

}  // namespace

TEST(OnDuty, PlannedDeputiesAreExpectedDuringTheirSlotOnly) {
    const std::vector<ReceptionSlot> slots{
        slot("s1", kDay, "09:00", "12:00", SlotKind::ReceptionDay, {"a", "b"})};
    EXPECT_TRUE(onDuty(slots, {}, at(kDay, "08:59"), kOff).empty());
    const auto during = onDuty(slots, {}, at(kDay, "10:00"), kOff);
    ASSERT_EQ(during.size(), 2u);
    EXPECT_EQ(during[0].deputyId, "a");
    EXPECT_EQ(during[0].state, DutyState::Expected);
    EXPECT_EQ(during[0].since, at(kDay, "09:00"));
    EXPECT_TRUE(onDuty(slots, {}, at(kDay, "12:00"), kOff).empty());
}

TEST(OnDuty, CheckedInFirstThenExpectedAndCheckedOutLeave) {
    const std::vector<ReceptionSlot> slots{
        slot("s1", kDay, "09:00", "12:00", SlotKind::ReceptionDay, {"a", "b", "c"})};
    const std::vector<Checkin> checkins{
        checkin("b", at(kDay, "08:50"), Direction::In),
        checkin("x", at(kDay, "09:10"), Direction::In),  // unplanned deputy
        checkin("c", at(kDay, "09:05"), Direction::In),
        checkin("c", at(kDay, "10:30"), Direction::Out),
        checkin("y", at({2026, 11, 14}, "09:00"), Direction::In),  // yesterday: not on duty
    };
    const auto duty = onDuty(slots, checkins, at(kDay, "11:00"), kOff);
    ASSERT_EQ(duty.size(), 3u);
    EXPECT_EQ(duty[0].deputyId, "b");
    EXPECT_EQ(duty[0].state, DutyState::CheckedIn);
    EXPECT_EQ(duty[1].deputyId, "x");
    EXPECT_EQ(duty[1].state, DutyState::CheckedIn);
    EXPECT_EQ(duty[2].deputyId, "a");
    EXPECT_EQ(duty[2].state, DutyState::Expected);
}

TEST(OnDuty, CheckinsInTheFutureDoNotCount) {
    const std::vector<Checkin> checkins{checkin("a", at(kDay, "10:00"), Direction::In)};
    EXPECT_TRUE(onDuty({}, checkins, at(kDay, "09:00"), kOff).empty());
    EXPECT_EQ(onDuty({}, checkins, at(kDay, "10:00"), kOff).size(), 1u);
}

TEST(NextDirection, AlternatesWithinADayAndResetsNextDay) {
    std::vector<Checkin> c;
    EXPECT_EQ(nextDirection(c, "a", at(kDay, "09:00"), kOff), Direction::In);
    c.push_back(checkin("a", at(kDay, "09:00"), Direction::In));
    EXPECT_EQ(nextDirection(c, "a", at(kDay, "09:30"), kOff), Direction::Out);
    EXPECT_EQ(nextDirection(c, "b", at(kDay, "09:30"), kOff), Direction::In);
    EXPECT_EQ(nextDirection(c, "a", at({2026, 11, 16}, "09:00"), kOff), Direction::In);
    c.push_back(checkin("a", at(kDay, "12:00"), Direction::Out));
    EXPECT_EQ(nextDirection(c, "a", at(kDay, "13:00"), kOff), Direction::In);
}

TEST(Planned, DependsOnTheLocalDate) {
    const std::vector<ReceptionSlot> slots{
        slot("s1", kDay, "09:00", "12:00", SlotKind::ReceptionDay, {"a"})};
    EXPECT_TRUE(isPlanned(slots, "a", at(kDay, "15:00"), kOff));
    EXPECT_FALSE(isPlanned(slots, "b", at(kDay, "10:00"), kOff));
    EXPECT_FALSE(isPlanned(slots, "a", at({2026, 11, 16}, "10:00"), kOff));
}

TEST(NextReceptionDay, SkipsOtherKindsAndFinishedSlots) {
    const std::vector<ReceptionSlot> slots{
        slot("dec", {2026, 12, 15}, "09:00", "12:00", SlotKind::ReceptionDay, {}),
        slot("nov", kDay, "09:00", "12:00", SlotKind::ReceptionDay, {}),
        slot("insp", {2026, 11, 20}, "09:00", "12:00", SlotKind::Inspection, {}),
    };
    EXPECT_EQ(nextReceptionDay(slots, at(kDay, "11:59"), kOff)->id, "nov");
    EXPECT_EQ(nextReceptionDay(slots, at(kDay, "12:00"), kOff)->id, "dec");
    EXPECT_FALSE(nextReceptionDay(slots, at({2026, 12, 16}, "00:00"), kOff));
}

TEST(SlotsInMonth, OrderedByDateAndStart) {
    const std::vector<ReceptionSlot> slots{
        slot("b", kDay, "14:00", "16:00", SlotKind::Study, {}),
        slot("a", kDay, "09:00", "12:00", SlotKind::ReceptionDay, {}),
        slot("c", {2026, 11, 2}, "09:00", "12:00", SlotKind::Training, {}),
        slot("z", {2026, 12, 2}, "09:00", "12:00", SlotKind::Training, {}),
    };
    const auto nov = slotsInMonth(slots, 2026, 11);
    ASSERT_EQ(nov.size(), 3u);
    EXPECT_EQ(nov[0].id, "c");
    EXPECT_EQ(nov[1].id, "a");
    EXPECT_EQ(nov[2].id, "b");
}

TEST(SlotKinds, RoundTrip) {
    EXPECT_EQ(allSlotKinds().size(), 8u);
    for (SlotKind k : allSlotKinds()) EXPECT_EQ(parseSlotKind(slotKindId(k)), k);
    EXPECT_FALSE(parseSlotKind("party"));
}
