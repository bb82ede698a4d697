// One visit at the kiosk: drafts are never lost by one tap, 大字模式 and 语音朗读 last until 完成
// or the idle reset, the station's defaults come back after, and long lists follow the finger.
#include "kiosk_ui_fixture.hpp"
#include "run_process.hpp"

namespace {

class Visit : public KioskUi {
protected:
    // With read-aloud recorded to files (no sound device needed), portrait.
    testsupport::ProcessResult runSpeaking(const std::string& script) {
        return run(script, "1080x1920", "2026-11-15T10:00", {"--speech-out", m_dir.file("speech")});
    }
};

constexpr const char* kToDescribe = R"(
tap "我要反映"
tap "道路交通与基础设施"
tap "下一步"
type "石塘村路灯坏了"
)";

TEST_F(Visit, BackGoesOneStepAndLeavingWithADraftAsksFirst) {
    const auto before = concerns();
    const auto r = run(std::string(kToDescribe) + R"(
tap "‹ 返回"
expect "第一步：选择问题类别"
expect-not "确定放弃已填写的内容吗？"
tap "下一步"
expect "石塘村路灯坏了"
tap "首页"
expect "确定放弃已填写的内容吗？"
check-layout
shot leave
tap "继续填写"
expect-not "确定放弃已填写的内容吗？"
expect "石塘村路灯坏了"
tap "‹ 返回"
tap "‹ 返回"
expect "确定放弃已填写的内容吗？"
tap "放弃并离开"
expect "我要反映"
tap "我要反映"
tap "道路交通与基础设施"
tap "下一步"
expect-not "石塘村路灯坏了"
tap "首页"
expect-not "确定放弃已填写的内容吗？"
expect "我要反映"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(added(before).empty());  // nothing was submitted
}

TEST_F(Visit, ClearingTheConcernCanBeUndone) {
    const auto r = run(std::string(kToDescribe) + R"(
tap "清空"
expect-not "石塘村路灯坏了"
tap "撤销清空"
expect "石塘村路灯坏了"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(Visit, LargeTextAndReadAloudLastTheVisitAndEndWithIt) {
    const auto r = runSpeaking(R"(
tap "大字模式"
tap "语音朗读"
tap "代表信息"
tap "首页"
expect "标准字体"
expect "关闭朗读"
tap "我要反映"
tap "道路交通与基础设施"
tap "下一步"
type "石塘村到镇上的路灯坏了三盏，晚上很黑。"
tap "下一步"
tap "下一步"
tap "下一步"
tap "确认提交"
tap "完成，回到首页"
expect "大字模式"
expect "语音朗读"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(Visit, TheStationsDefaultsComeBackAfterEveryVisit) {
    for (const char* what : {"large-text", "read-aloud"}) {
        const auto set = testsupport::runProcess(
            STATIONCTL_PATH, {"--db", db(), "accessibility", "set", what, "on"});
        ASSERT_EQ(set.exitCode, 0) << set.err;
    }
    const auto r = runSpeaking(R"(
expect "标准字体"
expect "关闭朗读"
tap "标准字体"
tap "关闭朗读"
expect "大字模式"
tap "我要反映"
tap "首页"
expect "大字模式"
expect "语音朗读"
tap "我要反映"
tap "生态环境"
advance-clock 95
advance-clock 60
expect "标准字体"
expect "关闭朗读"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(Visit, ALongListFollowsTheFingerAndPages) {
    // Landscape: the demo's 12 deputies do not fit one view.
    const auto r = run(R"(
tap "代表信息"
expect "第 1/2 页"
expect-not "黄春生"
drag 960 900 960 250 300
pause 800
check-layout
shot dragged
expect "黄春生"
tap "▲ 上一页"
expect "第 1/2 页"
tap "下一页 ▼"
expect "第 2/2 页"
expect "黄春生"
pause 500
expect "第 2/2 页"
expect "黄春生"
check-layout
)",
                       "1920x1080");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace
