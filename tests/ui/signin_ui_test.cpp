// Deputies' sign-in at the real kiosk, headless, through a folder standing in for the camera or a
// keyboard-wedge scanner (DESIGN.md §5): printed cards, a card on a dark-mode phone, forged cards.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/domain/receipt_code.hpp"
#include "kiosk_ui_fixture.hpp"
#include "platform/gray_image.hpp"
#include "platform/qr_decode.hpp"

namespace {

class SignIn : public KioskUi {};

// A duty card shown on a phone in dark mode (light modules on dark): plain ZXing cannot read it;
// the camera worker tries one extra pass a frame in turn, and the deputy is signed in within the
// few frames the card is held up.
TEST_F(SignIn, ACardOnADarkModePhoneSignsIn) {
    const auto cards = m_dir.file("cards");
    auto r = testsupport::runProcess(STATIONCTL_PATH, {"--now", "2026-11-15T09:00", "qr",
                                                       "demo-cards", "--db", db(), "--out", cards});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto card = platform::loadGrayImage(cards + "/d07.png");
    ASSERT_FALSE(card.empty());
    for (auto& v : card.pixels) v = static_cast<std::uint8_t>(255 - v);
    ASSERT_FALSE(platform::decodeQrRaw(card));
    const auto camera = m_dir.path() / "camera";
    fs::create_directories(camera);
    ASSERT_TRUE(platform::writeGrayPng((camera / "phone.png").string(), card));
    r =
        run("tap \"代表签到\"\nwait-for \"签到成功，欢迎您！\" 10000\nexpect "
            "\"陈𬌗\"\n",
            "1080x1920", "2026-11-15T10:00", {"--camera", "file:" + camera.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(checkins().back().deputyId, "d07");
}

// Deputy sign-in (DESIGN.md §5) through a file camera showing printed cards: the first scan
// checks in and Home shows the deputy signed in; the next scan asks and checks out; a forged
// card is refused with the reason. Each check-in is stored and queued for the county.
TEST_F(SignIn, DeputySignsInAndOutByQrAndForgedCardsAreRefused) {
    const auto cards = m_dir.file("cards");
    auto r = testsupport::runProcess(STATIONCTL_PATH, {"--now", "2026-11-15T09:00", "qr",
                                                       "demo-cards", "--db", db(), "--out", cards});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto camera = m_dir.path() / "camera";
    fs::create_directories(camera);
    fs::copy_file(cards + "/d07.png", camera / "card.png");
    const std::vector<std::string> cam{"--camera", "file:" + camera.string()};

    r = run(
        "tap \"代表签到\"\nwait-for \"签到成功，欢迎您！\" 10000\nexpect \"陈𬌗\"\n"
        "shot welcome\ntap \"完成\"\nexpect \"已签到 10:00\"\nshot home\n",
        "1080x1920", "2026-11-15T10:00", cam);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto in = checkins().back();
    EXPECT_EQ(in.deputyId, "d07");
    EXPECT_EQ(in.direction, kiosk::domain::Direction::In);
    EXPECT_EQ(in.method, kiosk::domain::CheckinMethod::Qr);
    EXPECT_EQ(in.keyId, "1");
    EXPECT_TRUE(in.planned);

    r =
        run("tap \"代表签到\"\nwait-for \"今天 10:00 已签到。现在要签退吗？\" 10000\nshot ask\n"
            "tap \"签退\"\nexpect \"已签退，辛苦了！\"\ntap \"完成\"\n"
            "expect-not \"已签到 10:00\"\n",
            "1080x1920", "2026-11-15T11:30", cam);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(checkins().back().direction, kiosk::domain::Direction::Out);

    // A card signed with a key the county never gave this station.
    r = testsupport::runProcess(STATIONCTL_PATH, {"qr", "keygen", "--out", m_dir.file("forger")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = testsupport::runProcess(
        STATIONCTL_PATH,
        {"--now", "2026-11-15T09:00", "qr", "issue", "--key",
         m_dir.file("forger/deputy-qr-key-1.secret.json"), "--deputy", "d07", "--county", "430321",
         "--days", "30", "--name", "陈𬌗", "--out", (camera / "card.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r =
        run("tap \"代表签到\"\nwait-for "
            "\"这张值班码无法通过验证，可能是伪造或损坏的。请联系工作人员。\" 10000\nshot forged\n",
            "1080x1920", "2026-11-15T11:40", cam);
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

// A keyboard-wedge scanner works from any screen: a receipt opens its progress page, a deputy
// card signs in; without a camera the sign-in screen says so and points to staff.
TEST_F(SignIn, WedgeScannerRoutesReceiptsAndCardsWithoutACamera) {
    const auto cards = m_dir.file("cards");
    auto r = testsupport::runProcess(STATIONCTL_PATH, {"--now", "2026-11-15T09:00", "qr",
                                                       "demo-cards", "--db", db(), "--out", cards});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::string token, unplanned;
    std::getline(std::ifstream(cards + "/d09.txt"), token);
    std::getline(std::ifstream(cards + "/d01.txt"), unplanned);  // not in the 15th's plan
    const std::string receipt = answeredUnratedReceipt();
    ASSERT_FALSE(receipt.empty());
    const std::vector<std::string> noCamera{"--camera", "file:" + m_dir.file("no-such-folder")};
    const std::string shownCode = "回执号：" + kiosk::domain::formatReceiptCode(receipt);
    r = run("scan \"RC1:" + receipt + "\"\nexpect \"" + shownCode + "\"\nshot receipt\n" +
                // The county's public progress URL (receipt QR when it set one) opens it too.
                "tap \"首页\"\nscan \"https://rd.example.cn/track/" + receipt + "\"\nexpect \"" +
                shownCode + "\"\n" + "tap \"首页\"\nscan \"" + token +
                "\"\nwait-for \"签到成功，欢迎您！\" 5000\n" +
                "expect \"罗桂兰\"\ntap \"继续扫码\"\n" +
                "wait-for \"没有找到摄像头。可以使用扫码枪，或请工作人员在工作台为您手动签到。\" "
                "5000\n" +
                "shot no-camera\ntap \"首页\"\nscan \"" + unplanned + "\"\n" +
                "wait-for \"今天不在接待安排中，已按计划外签到记录。\" 5000\n",
            "1080x1920", "2026-11-15T10:00", noCamera);
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace
