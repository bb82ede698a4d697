// Handwriting: zinnia with Debian's Tegaki simplified-Chinese model recognises characters written
// by hand (support/handwriting_strokes.hpp); the ink's undo and clear; the worker thread answers
// asynchronously and never delivers a stale result; the keyboard state wipes the pad.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "handwriting_strokes.hpp"
#include "kiosk/input/handwriting.hpp"
#include "kiosk/widgets/handwriting_pad.hpp"
#include "kiosk/widgets/keyboard.hpp"

namespace {

using kiosk::input::HandwritingRecognizer;
using kiosk::input::HandwritingResult;
using kiosk::input::HandwritingWorker;
using kiosk::input::Ink;
using kiosk::input::InkStroke;
using Clock = std::chrono::steady_clock;

std::size_t rankOf(const std::vector<std::string>& candidates, const std::string& c) {
    return static_cast<std::size_t>(std::find(candidates.begin(), candidates.end(), c) -
                                    candidates.begin());
}

const testsupport::HandwrittenCharacter& written(const std::string& c) {
    for (const auto& h : testsupport::handwrittenCharacters())
        if (h.character == c) return h;
    throw std::runtime_error("no strokes for " + c);
}

// Waits (at most timeoutMs) for the worker's result.
std::optional<HandwritingResult> waitForResult(HandwritingWorker& w, int timeoutMs) {
    const auto until = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (Clock::now() < until) {
        if (auto r = w.take()) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::nullopt;
}

bool waitUntilLoaded(HandwritingWorker& w) {
    const auto until = Clock::now() + std::chrono::seconds(10);
    while (w.state() == HandwritingWorker::State::Loading && Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return w.state() == HandwritingWorker::State::Ready;
}

class Handwriting : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_recognizer.ok())
            << "model: '" << HandwritingRecognizer::findModel()
            << "' (tegaki-zinnia-simplified-chinese, packaging/install-deps.sh)";
    }
    HandwritingRecognizer m_recognizer;
};

TEST_F(Handwriting, HandWrittenCharactersAreInTheTopFive) {
    ASSERT_GE(testsupport::handwrittenCharacters().size(), 8u);
    for (const auto& h : testsupport::handwrittenCharacters()) {
        const auto c = m_recognizer.recognise(h.strokes, 10);
        ASSERT_FALSE(c.empty()) << h.character;
        EXPECT_LT(rankOf(c, h.character), 5u)
            << h.character << " ranked " << rankOf(c, h.character) << ", first " << c[0];
    }
}

TEST_F(Handwriting, MostAreFirst) {
    // Simple characters written cleanly should usually be the best candidate, not just near it.
    std::size_t first = 0;
    for (const auto& h : testsupport::handwrittenCharacters())
        first += m_recognizer.recognise(h.strokes, 1).at(0) == h.character;
    EXPECT_GE(first, testsupport::handwrittenCharacters().size() * 3 / 4);
}

TEST_F(Handwriting, CandidatesFollowEveryStroke) {
    // 十 and 大 start with 一: after the first stroke it is the best guess.
    for (const char* c : {"十", "大"}) {
        const auto& h = written(c);
        EXPECT_EQ(m_recognizer.recognise({h.strokes[0]}, 5).at(0), "一") << c;
    }
    const auto& three = written("三");
    EXPECT_LT(rankOf(m_recognizer.recognise({three.strokes[0], three.strokes[2]}, 5), "二"), 5u);
}

TEST_F(Handwriting, AsManyCandidatesAsAskedAndNoneWithoutStrokes) {
    EXPECT_EQ(m_recognizer.recognise(written("大").strokes, 9).size(), 9u);
    EXPECT_TRUE(m_recognizer.recognise({}, 9).empty());
    EXPECT_TRUE(m_recognizer.recognise({InkStroke{}}, 9).empty());
    EXPECT_TRUE(m_recognizer.recognise(written("大").strokes, 0).empty());
    // A tap is a dot: still something to recognise.
    EXPECT_FALSE(m_recognizer.recognise({InkStroke{{0.5f, 0.5f}}}, 3).empty());
}

