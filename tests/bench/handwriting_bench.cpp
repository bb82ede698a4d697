// Stroke end → handwriting candidates shown (issue 7; target p99 ≤ 30 ms), three ways:
//  1. the recogniser alone (zinnia, Tegaki simplified-Chinese model): after every stroke of the
//     hand-written characters of support/handwriting_strokes.hpp, what has been written so far
//     is recognised, 9 candidates, as the pad asks;
//  2. the worker thread: request → result ready, the recogniser plus the hand-off;
//  3. the real station-kiosk, headless at 1080×1920: a script writes the same characters on the
//     pad with `stroke`; the pad marks (in --frames-log) the time from the frame the finger
//     lifts to the end of the frame that first shows that stroke's candidates, and to the end
//     of the first frame whose atlas also holds their glyphs.
#include <condition_variable>
#include <mutex>

#include "../support/handwriting_strokes.hpp"
#include "bench_util.hpp"
#include "kiosk/input/handwriting.hpp"

namespace {

using namespace benchutil;
using kiosk::input::HandwritingRecognizer;
using kiosk::input::HandwritingWorker;
using kiosk::input::InkStroke;

constexpr std::size_t kCandidates = 9;  // what the pad shows

int recogniserBench() {
    const HandwritingRecognizer recognizer;
    if (!recognizer.ok()) {
        std::fprintf(stderr, "no handwriting model (tegaki-zinnia-simplified-chinese)\n");
        return 1;
    }
    std::vector<double> wall, cpu;
    for (int round = 0; round < 15; ++round)
        for (const auto& c : testsupport::handwrittenCharacters())
            for (std::size_t n = 1; n <= c.strokes.size(); ++n) {
                const std::vector<InkStroke> sofar(c.strokes.begin(),
                                                   c.strokes.begin() + static_cast<long>(n));
                const auto t0 = Clock::now();
                const double c0 = threadCpuMs();
                const auto got = recognizer.recognise(sofar, kCandidates);
                cpu.push_back(threadCpuMs() - c0);
                wall.push_back(ms(t0, Clock::now()));
                if (got.empty()) return 1;
            }
    std::printf("\n| step (recogniser alone) | samples | p50 ms | p99 ms | max ms | target |\n");
    std::printf("|---|---|---|---|---|---|\n");
    printRow("stroke end → 9 candidates (zinnia classify), wall", wall);
    printRow("same, CPU time of the thread", cpu);

    // The worker: what the pad waits for after posting a stroke.
    std::mutex m;
    std::condition_variable cv;
    Clock::time_point ready;
    bool done = false;
    HandwritingWorker worker(HandwritingRecognizer::findModel(), [&] {
        std::lock_guard lock(m);
        ready = Clock::now();
        done = true;
        cv.notify_all();
    });
    std::vector<double> roundTrip;
    std::uint64_t revision = 0;
    {
        std::unique_lock lock(m);  // the first wake says the model is loaded
        if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return done; })) return 1;
    }
    for (int round = 0; round < 10; ++round)
        for (const auto& c : testsupport::handwrittenCharacters()) {
            {
                std::lock_guard lock(m);
                done = false;
            }
            const auto t0 = Clock::now();
            worker.request(++revision, c.strokes, kCandidates);
            std::unique_lock lock(m);
            if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return done; })) return 1;
            roundTrip.push_back(ms(t0, ready));
            lock.unlock();
            if (!worker.take()) return 1;
        }
    printRow("worker: request → result ready (recogniser + hand-off), wall", roundTrip);
    return 0;
}

int appBench() {
    testsupport::TempDir dir;
    std::string script = "tap \"我要反映\"\ntap \"其他意见建议\"\ntap \"下一步\"\ntap \"手写\"\n";
    std::size_t strokes = 0;
    for (int round = 0; round < 3; ++round)
        for (const auto& c : testsupport::handwrittenCharacters()) {
            for (std::size_t i = 0; i < c.strokes.size(); ++i) {
                // Frames in real time until the candidates show (the worker wakes the loop).
                // Then a little time for the new glyphs to be baked (as live, frames never wait).
                script += testsupport::strokeScript(c, i) +
                          "wait-for \"##handwriting-ready\" 5000\npause 100\n";
                ++strokes;
            }
            script += "tap \"清除\"\n";
        }
    // As live: each frame is drawn before the next (software GL offscreen would queue them) and
    // none waits for the glyph atlas (scripts otherwise do, for screenshots).
    const auto log = runKioskScript(dir, script, {"--live-frames"});
    if (log.empty()) return 1;
    std::vector<double> shown, glyphs;
    for (const auto& f : log) {
        if (const auto s = f.marks.find("handwriting_shown"); s != f.marks.end())
            shown.push_back(s->second);
        if (const auto g = f.marks.find("handwriting_glyphs"); g != f.marks.end())
            glyphs.push_back(g->second);
    }
    std::printf(
        "\n| step (station-kiosk headless, 1080×1920, %zu strokes) | samples | p50 ms | p99 ms | "
        "max ms | target |\n|---|---|---|---|---|---|\n",
        strokes);
    printRow("stroke end → frame showing its candidates, wall", shown);
    printRow("stroke end → frame showing them with baked glyphs, wall", glyphs);
    return shown.size() == strokes ? 0 : 1;
}

}  // namespace

int main() {
    if (const int rc = recogniserBench()) return rc;
    return appBench();
}
