// Scripted input for headless runs, tests and the demo tour (kiosk/app/script.hpp): taps,
// strokes on the handwriting pad, typing, waits, expectations and screenshots, each drawn
// through the same frames a finger would produce.
#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kiosk/app/app.hpp"
#include "kiosk/widgets/handwriting_pad.hpp"
#include "kiosk/widgets/scroll_area.hpp"

namespace kiosk::app {

bool App::tapAt(float x, float y) {
    m_scriptedPointer = ImVec2(x, y);
    m_scriptedDown = false;
    drawFrame();  // hover
    m_scriptedDown = true;
    drawFrame();  // press
    m_scriptedDown = false;
    drawFrame();  // release: the click lands here
    m_scriptedPointer = ImVec2(-1000, -1000);
    drawFrame();  // settle after navigation
    // …and until scroll regions know their content (a pager shows once content outgrew one),
    // as the main loop does; bounded, in case a layout never settles.
    for (int i = 0; i < 6 && widgets::layoutSettling(); ++i) drawFrame();
    for (int i = 0; i < 100 && m_textures.deferred(); ++i) drawFrame();  // photos, one a frame
    // A staff PIN is checked on a worker thread: wait for it (bounded) as a person would.
    if (m_controller->staffLoginPending()) {
        for (int i = 0; i < 300 && m_controller->staffLoginPending(); ++i) {
            m_window->pumpEvents(10, [](const SDL_Event&) {});
            drawFrame();
        }
        drawFrame();  // the outcome taken, the screen it leads to laid out
    }
    if (!countdownActive()) noteInput();
    return true;
}

void App::strokeOnPad(const std::vector<std::pair<float, float>>& points) {
    const auto pad = m_labels.find(widgets::kHandwritingPadLabel);
    if (!pad || points.empty()) return;
    auto at = [&](float x, float y) {
        return ImVec2(pad->min.x + x * (pad->max.x - pad->min.x),
                      pad->min.y + y * (pad->max.y - pad->min.y));
    };
    m_scriptedPointer = at(points[0].first, points[0].second);
    m_scriptedDown = false;
    drawFrame();  // hover
    m_scriptedDown = true;
    drawFrame();  // the finger lands
    // A finger moves a little each frame: at most a tenth of the pad between frames.
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto [x0, y0] = points[i - 1];
        const auto [x1, y1] = points[i];
        const int steps =
            std::max(1, static_cast<int>(std::ceil(std::hypot(x1 - x0, y1 - y0) / 0.1f)));
        for (int k = 1; k <= steps; ++k) {
            const float f = static_cast<float>(k) / static_cast<float>(steps);
            m_scriptedPointer = at(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
            drawFrame();
        }
    }
    m_scriptedDown = false;
    drawFrame();  // lifted: the stroke ends here
    m_scriptedPointer = ImVec2(-1000, -1000);
    drawFrame();
    if (!countdownActive()) noteInput();
}

void App::dragFinger(ImVec2 from, ImVec2 to, long long ms) {
    // Frames about 16 ms apart in real time, as a finger on a 60 Hz screen: the speed of the
    // drag at release decides the flick.
    const int steps = std::max(2, static_cast<int>(ms / 16));
    m_scriptedPointer = from;
    m_scriptedDown = false;
    drawFrame();
    m_scriptedDown = true;
    drawFrame();
    const auto start = std::chrono::steady_clock::now();
    for (int k = 1; k <= steps; ++k) {
        const float f = static_cast<float>(k) / static_cast<float>(steps);
        std::this_thread::sleep_until(start + std::chrono::milliseconds(ms * k / steps));
        m_scriptedPointer = ImVec2(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f);
        drawFrame();
    }
    m_scriptedDown = false;
    drawFrame();
    m_scriptedPointer = ImVec2(-1000, -1000);
    drawFrame();
    if (!countdownActive()) noteInput();
}

int App::runScript(const std::vector<ScriptCommand>& script) {
    std::filesystem::create_directories(m_options.screenshotsDir);
    drawFrame();
    drawFrame();
    m_sync->start();
    m_integrity->start();
    auto fail = [&](const ScriptCommand& c, const std::string& what) {
        std::string visible;
        for (const auto& l : m_labels.all())
            visible += "  [" + l.text + "]" + (l.clickable ? " (tap)" : "") + "\n";
        std::fprintf(stderr, "script line %d: %s\nvisible labels:\n%s", c.line, what.c_str(),
                     visible.c_str());
        return 1;
    };
    for (const auto& c : script) {
        using K = ScriptCommand::Kind;
        switch (c.kind) {
            case K::TapLabel: {
                const auto l = m_labels.find(c.text);
                if (!l) return fail(c, "no visible label \"" + c.text + "\"");
                tapAt((l->min.x + l->max.x) / 2, (l->min.y + l->max.y) / 2);
                break;
            }
            case K::TapPoint:
                tapAt(c.x, c.y);
                break;
            case K::Drag:
                dragFinger(ImVec2(c.points[0].first, c.points[0].second),
                           ImVec2(c.points[1].first, c.points[1].second), c.amount);
                break;
            case K::CheckLayout: {
                const auto problems = layoutProblems(m_labels.all(), m_layout.size);
                if (!problems.empty()) {
                    std::string all;
                    for (const auto& p : problems) all += "\n  " + p;
                    return fail(c, "layout problems:" + all);
                }
                break;
            }
            case K::Stroke:
                if (!m_labels.find(widgets::kHandwritingPadLabel))
                    return fail(c, "no handwriting pad on screen");
                strokeOnPad(c.points);
                break;
            case K::Type:
                m_fonts->require(c.text);
                if (!m_focus.type(c.text)) return fail(c, "no text field has focus");
                noteInput();
                drawFrame();
                drawFrame();
                break;
            case K::Key:
                if (c.text != "backspace") return fail(c, "unknown key " + c.text);
                m_focus.backspace();
                drawFrame();
                break;
            case K::Scan: {
                // Keystrokes 5 ms apart and Enter, as a USB scanner sends them.
                long long t = 1'000'000 + m_frameIndex * 1000;
                for (const char ch : c.text) onText(std::string(1, ch), t += 5);
                onEnter(t + 5);
                noteInput();
                drawFrame();
                drawFrame();
                break;
            }
            case K::WaitFor: {
                const auto until =
                    std::chrono::steady_clock::now() + std::chrono::milliseconds(c.amount);
                drawFrame();
                // An empty label (pause) just lets real time pass.
                while ((c.text.empty() || !m_labels.find(c.text)) &&
                       std::chrono::steady_clock::now() < until) {
                    // As the interactive loop: a worker's wake-up draws the next frame at once.
                    m_window->pumpEvents(20, [](const SDL_Event&) {});
                    drawFrame();
                }
                drawFrame();  // settle the layout of what appeared
                if (!c.text.empty() && !m_labels.find(c.text))
                    return fail(c, "label \"" + c.text + "\" did not appear within " +
                                       std::to_string(c.amount) + " ms");
                break;
            }
            case K::Wait:
            case K::AdvanceClock:
                m_manualClock->advance(c.kind == K::Wait ? c.amount : c.amount * 1000);
                drawFrame();
                drawFrame();
                break;
            case K::Shot: {
                // Photos still to decode (one a frame) are drawn first, as a person would wait.
                for (int i = 0; i < 100 && m_textures.deferred(); ++i) drawFrame();
                platform::Rgba img;
                drawFrame(&img);
                const std::string path = m_options.screenshotsDir + "/" + c.text + ".png";
                if (!platform::writePng(path, img)) return fail(c, "cannot write " + path);
                break;
            }
            case K::WaitSpeech:
                drawFrame();
                if (!m_speaker->waitIdle(c.amount))
                    return fail(c,
                                "speech did not finish within " + std::to_string(c.amount) + " ms");
                break;
            case K::Hang:
                // Diagnostics and the watchdog test: the UI thread stops drawing (and pinging).
                std::this_thread::sleep_for(std::chrono::milliseconds(c.amount));
                break;
            case K::Expect:
                if (!m_labels.find(c.text))
                    return fail(c, "expected label \"" + c.text + "\" is not visible");
                break;
            case K::ExpectNot:
                if (m_labels.find(c.text))
                    return fail(c, "label \"" + c.text + "\" should not be visible");
                break;
        }
        // As the live loop does: a damaged file ends the run at Home, for systemd to restart.
        if (restartForDamage()) return kExitStoreDamaged;
    }
    m_speaker->waitIdle(10'000);  // what the last screen said is recorded before the exit
    if (!m_options.labelsOut.empty()) {
        std::ofstream out(m_options.labelsOut);
        // text, rectangle and whether it can be tapped: tests check wording and target sizes.
        for (const auto& l : m_labels.all())
            out << l.text << "\t" << l.min.x << "\t" << l.min.y << "\t" << l.max.x << "\t"
                << l.max.y << "\t" << (l.clickable ? 1 : 0) << "\n";
    }
    return 0;
}

}  // namespace kiosk::app