TEST(HandwritingModel, AMissingModelIsReportedNotFatal) {
    const HandwritingRecognizer none("/nonexistent/handwriting.model");
    EXPECT_FALSE(none.ok());
    EXPECT_TRUE(none.recognise(written("一").strokes, 5).empty());
    EXPECT_FALSE(HandwritingRecognizer("").ok());
}

TEST(HandwritingInk, StrokesUndoAndClear) {
    Ink ink;
    EXPECT_TRUE(ink.empty());
    const auto r0 = ink.revision();
    ink.extendStroke({0.1f, 0.1f});  // no stroke open: ignored
    EXPECT_TRUE(ink.empty());
    ink.beginStroke({0.1f, 0.5f});
    ink.extendStroke({0.5f, 0.5f});
    ink.extendStroke({0.5f, 0.5f});  // resting finger: no new point
    ink.extendStroke({0.9f, 0.5f});
    EXPECT_TRUE(ink.writing());
    EXPECT_EQ(ink.revision(), r0);  // an open stroke is not recognised yet
    EXPECT_TRUE(ink.endStroke());
    EXPECT_FALSE(ink.endStroke());
    ASSERT_EQ(ink.strokes().size(), 1u);
    EXPECT_EQ(ink.strokes()[0].size(), 3u);
    const auto r1 = ink.revision();
    EXPECT_GT(r1, r0);

    ink.beginStroke({0.5f, 0.1f});
    ink.extendStroke({0.5f, 0.9f});
    ink.undoStroke();  // takes the stroke still being drawn
    EXPECT_FALSE(ink.writing());
    EXPECT_EQ(ink.strokes().size(), 1u);
    EXPECT_GT(ink.revision(), r1);

    ink.beginStroke({0.5f, 0.1f});
    ink.endStroke();
    ASSERT_EQ(ink.strokes().size(), 2u);
    EXPECT_EQ(ink.strokes()[1].size(), 1u);  // a dot
    ink.undoStroke();
    ASSERT_EQ(ink.strokes().size(), 1u);
    EXPECT_EQ(ink.strokes()[0].size(), 3u);  // the first stroke is left as it was
    ink.undoStroke();
    EXPECT_TRUE(ink.empty());
    const auto r2 = ink.revision();
    ink.undoStroke();  // nothing to undo: nothing changes
    EXPECT_EQ(ink.revision(), r2);

    ink.beginStroke({0.1f, 0.1f});
    ink.endStroke();
    ink.beginStroke({0.2f, 0.2f});
    ink.clear();
    EXPECT_TRUE(ink.empty());
    EXPECT_FALSE(ink.writing());
    const auto r3 = ink.revision();
    EXPECT_GT(r3, r2);
    ink.clear();
    EXPECT_EQ(ink.revision(), r3);
}

TEST(HandwritingWorkerTest, AnswersOnItsOwnThreadAndWakesTheUi) {
    std::mutex m;
    std::condition_variable cv;
    int wakes = 0;
    std::thread::id wakeThread;
    HandwritingWorker worker(HandwritingRecognizer::findModel(), [&] {
        std::lock_guard lock(m);
        ++wakes;
        wakeThread = std::this_thread::get_id();
        cv.notify_all();
    });
    ASSERT_TRUE(waitUntilLoaded(worker));
    worker.request(7, written("大").strokes, 5);
    const auto r = waitForResult(worker, 5000);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->revision, 7u);
    EXPECT_LT(rankOf(r->candidates, "大"), 5u);
    EXPECT_GT(r->recogniseMs, 0);
    {
        std::unique_lock lock(m);
        EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return wakes >= 2; }));
        EXPECT_NE(wakeThread, std::this_thread::get_id());  // loaded + answered, not on ours
    }
    EXPECT_FALSE(worker.take());  // a result is taken once
}

// The frame where a stroke ends waits a bounded moment for its candidates, and only while a
// request is queued or being recognised.
TEST(HandwritingWorkerTest, TakeWithinWaitsForTheRequestInFlightOnly) {
    HandwritingWorker worker;
    ASSERT_TRUE(waitUntilLoaded(worker));
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    EXPECT_FALSE(worker.takeWithin(std::chrono::seconds(2)));  // nothing asked: no wait
    EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(500));

    worker.request(4, written("中").strokes, 5);
    const auto r = worker.takeWithin(std::chrono::seconds(5));  // no polling, no wake needed
    ASSERT_TRUE(r);
    EXPECT_EQ(r->revision, 4u);
    EXPECT_LT(rankOf(r->candidates, "中"), 5u);

    worker.request(5, written("十").strokes, 5);
    worker.cancel();  // cancelled: whatever still runs is dropped, and the wait ends with it
    t0 = Clock::now();
    EXPECT_FALSE(worker.takeWithin(std::chrono::seconds(2)));
    EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(1500));
}

