#include <gtest/gtest.h>

#include "kiosk/domain/opening_hours.hpp"
#include "kiosk/strings.hpp"

using namespace kiosk::domain;

namespace {

OpeningHours parse(const std::string& text) {
    OpeningHoursError error;
    const auto h = parseOpeningHours(text, error);
    EXPECT_TRUE(h) << text << ": " << error.key << " " << error.part;
    return h.value_or(OpeningHours{});
}

std::string errorOf(const std::string& text, std::string* part = nullptr) {
    OpeningHoursError error;
    const auto h = parseOpeningHours(text, error);
    EXPECT_FALSE(h) << text;
    if (part) *part = error.part;
    return error.key;
}

std::string describe(const OpeningHours& h) {
    return describeOpeningHours(h, [](std::string_view k) { return kiosk::tr(k); });
}

// 2026-11-16 is a Monday.
LocalDateTime at(int day, const char* time) {
    return {{2026, 11, day}, *parseTimeOfDay(time)};
}

}  // namespace

TEST(OpeningHours, OneRangeEveryDay) {
    const auto h = parse("08:30-17:30");
    for (const auto& day : h.days) ASSERT_EQ(day, (std::vector<OpeningRange>{{510, 1050}}));
    EXPECT_FALSE(isOpenAt(h, at(16, "08:29")));
    EXPECT_TRUE(isOpenAt(h, at(16, "08:30")));
    EXPECT_TRUE(isOpenAt(h, at(22, "17:29")));   // Sunday too
    EXPECT_FALSE(isOpenAt(h, at(16, "17:30")));  // the end is exclusive
    EXPECT_EQ(formatOpeningHours(h), "mon-sun 08:30-17:30");
    EXPECT_EQ(describe(h), "每天 08:30-17:30");
}

TEST(OpeningHours, DaysAndSeveralRanges) {
    const auto h = parse("mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00");
    EXPECT_TRUE(isOpenAt(h, at(16, "10:00")));   // Monday morning
    EXPECT_FALSE(isOpenAt(h, at(16, "13:00")));  // lunch break
    EXPECT_TRUE(isOpenAt(h, at(20, "15:00")));   // Friday afternoon
    EXPECT_TRUE(isOpenAt(h, at(21, "11:59")));   // Saturday morning
    EXPECT_FALSE(isOpenAt(h, at(21, "14:00")));  // not Saturday afternoon
    EXPECT_FALSE(isOpenAt(h, at(22, "10:00")));  // Sunday closed
    EXPECT_EQ(formatOpeningHours(h), "mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00");
    EXPECT_EQ(describe(h), "周一至周五 08:30-12:00、14:00-17:30；周六 09:00-12:00");
}

TEST(OpeningHours, ChineseDayNamesAndFullWidthPunctuation) {
    EXPECT_EQ(parse("周一至周五 08:30－17:30；周六、周日 9:00-12:00"),
              parse("mon-fri 08:30-17:30; sat,sun 09:00-12:00"));
    EXPECT_EQ(parse("星期一到星期五 08：30-17：30"), parse("mon-fri 08:30-17:30"));
    EXPECT_EQ(parse("周日 10:00-11:00"), parse("周天 10:00-11:00"));
}

TEST(OpeningHours, CanonicalTextParsesBackToTheSame) {
    for (const char* text : {"08:00-24:00", "mon,wed,fri 08:00-12:00", "fri-mon 10:00-16:00",
                             "周二 08:00-09:00,10:00-11:00；周四 13:00-18:00"}) {
        const auto h = parse(text);
        EXPECT_EQ(parse(formatOpeningHours(h)), h) << text;
    }
    const auto wrap = parse("fri-mon 10:00-16:00");  // over the weekend
    EXPECT_TRUE(isOpenAt(wrap, at(22, "10:00")));
    EXPECT_TRUE(isOpenAt(wrap, at(16, "10:00")));
    EXPECT_FALSE(isOpenAt(wrap, at(18, "10:00")));
}

TEST(OpeningHours, BadInputNamesWhatIsWrong) {
    std::string part;
    EXPECT_EQ(errorOf("", &part), "error.hours_format");
    EXPECT_EQ(errorOf("上午"), "error.hours_format");
    EXPECT_EQ(errorOf("0830-1730"), "error.hours_format");
    EXPECT_EQ(errorOf("08:30-25:00", &part), "error.hours_time");
    EXPECT_EQ(part, "08:30-25:00");
    EXPECT_EQ(errorOf("08:61-17:00"), "error.hours_time");
    EXPECT_EQ(errorOf("24:00-24:00"), "error.hours_time");
    EXPECT_EQ(errorOf("17:30-08:30", &part), "error.hours_order");
    EXPECT_EQ(part, "17:30-08:30");
    EXPECT_EQ(errorOf("mon-fri 08:30-17:30; xyz 09:00-12:00", &part), "error.hours_day");
    EXPECT_EQ(part, "xyz");
    EXPECT_EQ(errorOf("周八 09:00-12:00"), "error.hours_day");
    for (const char* key : {"error.hours_format", "error.hours_time", "error.hours_order",
                            "error.hours_day", "hours.every_day", "hours.day.6"})
        EXPECT_TRUE(kiosk::hasString(key)) << key;
}
