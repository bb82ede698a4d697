// Every screen of the kiosk on a real-size station (60 deputies, 2,000 slots, 20,000 concerns,
// 2,000 published answers: stationctl init --demo --real-size), in portrait and landscape, in
// normal and large text. `check-layout` fails the script when a label lies outside the screen
// or overlaps another; the screenshots are in build/ui-screenshots/<test>/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>

#include "kiosk/store/station_store.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

// Generating the station takes seconds; it is made once and copied for each test.
class RealSizeStation {
public:
    static const std::string& path() {
        static RealSizeStation station;
        return station.m_db;
    }

private:
    RealSizeStation() : m_db(m_dir.file("real.db")) {
        const auto r = testsupport::runProcess(
            STATIONCTL_PATH,
            {"--db", m_db, "--now", "2026-11-14T18:00", "init", "--demo", "--real-size"}, 300);
        EXPECT_EQ(r.exitCode, 0) << r.err;
    }
    testsupport::TempDir m_dir;
    std::string m_db;
};

using Shape = std::tuple<std::string, bool>;  // screen size, large text

class RealSizeLayout : public ::testing::TestWithParam<Shape> {
protected:
    RealSizeLayout() { fs::copy_file(RealSizeStation::path(), db()); }
    std::string db() const { return m_dir.file("station.db"); }

    testsupport::ProcessResult run(const std::string& script) {
        const std::string path = m_dir.file("script.txt");
        std::ofstream(path) << script;
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        for (char& c : name)
            if (c == '/') c = '-';
        const std::string shots = std::string(UI_SCREENSHOTS_DIR) + "/RealSize-" + name;
        fs::create_directories(shots);
        std::vector<std::string> args{"--db",
                                      db(),
                                      "--headless",
                                      "--size",
                                      std::get<0>(GetParam()),
                                      "--now",
                                      "2026-11-15T10:00",
                                      "--script",
                                      path,
                                      "--screenshots",
                                      shots};
        if (std::get<1>(GetParam())) args.push_back("--large-text");
        return testsupport::runProcess(KIOSK_PATH, args, 280);
    }
    // The results board's note on how many it lists of how many published.
    std::string olderNote() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        return "共公布 " + std::to_string(store.concerns().publishedCount()) +
               " 条，这里列出最近 200 条。更早的办理结果请向联络员查询。";
    }
    // A receipt code of an old concern with a long history and an answer.
    std::string answeredReceipt() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        for (const auto& c : store.concerns().list(
                 kiosk::domain::monthRange("2024-03", kiosk::domain::kChinaUtcOffsetMinutes)))
            if (c.status == kiosk::domain::Status::Answered) return c.receipt;
        return "";
    }
    testsupport::TempDir m_dir;
};

// Scrolls a region down with a finger: from 70 % of the screen height to 30 %.
std::string dragUp(const std::string& size) {
    const int w = std::stoi(size.substr(0, size.find('x')));
    const int h = std::stoi(size.substr(size.find('x') + 1));
    return "drag " + std::to_string(w / 2) + " " + std::to_string(h * 7 / 10) + " " +
           std::to_string(w / 2) + " " + std::to_string(h * 3 / 10) + " 400\n";
}

TEST_P(RealSizeLayout, TheCitizensScreensFitAndScroll) {
    const std::string drag = dragUp(std::get<0>(GetParam()));
    const auto r = run(R"(check-layout
shot 01-home
tap "我要反映"
check-layout
shot 02-category
tap "民生保障"
check-layout
tap "下一步"
type "石塘村到镇上的路灯坏了三盏，晚上很黑，老人走路容易摔倒，希望尽快修好。"
check-layout
shot 03-describe
tap "下一步"
tap "留下联系方式"
check-layout
shot 04-contact
tap "不留联系方式"
tap "下一步"
check-layout
shot 05-deputy
)" + drag + R"(check-layout
shot 05b-deputy-scrolled
tap "下一步"
check-layout
shot 06-review
tap "首页"
expect "确定放弃已填写的内容吗？"
check-layout
shot 06b-leave
tap "继续填写"
tap "确认提交"
check-layout
shot 07-receipt
tap "完成，回到首页"
tap "代表信息"
check-layout
shot 08-deputies
)" + drag + R"(check-layout
shot 09-deputies-scrolled
tap "下一页 ▼"
check-layout
tap "首页"
tap "代表信息"
tap "李昇华"
check-layout
shot 10-deputy
tap "返回代表列表"
tap "首页"
tap "接待安排"
check-layout
shot 11-schedule
tap "首页"
tap "办理公示"
expect ")" + olderNote() +
                       R"("
check-layout
shot 12-results
tap "下一页 ▼"
check-layout
shot 13-results-page2
)" + drag + R"(check-layout
tap "首页"
tap "进度查询"
check-layout
shot 14-track
type ")" + answeredReceipt() +
                       R"("
tap "查询"
expect "办理经过："
check-layout
shot 15-track-found
tap "首页"
tap "代表签到"
pause 300
check-layout
shot 16-signin
tap "首页"
tap "通知公告：十二月份代表集中接待日安排调整的通知请各位村民相互转告谢谢！"
expect "十二月份代表集中接待日安排调整的通知请各位村民相互转告谢谢！"
expect-not "元旦假期安排"
expect-not "国庆假期安排"
check-layout
shot 17-announcements
)" + drag + R"(check-layout
shot 18-announcements-scrolled
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_P(RealSizeLayout, TheLiaisonOfficersScreensFit) {
    const auto r = run(R"(tap "工作人员"
check-layout
shot 00-login-who
tap "刘小红"
check-layout
shot 01-login
tap "2"
tap "4"
tap "6"
tap "8"
tap "1"
tap "0"
tap "登录"
check-layout
shot 02-work
tap "不限时间"
tap "后10条 ›"
check-layout
tap "写处理说明或答复内容，写完再点处理方式"
check-layout
shot 02b-note-keyboard
tap "收起键盘"
tap "台账登记"
check-layout
shot 02c-ledger
tap "例如：群众反映集中在道路和饮水问题"
check-layout
shot 02d-ledger-keyboard
tap "收起键盘"
tap "代表签到"
check-layout
shot 02e-signin
tap "本机设置"
check-layout
shot 03-settings
tap "返回工作台"
tap "代群众登记"
check-layout
shot 04-record
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, RealSizeLayout,
    ::testing::Combine(::testing::Values("1080x1920", "1920x1080"), ::testing::Bool()),
    [](const auto& info) {
        return std::string(std::get<0>(info.param) == "1080x1920" ? "Portrait" : "Landscape") +
               (std::get<1>(info.param) ? "LargeText" : "NormalText");
    });

}  // namespace