TEST(HandwritingWorkerTest, OnlyTheNewestRequestIsAnswered) {
    HandwritingWorker worker;
    ASSERT_TRUE(waitUntilLoaded(worker));
    for (int round = 0; round < 5; ++round) {
        // Three states of the ink in quick succession, as fast strokes or undo give: the first
        // may be recognised already, but only the last one's candidates come out.
        worker.request(1, written("一").strokes, 5);
        worker.request(2, written("二").strokes, 5);
        worker.request(3, written("三").strokes, 5);
        const auto r = waitForResult(worker, 5000);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->revision, 3u);
        EXPECT_EQ(r->candidates.at(0), "三");
        // Whatever was still running has finished by now and was dropped.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_FALSE(worker.take());
    }
}

TEST(HandwritingWorkerTest, CancelDropsWhatIsPendingOrRunning) {
    HandwritingWorker worker;
    ASSERT_TRUE(waitUntilLoaded(worker));
    for (int round = 0; round < 5; ++round) {
        worker.request(10, written("日").strokes, 5);
        worker.cancel();
        EXPECT_FALSE(waitForResult(worker, 300));
        worker.request(11, written("日").strokes, 5);
        worker.request(12, {}, 5);  // no strokes left (undo of the only one): a cancel
        EXPECT_FALSE(waitForResult(worker, 300));
    }
    worker.request(13, written("日").strokes, 5);
    const auto r = waitForResult(worker, 5000);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->revision, 13u);
}

TEST(HandwritingWorkerTest, WithoutTheModelItSaysSo) {
    std::atomic<int> wakes{0};
    HandwritingWorker worker("/nonexistent/handwriting.model", [&] { ++wakes; });
    const auto until = Clock::now() + std::chrono::seconds(5);
    while (worker.state() == HandwritingWorker::State::Loading && Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_EQ(worker.state(), HandwritingWorker::State::Unavailable);
    EXPECT_GE(wakes.load(), 1);  // the pad redraws with the message
    worker.request(1, written("一").strokes, 5);
    EXPECT_FALSE(waitForResult(worker, 200));
}

TEST(HandwritingPad, ResetWipesStrokesCandidatesAndPendingWork) {
    kiosk::widgets::HandwritingPadState pad;
    pad.worker = std::make_unique<HandwritingWorker>();
    ASSERT_TRUE(waitUntilLoaded(*pad.worker));
    for (const auto& s : written("中").strokes) {
        pad.ink.beginStroke(s.front());
        for (const auto& p : s) pad.ink.extendStroke(p);
        pad.ink.endStroke();
    }
    pad.worker->request(pad.ink.revision(), pad.ink.strokes(), 9);
    pad.candidates = {"中", "由"};
    pad.measuring = true;
    pad.reset();
    EXPECT_TRUE(pad.ink.empty());
    EXPECT_TRUE(pad.candidates.empty());
    EXPECT_FALSE(pad.measuring);
    EXPECT_FALSE(waitForResult(*pad.worker, 300));  // the request made before is void
}

TEST(HandwritingPad, TheKeyboardStateWipesThePad) {
    kiosk::widgets::KeyboardState state(kiosk::widgets::KeyboardMode::Handwriting);
    state.handwriting = std::make_unique<kiosk::widgets::HandwritingPadState>();
    state.handwriting->ink.beginStroke({0.1f, 0.5f});
    state.handwriting->ink.extendStroke({0.9f, 0.5f});
    state.handwriting->ink.endStroke();
    state.handwriting->candidates = {"一"};
    state.reset(kiosk::widgets::KeyboardMode::Pinyin);
    EXPECT_EQ(state.mode, kiosk::widgets::KeyboardMode::Pinyin);
    EXPECT_TRUE(state.handwriting->ink.empty());
    EXPECT_TRUE(state.handwriting->candidates.empty());
}

}  // namespace
