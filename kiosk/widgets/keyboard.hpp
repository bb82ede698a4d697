#pragma once
// The on-screen keyboards: digits, Latin letters, pinyin (full-width QWERTY with a candidate
// bar, paging, next-word prediction and Chinese punctuation) and handwriting (a pad the finger
// writes on, handwriting_pad.hpp). Big keys for elderly users; every key is a registered label,
// so scripts and tests tap keys and candidates by their text.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/ui.hpp"

namespace kiosk::widgets {
struct HandwritingPadState;
}

namespace kiosk::widgets {

using app::Ui;

/// What the on-screen keyboard types. Further input methods add modes here.
enum class KeyboardMode { Digits, Latin, Pinyin, Handwriting };

/// A keyboard's state, owned by the screen that shows it and wiped with the screen (Home, idle
/// timeout): the pinyin being composed and the strokes on the pad are a citizen's words too.
struct KeyboardState {
    KeyboardState();
    explicit KeyboardState(KeyboardMode m);
    ~KeyboardState();
    KeyboardState(KeyboardState&&) noexcept;
    KeyboardState& operator=(KeyboardState&&) noexcept;

    KeyboardMode mode = KeyboardMode::Pinyin;
    std::unique_ptr<HandwritingPadState> handwriting;  // made the first time the pad shows
    std::size_t first = 0;                             // first candidate on the current page
    std::vector<std::size_t> earlierPages;  // first candidates of the pages before (for ‹)
    std::vector<std::string> predictions;   // shown after a commit, while nothing is composed
    const std::string* target = nullptr;    // the field typed into last frame

    /// Forgets the composition, predictions and the pad's strokes, and goes back to mode m.
    void reset(KeyboardMode m);
    /// Whether pinyin letters typed on this keyboard wait for a candidate.
    bool composing() const;
    /// Ends the composition: its first candidate (or the letters), "" when nothing is composed.
    std::string commitFirst();

    /// Which keyboard this is, for the one pinyin decoder of the process (keyboard.cpp).
    std::uint64_t id;
};

/// Digits or Latin keyboard appending to target (with delete, clear and a digits/letters
/// switch), at most maxChars characters. For codes and PINs.
void keyboard(Ui& ui, std::string& target, KeyboardMode& mode, std::size_t maxChars);

/// The full keyboard (pinyin, handwriting, Latin, digits, with mode keys) appending to target.
void keyboard(Ui& ui, std::string& target, KeyboardState& state, std::size_t maxChars);

/// Height the full keyboard takes in its current mode at the current layout.
float keyboardHeight(const Ui& ui, const KeyboardState& state);
/// The same for a keyboard in this mode (the digits and letters keyboards have no state).
float keyboardHeight(const Ui& ui, KeyboardMode mode);

/// Where a panel's keyboard goes: below the content in portrait, beside it in landscape (a
/// landscape screen has no height to spare for it). `below` is what stays pinned under both.
struct KeyboardDock {
    bool shown = false;
    float contentWidth = 0;   // what the content may use
    float reservedBelow = 0;  // pass to the content's scroll region
    float pinnedWidth = 0;    // what the row pinned under the content may use
    ImVec2 at;                // where to draw the keyboard (the cursor before keyboard())
};
/// Places a keyboard of `state` for content starting at the cursor, `width` wide.
KeyboardDock dockKeyboard(const Ui& ui, const KeyboardState& state, bool shown, float width,
                          float below);

/// A keypad of only the 27 characters receipt codes use (no look-alikes to choose between),
/// with delete and clear, appending to target (kept grouped "XXX-XXX-XXX" by the caller).
void receiptKeypad(Ui& ui, std::string& target, float width);
/// Height of the receipt keypad.
float receiptKeypadHeight(const Ui& ui);

/// Forgets the text an undoable 清空 kept (the idle reset: nothing of a visitor stays).
void forgetKeyboardUndo();

}  // namespace kiosk::widgets
