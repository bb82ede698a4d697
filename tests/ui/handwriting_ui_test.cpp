// The handwriting pad (手写) in the real station-kiosk, headless: characters written with
// `stroke` commands (support/handwriting_strokes.hpp) show up among the candidates, a tap puts
// them into the concern, undo and clear do what they say, the idle reset wipes the pad, and
// without the model the pad says so while the other keyboards still work.
#include <cstdlib>

#include "handwriting_strokes.hpp"
#include "kiosk_ui_fixture.hpp"

namespace {

constexpr const char* kToDescribe =
    "tap \"我要反映\"\ntap \"道路交通与基础设施\"\ntap \"下一步\"\n";
constexpr const char* kPadLabel = "##handwriting-pad";
constexpr const char* kPadHint = "请用手指在这里写一个字";

// Waits until the candidates are those of every stroke on the pad (those of fewer strokes may
// hold the character too), then checks c is among them.
std::string expectCandidate(const std::string& c) {
    return "wait-for \"##handwriting-ready\" 5000\nexpect \"" + c + "\"\n";
}

const testsupport::HandwrittenCharacter& written(const std::string& c) {
    for (const auto& h : testsupport::handwrittenCharacters())
        if (h.character == c) return h;
    throw std::runtime_error("no strokes for " + c);
}

class HandwritingUi : public KioskUi {
protected:
    std::optional<Label> label(const std::string& text) const {
        for (const auto& l : labels())
            if (l.text == text) return l;
        return std::nullopt;
    }
    // The pad, its buttons and candidates: big enough, on screen, not on top of each other.
    void expectKeyboardLaidOut(float w, float h, float tapMin, float padMin) const {
        const auto pad = label(kPadLabel);
        ASSERT_TRUE(pad);
        EXPECT_NEAR(pad->x1 - pad->x0, pad->y1 - pad->y0, 1) << "the pad is square";
        EXPECT_GE(pad->x1 - pad->x0, padMin);
        std::vector<Label> keys;
        for (const auto& l : labels()) {
            EXPECT_LE(l.x1, w + 0.5f) << l.text;
            EXPECT_LE(l.y1, h + 0.5f) << l.text;
            if (l.tappable && l.y0 >= pad->y0 - 0.5f) keys.push_back(l);
        }
        for (const char* k : {"撤销一笔", "清除", "删除", "拼音", "123", "ABC", "空格", "清空"}) {
            const auto l = label(k);
            ASSERT_TRUE(l) << k;
            EXPECT_GE(l->x1 - l->x0, tapMin) << k;
            EXPECT_GE(l->y1 - l->y0, tapMin) << k;
        }
        for (std::size_t i = 0; i < keys.size(); ++i)
            for (std::size_t j = i + 1; j < keys.size(); ++j) {
                const auto& a = keys[i];
                const auto& b = keys[j];
                const bool overlap = a.x0 < b.x1 - 0.5f && b.x0 < a.x1 - 0.5f &&
                                     a.y0 < b.y1 - 0.5f && b.y0 < a.y1 - 0.5f;
                EXPECT_FALSE(overlap) << a.text << " overlaps " << b.text;
            }
    }
};

TEST_F(HandwritingUi, AHandwrittenCharacterLandsInTheConcern) {
    const auto before = concerns();
    const auto r =
        run(std::string(kToDescribe) + "type \"村\"\ntap \"手写\"\n" + "expect \"" + kPadHint +
            "\"\nshot pad\n" + testsupport::strokeScript(written("口"), 0) +
            testsupport::strokeScript(written("口"), 1) + "pause 300\nshot two_strokes\n" +
            testsupport::strokeScript(written("口"), 2) + expectCandidate("口") +
            "shot candidates\ntap \"口\"\nexpect \"" + kPadHint + "\"\n" +
            "type \"路灯坏了\"\nshot typed\n"
            "tap \"下一步\"\ntap \"下一步\"\ntap \"下一步\"\n"
            "expect \"第五步：核对并提交\"\ntap \"确认提交\"\n"
            "expect \"您的意见已经保存\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fresh = added(before);
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].text, "村口路灯坏了");
}

TEST_F(HandwritingUi, SeveralCharactersAreRecognisedOnThePad) {
    // Each written, found among the candidates and tapped: the field collects them in order.
    std::string script = std::string(kToDescribe) + "tap \"手写\"\n";
    std::string expected;
    for (const char* c : {"大", "人", "中", "土", "木"}) {
        script += testsupport::strokeScript(written(c)) + expectCandidate(c);
        if (std::string(c) == "中") script += "shot zhong\n";
        script += "tap \"" + std::string(c) + "\"\n";
        expected += c;
    }
    script += "expect \"" + expected + "\"\n";
    const auto r = run(script);
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(HandwritingUi, CandidatesFollowEachStrokeUndoAndClear) {
    const auto& shi = written("十");
    const auto r =
        run(std::string(kToDescribe) + "tap \"手写\"\n" + testsupport::strokeScript(shi, 0) +
            expectCandidate("一") + testsupport::strokeScript(shi, 1) + expectCandidate("十") +
            "expect-not \"一\"\nshot shi\ntap \"撤销一笔\"\n" + expectCandidate("一") +
            "expect-not \"十\"\nshot undone\ntap \"清除\"\nexpect-not \"一\"\n" + "expect \"" +
            kPadHint + "\"\nshot cleared\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectKeyboardLaidOut(1080, 1920, 72, 440);
}

TEST_F(HandwritingUi, ThePadIsBigInLandscapeAndInLargeText) {
    const std::string write = std::string(kToDescribe) + "tap \"手写\"\n" +
                              testsupport::strokeScript(written("大")) + expectCandidate("大");
    auto r = run(write + "shot landscape\n", "1920x1080");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectKeyboardLaidOut(1920, 1080, 72, 440);
    r = run("tap \"大字模式\"\nwait-for \"标准字体\" 2000\n" + write + "shot large\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectKeyboardLaidOut(1080, 1920, 96, 520);
    EXPECT_TRUE(visible("下一步"));
}

TEST_F(HandwritingUi, TheIdleResetWipesThePad) {
    const auto r = run(
        std::string(kToDescribe) + "tap \"手写\"\n" + testsupport::strokeScript(written("二")) +
        expectCandidate("二") + "advance-clock 112\nexpect \"我要反映\"\n" + kToDescribe +
        "tap \"手写\"\nexpect \"" + kPadHint + "\"\nexpect-not \"二\"\n" + "shot after_reset\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(HandwritingUi, WithoutTheModelThePadSaysSoAndPinyinStillWorks) {
    ::setenv("KIOSK_HANDWRITING_MODEL", "/nonexistent/handwriting-zh_CN.model", 1);
    const auto r =
        run(std::string(kToDescribe) + "tap \"手写\"\n" +
            "wait-for \"手写输入暂时不能用*\" 5000\nshot unavailable\n" + "expect-not \"" +
            kPadLabel + "\"\ntap \"拼音\"\ntap \"d\"\ntap \"a\"\n" + "tap \"大\"\nexpect \"大\"\n");
    ::unsetenv("KIOSK_HANDWRITING_MODEL");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace
