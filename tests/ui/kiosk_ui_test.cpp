// The real station-kiosk, headless (SDL offscreen + Mesa), driven by scripted touches on a real
// demo store. Each test asserts on what the UI showed (visible labels) and on the store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "kiosk/domain/receipt_code.hpp"
#include "kiosk_ui_fixture.hpp"
#include "platform/gray_image.hpp"
#include "platform/qr_decode.hpp"
#include "server_process.hpp"
#include "wav_file.hpp"

namespace {

// Staff entry with the demo station's PIN (246810).
constexpr const char* kStaffLogin =
    "tap \"工作人员\"\ntap \"刘小红\"\ntap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"1\"\ntap "
    "\"0\"\ntap "
    "\"登录\"\n";

constexpr const char* kSubmitToReview = R"(
tap "我要反映"
tap "道路交通与基础设施"
expect "代表会怎样处理"
tap "下一步"
type "石塘村到镇上的路灯坏了三盏，晚上很黑。"
tap "存在安全隐患"
tap "下一步"
)";

}  // namespace

TEST_F(KioskUi, HomeShowsStationDutyAndTiles) {
    const auto r = run("shot home\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* l : {"云溪镇人大代表联络站", "今日在岗代表", "我要反映", "进度查询",
                          "代表信息", "接待安排", "办理公示", "工作人员", "今天是代表接待日"})
        EXPECT_TRUE(visible(l)) << l;
    // Planned deputies of the 15th checked in at 08:50 in the demo data.
    EXPECT_TRUE(visible("陈𬌗"));
    for (const auto& l : labels())
        if (l.tappable) {
            EXPECT_GE(l.x1 - l.x0, 72) << l.text;
            EXPECT_GE(l.y1 - l.y0, 72) << l.text;
        }
}

TEST_F(KioskUi, SubmitWithoutContactStoresTheConcernAndShowsItsReceipt) {
    const auto before = concerns();
    const auto r = run(std::string(kSubmitToReview) + R"(
tap "下一步"
tap "下一步"
expect "第五步：核对并提交"
tap "确认提交"
expect "您的意见已经保存"
expect-not "重新打印"
expect-not "正在打印回执…"
shot receipt
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    const auto& c = fresh[0];
    EXPECT_EQ(c.text, "石塘村到镇上的路灯坏了三盏，晚上很黑。存在安全隐患");
    EXPECT_EQ(c.category, kiosk::domain::Category::Infrastructure);
    EXPECT_EQ(c.takenBy, kiosk::domain::TakenBy::Self);
    EXPECT_FALSE(c.hasContact);
    EXPECT_TRUE(visible(kiosk::domain::formatReceiptCode(c.receipt)));
}

TEST_F(KioskUi, ReceiptIsPrintedWhenAPrinterIsSet) {
    const auto before = concerns();
    const std::string png = m_dir.file("receipt.png");
    const auto r = run(std::string(kSubmitToReview) + R"(
tap "下一步"
tap "下一步"
tap "确认提交"
wait-for "回执已打印，请取走" 20000
shot printed
tap "重新打印"
wait-for "回执已打印，请取走" 20000
)",
                       "1080x1920", "2026-11-15T10:00", {"--printer", "file:" + png});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_TRUE(visible(kiosk::domain::formatReceiptCode(fresh[0].receipt)));
    const auto img = platform::loadGrayImage(png);
    ASSERT_FALSE(img.empty());
    EXPECT_EQ(img.width, 576);
    const auto qr = platform::decodeQr(img);
    ASSERT_TRUE(qr);
    EXPECT_EQ(kiosk::domain::receiptFromScan(*qr), fresh[0].receipt) << *qr;
    fs::copy_file(png,
                  std::string(UI_SCREENSHOTS_DIR) + "/ReceiptIsPrintedWhenAPrinterIsSet/paper.png",
                  fs::copy_options::overwrite_existing);
}

