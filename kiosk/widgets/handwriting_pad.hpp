#pragma once
// The handwriting mode (手写) of the full keyboard: a big square pad the finger writes in, with
// the strokes drawn thick, a grid of ranked candidates that follows every finished stroke, and
// 撤销一笔 (undo the last stroke), 清除 (clear the pad) and 删除 (delete a typed character).
// Recognition runs on the input::HandwritingWorker thread; the pad posts each new state of the
// ink and picks up results in later frames (the worker wakes the main loop).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/ui.hpp"
#include "kiosk/input/handwriting.hpp"

namespace kiosk::widgets {

using app::Ui;

/// The pad's registered label: scripts find the pad by it (`stroke`), its rectangle is the pad.
inline constexpr const char* kHandwritingPadLabel = "##handwriting-pad";
/// Registered (not drawn) while the candidates shown are those of every stroke on the pad:
/// scripts wait for it, since candidates of fewer strokes may contain the character too.
inline constexpr const char* kHandwritingReadyLabel = "##handwriting-ready";

/// The pad's state, part of the keyboard's: what is being written is a citizen's words too and
/// is wiped with the keyboard state.
struct HandwritingPadState {
    HandwritingPadState();
    ~HandwritingPadState();

    input::Ink ink;
    std::unique_ptr<input::HandwritingWorker> worker;   // started the first time the pad shows
    std::vector<std::string> candidates;                // best first, for the ink at `shown`
    std::uint64_t shown = 0;                            // ink revision the candidates are for
    std::chrono::steady_clock::time_point strokeEnded;  // for the stroke end → candidates mark
    bool measuring = false;      // a stroke ended, its candidates are not shown yet
    bool glyphsPending = false;  // its candidates are shown, their glyphs maybe not baked yet
    std::chrono::steady_clock::time_point glyphsSince;  // the end of that stroke

    /// Forgets the strokes and candidates and whatever recognition is still pending.
    void reset();
};

/// The pad at the cursor (side × side) and, to its right, the candidates and buttons, width
/// wide in all; candidates and 删除 edit target (at most maxChars characters).
void handwritingPad(Ui& ui, std::string& target, std::size_t maxChars, HandwritingPadState& s,
                    float width, float side, float gap);

}  // namespace kiosk::widgets
