#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "../support/temp_dir.hpp"
#include "platform/assets.hpp"
#include "platform/crypto.hpp"
#include "platform/removable_media.hpp"
#include "sync/protocol/record.hpp"

TEST(Crypto, UuidsAreVersion4AndDistinct) {
    const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = platform::newUuid();
        EXPECT_TRUE(std::regex_match(id, shape)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Crypto, SealedBoxOpensOnlyWithTheRightKey) {
    const auto county = platform::makeSealKeyPair();
    const auto other = platform::makeSealKeyPair();
    const auto box = platform::seal(county.publicKey, "王五 13800001111");
    EXPECT_EQ(platform::openSealed(county, box), "王五 13800001111");
    EXPECT_FALSE(platform::openSealed(other, box));
    auto tampered = box;
    tampered.back() ^= 1;
    EXPECT_FALSE(platform::openSealed(county, tampered));
    EXPECT_THROW(platform::seal(platform::Bytes(5), "x"), std::invalid_argument);
}

TEST(Crypto, Base64RoundTripAndRejectsGarbage) {
    const platform::Bytes data{0, 1, 2, 250, 251, 252, 253};
    EXPECT_EQ(platform::fromBase64(platform::toBase64(data)), data);
    EXPECT_EQ(platform::toBase64({'a', 'b', 'c'}), "YWJj");
    EXPECT_FALSE(platform::fromBase64("not base64!"));
}

TEST(Crypto, RandomBelowStaysInRange) {
    for (int i = 0; i < 1000; ++i) EXPECT_LT(platform::randomBelow(27), 27u);
}

TEST(Assets, StringTableAndDemoAreEmbedded) {
    ASSERT_TRUE(platform::asset("strings/zh-CN.json"));
    ASSERT_TRUE(platform::asset("demo/station.json"));
    EXPECT_FALSE(platform::asset("nope.txt"));
    EXPECT_GE(platform::assetPaths("demo/").size(), 2u);
}

TEST(Record, CanonicalPayloadAndWireRoundTrip) {
    const nlohmann::json payload{{"z", 1}, {"a", "人大"}};
    const std::string canonical = csync::canonicalJson(payload);
    EXPECT_EQ(canonical, "{\"a\":\"人大\",\"z\":1}");
    const csync::Record r{"id-1", "concern", 42, canonical};
    const auto back = csync::recordFromJson(csync::toJson(r));
    EXPECT_EQ(back.id, r.id);
    EXPECT_EQ(back.type, r.type);
    EXPECT_EQ(back.createdAtMs, 42);
    EXPECT_EQ(back.payload, canonical);
}

TEST(Record, RejectsMalformedRecords) {
    using nlohmann::json;
    EXPECT_THROW(csync::recordFromJson(json::array()), std::invalid_argument);
    EXPECT_THROW(
        csync::recordFromJson(
            {{"id", ""}, {"type", "concern"}, {"created_at", 1}, {"payload", json::object()}}),
        std::invalid_argument);
    EXPECT_THROW(
        csync::recordFromJson(
            {{"id", "x"}, {"type", "concern"}, {"created_at", "1"}, {"payload", json::object()}}),
        std::invalid_argument);
    EXPECT_THROW(csync::recordFromJson({{"id", "x"}, {"type", "concern"}, {"created_at", 1}}),
                 std::invalid_argument);
    EXPECT_THROW(csync::canonicalJson(json("\xff")), json::type_error);
}

// USB sticks come from the mounts table: a block device mounted read-write below an automount
// folder, its name's escapes decoded; the system disk, read-only media and tmpfs are not.
TEST(RemovableMedia, StickIsARwBlockDeviceBelowTheAutomountFolder) {
    testsupport::TempDir dir;
    const std::string table = dir.file("mounts");
    std::ofstream(table) << "/dev/mmcblk0p2 / ext4 rw,relatime 0 0\n"
                            "tmpfs /run/media/kiosk/ram tmpfs rw 0 0\n"
                            "/dev/sr0 /media/kiosk/CDROM iso9660 ro,nosuid 0 0\n"
                            "/dev/sdb1 /media/kiosk/MY\\040STICK vfat rw,nosuid,uid=1000 0 0\n"
                            "/dev/sdc1 /run/media/kiosk/DATA exfat rw 0 0\n"
                            "/dev/sdd1 /media ext4 rw 0 0\n"
                            "garbage\n";
    EXPECT_EQ(platform::removableMounts({table, {"/media/", "/run/media/"}}),
              (std::vector<std::string>{"/media/kiosk/MY STICK", "/run/media/kiosk/DATA"}));
    EXPECT_TRUE(platform::removableMounts({dir.file("none"), {"/media/"}}).empty());
}