TEST_F(KioskUi, PrinterFailureKeepsTheReceiptOnScreen) {
    const auto before = concerns();
    // A port nothing listens on: the network printer is switched off.
    const std::string failure = "打印失败：打印机未连接。请记下回执号或拍照。";
    const auto r = run(std::string(kSubmitToReview) + R"(
tap "下一步"
tap "下一步"
tap "确认提交"
wait-for ")" + failure + R"(" 20000
shot failed
tap "重新打印"
wait-for ")" + failure + R"(" 20000
expect "您的意见已经保存"
)",
                       "1080x1920", "2026-11-15T10:00", {"--printer", "tcp:127.0.0.1:1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);  // stored before printing
    EXPECT_TRUE(visible(kiosk::domain::formatReceiptCode(fresh[0].receipt)));
    EXPECT_TRUE(visible(failure));
    for (const auto& l : labels())
        if (l.tappable) {
            EXPECT_GE(l.x1 - l.x0, 72) << l.text;
            EXPECT_GE(l.y1 - l.y0, 72) << l.text;
        }
}

TEST_F(KioskUi, SubmitWithContactNeedsConsentAndSealsIt) {
    const auto before = concerns();
    const auto r = run(std::string(kSubmitToReview) + R"(
tap "留下联系方式"
tap "##phone"
type "13800001111"
tap "下一步"
expect "留下姓名或电话前，需要您同意《联系方式使用说明》。"
tap "□ 我已阅读并同意以上说明"
tap "下一步"
tap "王秀英"
tap "下一步"
tap "确认提交"
expect "您的意见已经保存"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    const auto& c = fresh[0];
    EXPECT_TRUE(c.hasContact);
    EXPECT_EQ(c.deputyId, "d06");
    std::ifstream f(db(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(f), {}};
    EXPECT_EQ(bytes.find("13800001111"), std::string::npos);
}

TEST_F(KioskUi, TrackShowsTheAnswerAndTakesOneRating) {
    const std::string receipt = answeredUnratedReceipt();
    ASSERT_FALSE(receipt.empty());
    std::string lower = kiosk::domain::formatReceiptCode(receipt);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(ch));
    const auto r =
        run("tap \"进度查询\"\ntype \"" + lower +
            "\"\ntap \"查询\"\nexpect \"当前状态：已答复\"\n"
            "shot answered\ntap \"满意\"\nexpect \"您的评价：满意\"\nexpect-not \"不满意\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& c : concerns())
        if (c.receipt == receipt) {
            EXPECT_EQ(c.satisfaction, kiosk::domain::Satisfaction::Satisfied);
        }
}

// The keypad has only the 27 characters codes use and groups them as they are typed; the check
// character tells a mistyped code (有一位输错) from a well-formed one this station does not know.
TEST_F(KioskUi, TrackRefusesAnUnknownCode) {
    const std::string unknown = kiosk::domain::makeReceiptCode({1, 2, 3, 4, 5, 6, 7, 8});
    std::string mistyped = unknown;
    mistyped[4] = mistyped[4] == '2' ? '3' : '2';
    std::string keys;
    for (char c : mistyped) keys += "tap \"" + std::string(1, c) + "\"\n";
    const auto r = run(
        "tap \"进度查询\"\nexpect-not \"O\"\nexpect-not \"1\"\n" + keys + "expect \"" +
        kiosk::domain::formatReceiptCode(mistyped) +
        "\"\ntap \"查询\"\nexpect \"有一位输错了。请对照回执，逐位核对后再查询。\"\n"
        "shot mistyped\ntap \"清空\"\nexpect \"撤销清空\"\ntap \"撤销清空\"\nexpect \"" +
        kiosk::domain::formatReceiptCode(mistyped) + "\"\ntap \"清空\"\ntype \"" + unknown +
        "\"\ntap \"查询\"\nexpect \"没有找到这个回执号，请核对后重新输入。\"\n"
        "tap \"清空\"\ntype \"ABC\"\ntap \"查询\"\nexpect \"回执号一共9位，请输完整后再查询。\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, DeputiesHonourDisclosure) {
    // 谭淑芬 (provincial) published her name only; 王秀英 (county) shows name, photo and work unit
    // by rule but no phone number, which she did not choose to publish (privacy defaults deny).
    const auto r =
        run("tap \"代表信息\"\nshot list\ntap \"谭淑芬\"\nexpect \"省人大代表\"\nexpect "
            "\"未公开照片\"\n"
            "expect-not \"工作单位：云溪镇中心小学\"\nexpect-not \"联系电话：13607323003\"\n"
            "tap \"返回代表列表\"\ntap \"王秀英\"\nexpect \"工作单位：云溪镇卫生院\"\n"
            "expect-not \"联系电话：13807326006\"\nshot detail\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, ScheduleAndResults) {
    const auto r =
        run("tap \"接待安排\"\nexpect \"09:00–12:00　代表接待日\"\nexpect \"2026年11月\"\ntap "
            "\"下个月 ›\"\n"
            "expect \"2026年12月\"\nshot schedule\ntap \"首页\"\ntap \"办理公示\"\n"
            "expect \"答复：镇政府已组织清运建筑垃圾约40吨，并在河边设置警示牌和监控。\"\n"
            "expect \"反映的问题：反映河边有人倾倒建筑垃圾、影响排洪\"\n"
            "expect-not \"*河边有人倒建筑垃圾，已经堆了一大片*\"\nshot results\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, StaffLockoutSurvivesRestart) {
    std::string wrong = "tap \"工作人员\"\ntap \"刘小红\"\n";
    // The PIN is checked on a worker thread; the message comes when the check is done. One
    // lockout for the station: trying another name does not give more tries.
    for (int i = 0; i < 5; ++i)
        wrong +=
            (i == 3 ? "tap \"换一个人\"\ntap \"陈建国\"\nexpect \"陈建国，请输入您的密码：\"\n"
                    : "") +
            std::string("tap \"1\"\ntap \"登录\"\n") +
            (i < 4 ? "expect \"密码不正确。再错 " + std::to_string(4 - i) + " 次将暂时锁定。\"\n"
                   : std::string());
    wrong += "expect \"密码错误次数过多，已暂时锁定。请在以下时间后再试：10:01\"\n";
    auto r = run(wrong);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // A restart (new process) is still locked; after the lockout the right PIN works.
    r = run(
        "tap \"工作人员\"\nexpect \"密码错误次数过多，已暂时锁定。请在以下时间后再试：10:01\"\n",
        "1080x1920", "2026-11-15T10:00");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = run(std::string(kStaffLogin) + "expect \"意见办理\"\nexpect \"第 1–*\"\nshot staff\n",
            "1080x1920", "2026-11-15T10:05");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, StaffRecordsOnACitizensBehalfAndSetsDisposition) {
    const auto before = concerns();
    const auto r =
        run(std::string(kStaffLogin) + "expect \"退出（刘小红）\"\n" +
            "tap \"代群众登记\"\ntap \"正在审理的司法案件\"\n"
            "expect \"请注意：这类问题由其他机关办理\"\ntap \"下一步\"\ntype \"案件审理太慢\"\ntap "
            "\"下一步\"\n"
            "tap \"下一步\"\ntap \"下一步\"\ntap \"确认提交\"\nexpect \"您的意见已经保存\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    const auto& c = fresh[0];
    EXPECT_EQ(c.takenBy, kiosk::domain::TakenBy::Liaison);
    EXPECT_EQ(c.officer, "刘小红");  // who took it, by the name they logged in with
    EXPECT_EQ(c.category, kiosk::domain::Category::CourtCase);
    const auto d = run(std::string(kStaffLogin) +
                       "tap \"今天\"\ntap \"写处理说明或答复内容，写完再点处理方式\"\n"
                       "type \"县人民法院\"\ntap \"告知反映渠道\"\n"
                       "expect \"处理方式：告知向有关机关反映（县人民法院）\"\n");
    ASSERT_EQ(d.exitCode, 0) << d.err;
    for (const auto& now : concerns())
        if (now.id == c.id) {
            EXPECT_EQ(now.disposition, kiosk::domain::Disposition::Referred);
        }
}

// The display scale is a station setting chosen in staff mode: it applies at once, is stored,
// and the next start uses it. Layout units shrink by the scale; the screen keeps its pixels.
TEST_F(KioskUi, DisplayScaleFromStaffSettingsAppliesAndPersists) {
    auto maxRight = [&] {
        float x = 0;
        for (const auto& l : labels()) x = std::max(x, l.x1);
        return x;
    };
    auto r = run(std::string(kStaffLogin) +
                 "tap \"本机设置\"\ntap \"150%\"\nexpect \"已保存。\"\nshot settings\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_LE(maxRight(), 720.5f);
    {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        EXPECT_EQ(store.station().setting("display.scale").value_or(""), "1.500000");
    }
    r = run("shot home\n");  // a new process reads the setting
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(visible("我要反映"));
    EXPECT_LE(maxRight(), 720.5f);
    EXPECT_GT(maxRight(), 600.0f);
    for (const auto& l : labels()) {
        if (l.tappable) {
            EXPECT_GE(l.y1 - l.y0, 72) << l.text;  // 108 screen pixels
        }
    }
    r = run(std::string(kStaffLogin) + "tap \"本机设置\"\ntap \"100%\"\nexpect \"已保存。\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_GT(maxRight(), 1000.0f);
}

// Live sync from the kiosk's own worker: Home says everything reached the county, and an
// answer the county publishes shows on the progress page after the next sync.
TEST_F(KioskUi, KioskSyncsLiveWithTheCountyServer) {
    const std::string county = m_dir.file("county.db");
    auto r = testsupport::runProcess(
        COUNTY_SERVER_PATH, {"--db", "sqlite:" + county, "init", "--county", "430321", "--demo"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    testsupport::ServerProcess server(COUNTY_SERVER_PATH, county);
    r = testsupport::runProcess(
        COUNTY_SERVER_PATH,
        {"--db", "sqlite:" + county, "station", "add", "--id", "430321-yunxi", "--name",
         "云溪镇人大代表联络站", "--out", m_dir.file("enroll.json"), "--server", server.url()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = testsupport::runProcess(STATIONCTL_PATH,
                                {"--db", db(), "enroll", m_dir.file("enroll.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto hasPrefix = [&](const std::string& prefix) {
        for (const auto& l : labels())
            if (l.text.rfind(prefix, 0) == 0) return true;
        return false;
    };
    r = run("wait-for \"✓ 记录已全部上报县人大（最近同步：*\" 20000\nshot synced\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(hasPrefix("✓ 记录已全部上报县人大（最近同步：")) << "Home shows the sync state";

    std::string receipt;
    for (const auto& c : concerns())
        if (c.status == kiosk::domain::Status::Received) receipt = c.receipt;
    ASSERT_FALSE(receipt.empty());
    r = testsupport::runProcess(
        COUNTY_SERVER_PATH,
        {"--db", "sqlite:" + county, "concern", "answer", "--receipt", receipt, "--answer",
         "县交通局已安排维修，月底前完成。", "--summary", "反映道路的问题"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // The sync log in staff settings shows when the worker has applied the county's update.
    r = run(std::string(kStaffLogin) + "tap \"本机设置\"\n" +
            "wait-for \"*收到 1 条意见的办理进度*\" 20000\ntap \"首页\"\n" +
            "tap \"进度查询\"\ntap \"##receipt\"\ntype \"" + receipt +
            "\"\ntap \"查询\"\nexpect \"县交通局已安排维修，月底前完成。\"\nshot answered\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, IdleResetWipesWhatWasTyped) {
    const auto r = run(R"(
tap "我要反映"
tap "生态环境"
tap "下一步"
type "这是一段不应被下一位群众看到的话"
advance-clock 89
expect-not "您还在使用吗？"
advance-clock 2
expect "您还在使用吗？"
shot countdown
advance-clock 21
expect "我要反映"
expect-not "您还在使用吗？"
expect-not "‹ 返回"
tap "我要反映"
expect "第一步：选择问题类别"
tap "生态环境"
tap "下一步"
expect-not "这是一段不应被下一位群众看到的话"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, OneTapContinuesTheCountdown) {
    const auto r =
        run("tap \"我要反映\"\ntap \"生态环境\"\nadvance-clock 95\nexpect \"您还在使用吗？\"\n"
            "tap \"继续使用\"\nexpect-not \"您还在使用吗？\"\nexpect \"第一步：选择问题类别\"\n"
            "advance-clock 60\nexpect \"第一步：选择问题类别\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, LandscapeLayoutWorks) {
    const auto r =
        run("shot home\nexpect \"今日在岗代表\"\ntap \"我要反映\"\ntap \"其他意见建议\"\nshot "
            "category\n"
            "tap \"首页\"\ntap \"接待安排\"\nshot schedule\n",
            "1920x1080");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& l : labels()) {
        EXPECT_LE(l.x1, 1920.5f) << l.text;
    }
}

TEST_F(KioskUi, LargeTextModeHasBiggerTargets) {
    const auto r =
        run("tap \"大字模式\"\nexpect \"标准字体\"\nshot large_home\ntap \"我要反映\"\nshot "
            "large_category\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int tappables = 0;
    for (const auto& l : labels())
        if (l.tappable) {
            ++tappables;
            EXPECT_GE(l.y1 - l.y0, 96) << l.text;
            EXPECT_GE(l.x1 - l.x0, 96) << l.text;
        }
    EXPECT_GT(tappables, 5);
}

// Read-aloud (适老化 turns it on with large text): every screen's title and instructions, the
// chosen category and the receipt code are spoken; 朗读 repeats. --speech-out records each
// utterance (WAV + a text line), which is what is checked here.
TEST_F(KioskUi, ReadAloudSpeaksTitlesChoicesAndTheReceiptCode) {
    const auto before = concerns();
    const std::string out = m_dir.file("speech");
    const auto r = run(R"(
tap "大字模式"
tap "语音朗读"
wait-speech 20000
tap "我要反映"
wait-speech 20000
tap "道路交通与基础设施"
wait-speech 20000
shot speaker_category
tap "下一步"
type "石塘村到镇上的路灯坏了三盏，晚上很黑。"
tap "下一步"
tap "下一步"
tap "下一步"
tap "确认提交"
expect "您的意见已经保存"
wait-speech 20000
shot speaker_receipt
tap "朗读"
wait-speech 20000
)",
                       "1080x1920", "2026-11-15T10:00", {"--speech-out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    std::vector<std::pair<std::string, std::string>> said;  // file, text
    {
        std::ifstream in(fs::path(out) / "utterances.txt");
        for (std::string line; std::getline(in, line);) {
            const auto tab = line.find('\t');
            ASSERT_NE(tab, std::string::npos) << line;
            said.emplace_back(line.substr(0, tab), line.substr(tab + 1));
        }
    }
    auto find = [&](const std::string& part) {
        for (const auto& [file, text] : said)
            if (text.find(part) != std::string::npos) return true;
        return false;
    };
    std::string all;
    for (const auto& [file, text] : said) all += text + "\n";
    EXPECT_TRUE(find("云溪镇人大代表联络站。朗读已打开")) << all;  // Home, when switched on
    EXPECT_TRUE(find("第一步：选择问题类别。请点选您要反映的问题"));
    EXPECT_TRUE(find("您选择了：道路交通与基础设施。"));
    std::string spelled;
    for (const char ch : fresh[0].receipt) spelled += std::string(spelled.empty() ? "" : " ") + ch;
    const std::string receiptLine = "提交成功。您的意见已经保存。您的回执号是：" + spelled + "。";
    EXPECT_TRUE(find(receiptLine)) << spelled;
    // 朗读 said the receipt screen once more.
    ASSERT_GE(said.size(), 2u);
    EXPECT_EQ(said.back().second.rfind(receiptLine, 0), 0u);
    EXPECT_EQ(said.back().second, said[said.size() - 2].second);
    // Every recording is a valid WAV of plausible length for its text (~0.25 s a character).
    for (const auto& [file, text] : said) {
        const auto wav = testsupport::readWav((fs::path(out) / file).string());
        ASSERT_TRUE(wav) << file;
        EXPECT_EQ(wav->channels, 1);
        double chars = 0;
        for (std::size_t i = 0; i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && text[i] != ' ') ++chars;
        EXPECT_GT(wav->seconds(), 0.5 * chars * 0.25) << text;
        EXPECT_LT(wav->seconds(), 3.0 * chars * 0.25) << text;
        EXPECT_GT(wav->rms(), 500.0) << text;
    }
    // The speaker button is a big target in the header.
    bool button = false;
    for (const auto& l : labels())
        if (l.text == "朗读" && l.tappable) {
            button = true;
            EXPECT_GE(l.x1 - l.x0, 200);
            EXPECT_GE(l.y1 - l.y0, 96);
            EXPECT_LE(l.y1, 140);
        }
    EXPECT_TRUE(button);
}

TEST_F(KioskUi, NothingIsSpokenWhenReadAloudIsOff) {
    const std::string out = m_dir.file("speech");
    const auto r = run("tap \"我要反映\"\ntap \"其他意见建议\"\npause 300\nexpect-not \"朗读\"\n",
                       "1080x1920", "2026-11-15T10:00", {"--speech-out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_FALSE(fs::exists(fs::path(out) / "utterances.txt"));
}

TEST_F(KioskUi, ReadAloudWithoutASoundDeviceSaysSoOnScreen) {
    // Headless: no sound device and no --speech-out.
    const auto r =
        run("tap \"我要反映\"\nshot no_sound\n", "1080x1920", "2026-11-15T10:00", {"--read-aloud"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(visible("本机没有可用的扬声器，暂时不能朗读。需要帮助请找工作人员。"));
    EXPECT_TRUE(visible("第一步：选择问题类别"));
}

TEST_F(KioskUi, ScriptErrorsNameTheMissingLabel) {
    const auto r = run("tap \"不存在的按钮\"\n");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("不存在的按钮"), std::string::npos);
    EXPECT_NE(r.err.find("[我要反映] (tap)"), std::string::npos);
}

TEST_F(KioskUi, AWholeConcernWrittenOnThePinyinKeyboard) {
    const auto before = concerns();
    const auto r =
        run("tap \"我要反映\"\ntap \"道路交通与基础设施\"\ntap \"下一步\"\n"
            "expect \"用拼音打字，再点选出来的字词\"\nshot keyboard\n" +
            keys("cunli") +
            "expect \"cun'li\"\ntap \"村里\"\nexpect \"接下来可能要写：\"\nshot predicted\n"
            "tap \"有\"\n" +
            keys("ludeng") + "shot candidates\ntap \"路灯\"\n" + keys("huaile") +
            "tap \"空格\"\ntap \"，\"\n" + keys("wanshang") + "tap \"晚上\"\n" + keys("henheii") +
            "expect \"hen'heii\"\ntap \"删除\"\nexpect \"hen'hei\"\ntap \"很黑\"\ntap \"。\"\n" +
            keys("xiwang") + "tap \"希望\"\n" + keys("jinkuai") +
            "tap \"›\"\nexpect-not \"尽快\"\nshot second_page\ntap \"‹\"\ntap \"尽快\"\n" +
            keys("xiuhao") + "tap \"修好\"\ntap \"！\"\nshot concern\ntap \"##place\"\n" +
            keys("cunkou") + "tap \"村口\"\nshot place\n" +
            "tap \"下一步\"\ntap \"下一步\"\ntap \"下一步\"\nexpect \"第五步：核对并提交\"\n"
            "tap \"确认提交\"\nexpect \"您的意见已经保存\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].text, "村里有路灯坏了，晚上很黑。希望尽快修好！");
    EXPECT_EQ(fresh[0].place, "村口");
}

TEST_F(KioskUi, PinyinKeyboardShowsSixCandidatesOnBigKeys) {
    const auto r = run("tap \"我要反映\"\ntap \"其他意见建议\"\ntap \"下一步\"\n" + keys("shi") +
                       "shot shi\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int candidates = 0;
    for (const auto& l : labels()) {
        if (l.tappable) {
            EXPECT_GE(l.x1 - l.x0, 72) << l.text;
            EXPECT_GE(l.y1 - l.y0, 72) << l.text;
            EXPECT_LE(l.y1, 1920) << l.text;
        }
        for (const char* c : {"是", "时", "事", "使", "市", "式"})
            if (l.text == c && l.tappable) ++candidates;
    }
    EXPECT_EQ(candidates, 6);
    for (const char* key : {"q", "m", "，", "。", "？", "！", "123", "ABC", "空格", "删除", "清空",
                            "‹", "›", "下一步"})
        EXPECT_TRUE(visible(key)) << key;
}

TEST_F(KioskUi, PinyinBeingComposedIsWipedByTheIdleReset) {
    const auto r = run("tap \"我要反映\"\ntap \"生态环境\"\ntap \"下一步\"\n" + keys("mima") +
                       "expect \"mi'ma\"\nadvance-clock 112\nexpect \"我要反映\"\n"
                       "tap \"我要反映\"\ntap \"生态环境\"\ntap \"下一步\"\n"
                       "expect-not \"mi'ma\"\nexpect-not \"密码\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KioskUi, PinyinKeyboardSwitchesToDigitsAndLetters) {
    const auto before = concerns();
    const auto r =
        run("tap \"我要反映\"\ntap \"其他意见建议\"\ntap \"下一步\"\n" + keys("san") +
            "tap \"123\"\ntap \"3\"\ntap \"ABC\"\ntap \"A\"\ntap \"拼音\"\n" + keys("hu") +
            "tap \"户\"\nshot mixed\n"
            "tap \"下一步\"\ntap \"下一步\"\ntap \"下一步\"\ntap \"确认提交\"\n"
            "expect \"您的意见已经保存\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].text, "三3A户");  // switching modes commits the pinyin (三) first
}

TEST_F(KioskUi, PinyinKeyboardInLandscapeAndLargeText) {
    const auto r = run("tap \"我要反映\"\ntap \"其他意见建议\"\ntap \"下一步\"\n" + keys("renmin") +
                           "shot landscape\n",
                       "1920x1080");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& l : labels()) {
        EXPECT_LE(l.x1, 1920.5f) << l.text;
        EXPECT_LE(l.y1, 1080.5f) << l.text;
    }
    EXPECT_TRUE(visible("人民"));
    const auto large =
        run("tap \"大字模式\"\nwait-for \"标准字体\" 2000\ntap \"我要反映\"\ntap "
            "\"其他意见建议\"\ntap "
            "\"下一步\"\n" +
            keys("renmin") + "shot large\n");
    ASSERT_EQ(large.exitCode, 0) << large.err;
    for (const auto& l : labels()) {
        if (l.tappable) {
            EXPECT_GE(l.y1 - l.y0, 96) << l.text;
        }
        EXPECT_LE(l.y1, 1920.5f) << l.text;
    }
    EXPECT_TRUE(visible("人民"));
    EXPECT_TRUE(visible("下一步"));
}
