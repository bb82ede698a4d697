// Keyboard-wedge scanners: a fast burst ending in Enter is a code; people's typing goes through.
#include <gtest/gtest.h>

#include "kiosk/app/wedge_scanner.hpp"

using kiosk::app::WedgeScanner;

TEST(WedgeScanner, AFastBurstEndingInEnterIsACode) {
    WedgeScanner w;
    long long t = 1000;
    std::string passed;
    for (char c : std::string("DQ1:ABCDEFGH234567")) passed += w.typed(std::string(1, c), t += 4);
    EXPECT_EQ(passed, "");
    EXPECT_EQ(w.enter(t + 4), "DQ1:ABCDEFGH234567");
    EXPECT_EQ(w.msUntilRelease(t + 10), -1);
}

TEST(WedgeScanner, PeopleTypingIsReleasedAfterTheGap) {
    WedgeScanner w;
    std::string passed = w.typed("a", 1000);
    EXPECT_EQ(w.release(1010), "") << "still within the burst gap";
    EXPECT_GT(w.msUntilRelease(1010), 0);
    passed += w.release(1000 + WedgeScanner::kBurstGapMs + 1);
    passed += w.typed("b", 1200);
    passed += w.typed("c", 1400);  // releases "b"
    passed += w.release(1500);
    EXPECT_EQ(passed, "abc");
}

TEST(WedgeScanner, ShortOrSlowInputBeforeEnterIsNotACode) {
    WedgeScanner w;
    long long t = 0;
    for (char c : std::string("12345")) w.typed(std::string(1, c), t += 3);
    EXPECT_FALSE(w.enter(t + 3).has_value()) << "too short for a code";
    EXPECT_EQ(w.release(t + 3, true), "12345");
    for (char c : std::string("ABCDEFGHJK")) w.typed(std::string(1, c), t += 3);
    EXPECT_FALSE(w.enter(t + 500).has_value()) << "Enter long after the last key: a person";
    EXPECT_EQ(w.release(t + 500, true), "ABCDEFGHJK");
}
