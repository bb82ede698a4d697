#include <gtest/gtest.h>

#include "kiosk/domain/deputy.hpp"

using namespace kiosk::domain;

namespace {
Deputy make(Level level, Disclosure d) {
    return Deputy{"d1", "刘堃", level, "云溪水务", "13800000000", "PNG", d, true};
}
}  // namespace

// DESIGN.md §1 (002 §5): county and township deputies' name, photo and work unit are always
// published; a personal phone number never is unless the deputy chose it (privacy denies).
TEST(Disclosure, CountyAndTownshipDeputiesShowTheirNamePhotoAndWorkUnitButAPhoneOnlyIfChosen) {
    for (Level level : {Level::County, Level::Township}) {
        const auto v = visibleFields(make(level, {false, false, false, false}));
        EXPECT_TRUE(v.name && v.photo && v.workUnit) << levelId(level);
        EXPECT_FALSE(v.phone) << levelId(level);
        EXPECT_TRUE(visibleFields(make(level, {false, false, false, true})).phone);
    }
}

TEST(Disclosure, HigherLevelDeputiesShowOnlyWhatTheyChose) {
    for (Level level : {Level::National, Level::Provincial, Level::City}) {
        const Deputy d = make(level, {true, true, false, false});
        const auto v = visibleFields(d);
        EXPECT_TRUE(v.name);
        EXPECT_TRUE(v.photo);
        EXPECT_FALSE(v.workUnit);
        EXPECT_FALSE(v.phone);
        const Deputy p = publicView(d);
        EXPECT_EQ(p.name, "刘堃");
        EXPECT_EQ(p.photo, "PNG");
        EXPECT_TRUE(p.workUnit.empty());
        EXPECT_TRUE(p.phone.empty());
    }
}

TEST(Disclosure, NothingChosenMeansNothingShown) {
    const Deputy p = publicView(make(Level::National, {false, false, false, false}));
    EXPECT_TRUE(p.name.empty() && p.photo.empty() && p.workUnit.empty() && p.phone.empty());
}

TEST(Levels, RoundTripAndOrder) {
    ASSERT_EQ(allLevels().size(), 5u);
    EXPECT_EQ(allLevels().front(), Level::National);
    for (Level l : allLevels()) EXPECT_EQ(parseLevel(levelId(l)), l);
    EXPECT_FALSE(parseLevel("village"));
}
