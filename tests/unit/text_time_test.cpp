#include <gtest/gtest.h>

#include "kiosk/domain/local_time.hpp"
#include "kiosk/domain/text.hpp"

using namespace kiosk::domain;

TEST(Text, AcceptsChineseAndRareCharacters) {
    EXPECT_TRUE(isValidUtf8("人大代表联络站 堃喆昇"));
    EXPECT_TRUE(isValidUtf8("\xF0\xAC\x8C\x97"));  // 𬌗, outside the BMP
    EXPECT_EQ(codePointCount("刘堃abc"), 5u);
    EXPECT_EQ(codePointCount("\xF0\xAC\x8C\x97"), 1u);
}

TEST(Text, RejectsMalformedUtf8) {
    EXPECT_FALSE(isValidUtf8("\xff"));
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(isValidUtf8("\xE4\xBA"));          // truncated 人
    EXPECT_FALSE(
        isValidUtf8("ab\x80"
                    "cd"));  // lone continuation
}

TEST(Text, TrimsAsciiAndIdeographicSpaces) {
    EXPECT_EQ(trimSpaces("  \xE3\x80\x80修路\xE3\x80\x80 \n"), "修路");
    EXPECT_EQ(trimSpaces(" \xE3\x80\x80 "), "");
    EXPECT_EQ(trimSpaces("a b"), "a b");
}

TEST(LocalTime, ParsesOnlyRealDates) {
    EXPECT_TRUE(parseDate("2024-02-29"));
    EXPECT_FALSE(parseDate("2026-02-29"));
    EXPECT_FALSE(parseDate("2026-13-01"));
    EXPECT_FALSE(parseDate("2026-1-01"));
    EXPECT_EQ(parseTimeOfDay("09:30"), 570);
    EXPECT_EQ(parseTimeOfDay("24:00"), 1440);
    EXPECT_FALSE(parseTimeOfDay("24:01"));
    EXPECT_FALSE(parseTimeOfDay("9:30"));
}

TEST(LocalTime, ChinaLocalDayStartsAtSixteenUtc) {
    // 2026-11-15 00:00 in Beijing is 2026-11-14 16:00 UTC.
    const EpochMs t = fromLocal({2026, 11, 15}, 0, kChinaUtcOffsetMinutes);
    EXPECT_EQ(t, 1794672000000LL);
    const auto before = toLocal(t - 1, kChinaUtcOffsetMinutes);
    EXPECT_EQ(before.date, (LocalDate{2026, 11, 14}));
    EXPECT_EQ(before.minuteOfDay, 1439);
    const auto at = toLocal(t, kChinaUtcOffsetMinutes);
    EXPECT_EQ(at.date, (LocalDate{2026, 11, 15}));
    EXPECT_EQ(at.minuteOfDay, 0);
}

TEST(LocalTime, WeekdaysAndMonthArithmetic) {
    EXPECT_EQ(weekday({2026, 11, 23}), 0);  // a Monday
    EXPECT_EQ(weekday({2026, 11, 29}), 6);
    EXPECT_EQ(daysInMonth(2026, 2), 28);
    EXPECT_EQ(daysInMonth(2028, 2), 29);
    EXPECT_EQ(addDays({2026, 12, 31}, 1), (LocalDate{2027, 1, 1}));
    EXPECT_EQ(addDays({2026, 3, 1}, -1), (LocalDate{2026, 2, 28}));
    EXPECT_EQ(formatDate({2026, 3, 5}), "2026-03-05");
    EXPECT_EQ(formatTimeOfDay(545), "09:05");
}

// One decoder for kiosk, printer and county (sync/model/utf8): strict about malformed bytes.
TEST(SharedUtf8, OneStrictDecoderForEveryPart) {
    using namespace csync::model;
    EXPECT_FALSE(decodeUtf8("\xC0\xAF", 0).ok);          // overlong "/"
    EXPECT_FALSE(decodeUtf8("\xED\xA0\x80", 0).ok);      // a lone surrogate
    EXPECT_FALSE(decodeUtf8("\xF4\x90\x80\x80", 0).ok);  // above U+10FFFF
    const auto ok = decodeUtf8("站", 0);
    EXPECT_TRUE(ok.ok);
    EXPECT_EQ(ok.codePoint, U'站');
    EXPECT_EQ(ok.length, 3u);
    EXPECT_EQ(codePointsOrReplacement("a\xFF"
                                      "b"),
              (std::vector<char32_t>{U'a', 0xFFFD, U'b'}));
    EXPECT_EQ(codePointsOf("a\xFF"
                           "b"),
              (std::vector<char32_t>{U'a', U'b'}));
    EXPECT_EQ(toUtf8(U'\U0001F600'), "\xF0\x9F\x98\x80");
    EXPECT_EQ(toUtf8(0xD800), "\xEF\xBF\xBD");
    EXPECT_EQ(textLength("路灯坏了\n请修"), 7u);
    EXPECT_FALSE(textLength("a\x01"));
    EXPECT_FALSE(textLength("\xC0\xAF"));
}
