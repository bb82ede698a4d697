#pragma once
// What every screen gets: the model to read, the controller to send intents to, navigation, fonts,
// layout metrics and the registry of visible labels (used by scripted taps and UI tests).
#include <imgui.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

class Fonts;
class KioskModel;
class Controller;
class Navigator;
class TextureCache;
class ScanWorker;

/// Colours of the kiosk theme (normal and high contrast).
struct Theme {
    ImU32 background, surface, text, mutedText, primary, primaryText, accent, border, danger, ok;
};

/// Sizes derived from the window and the large-text mode (适老化).
struct Layout {
    ImVec2 size{1080, 1920};
    bool landscape = false;
    bool largeText = false;
    float tapMin = 72;    // smallest tap target, px (96 in large-text mode)
    float pad = 24;       // outer padding
    float gap = 16;       // space between controls
    float headerH = 140;  // coloured header band
};

struct VisibleLabel {
    std::string text;
    ImVec2 min, max;
    bool clickable = false;
};

/// Labels drawn in the current frame, with their rectangles.
class LabelRegistry {
public:
    void beginFrame() {
        m_labels.clear();
        m_clips.clear();
    }
    /// Registers a label; inside a scrolling region only its visible part counts, and a label
    /// scrolled out of view is not registered (it cannot be seen or tapped).
    void add(std::string text, ImVec2 min, ImVec2 max, bool clickable);
    /// Labels added until popClip are cut to this rectangle (a scrolling region's view).
    void pushClip(ImVec2 min, ImVec2 max) { m_clips.push_back({min, max}); }
    void popClip() {
        if (!m_clips.empty()) m_clips.pop_back();
    }
    /// The last clickable label with this text (later = drawn on top), else any label. A
    /// trailing * matches by prefix, *…* anywhere in the label (for scripts and tests).
    std::optional<VisibleLabel> find(const std::string& text) const;
    const std::vector<VisibleLabel>& all() const { return m_labels; }

private:
    std::vector<VisibleLabel> m_labels;
    std::vector<std::pair<ImVec2, ImVec2>> m_clips;
};

/// What is wrong with a frame's layout for a touchscreen: a label outside the screen, or two
/// labels that overlap without one containing the other (text in its button or card is fine).
/// One line per problem; empty when the frame is sound.
std::vector<std::string> layoutProblems(const std::vector<VisibleLabel>& labels, ImVec2 screen);

/// The text field that typed characters go to (physical keyboard, IME, on-screen keyboards and
/// scripted `type`). Fields are append-only with delete: what elderly users need, and it lets
/// the text wrap, which ImGui 1.86's multi-line input cannot.
struct TextFocus {
    std::string* target = nullptr;
    std::size_t maxChars = 0;
    /// Appends text (cut at maxChars characters); false when nothing has focus.
    bool type(const std::string& text);
    /// Deletes the last character.
    void backspace();
};

/// What the screen on show says in read-aloud mode. Screens declare it every frame, as they
/// draw (the header adds the title; widgets::say the rest: instructions, the selected item, a
/// receipt code); the App hands what changed to the speaker thread. Nothing here blocks.
class SpokenText {
public:
    void beginFrame() { m_parts.clear(); }
    /// Adds a part (empty and repeated parts are ignored).
    void add(std::string part);
    const std::vector<std::string>& parts() const { return m_parts; }
    /// What to say now, given the parts of the previous frame: everything when the title (the
    /// first part) changed, else only the parts that are new (a selection, a result).
    std::string changesSince(const std::vector<std::string>& previous) const;
    /// The parts as one utterance, each ending in a pause.
    static std::string join(const std::vector<std::string>& parts);

    bool repeatRequested = false;  // the speaker button was tapped: say the whole screen again
    bool available = true;         // set by the App: speech can be heard or recorded

private:
    std::vector<std::string> m_parts;
};

/// Latencies a widget measures up to the frame that shows their outcome (the handwriting pad:
/// stroke end → candidates shown). The App ends each one when the frame is on screen and writes
/// it to --frames-log, for benchmarks.
class FrameMarks {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    void beginFrame() { m_marks.clear(); }
    void add(std::string name, TimePoint since) { m_marks.emplace_back(std::move(name), since); }
    const std::vector<std::pair<std::string, TimePoint>>& all() const { return m_marks; }

private:
    std::vector<std::pair<std::string, TimePoint>> m_marks;
};

/// Per-visitor preferences a screen may change. Large text and read-aloud last for the whole
/// visit; the idle reset and the end of a visit (完成) go back to the station's defaults.
struct UiSettings {
    bool largeText = false;       // 适老化: bigger text and targets, high contrast
    bool readAloud = false;       // speak titles, instructions, choices and receipt codes
    bool staffRecording = false;  // a liaison officer records a concern on a citizen's behalf
    float scale = 1;              // screen pixels per layout unit (staff settings)
    std::string trackCode;        // a scanned receipt the track screen should open
    bool visitEnded = false;      // set by a screen (完成): the App starts the next visit
};

/// Keeps a draft from being lost by one tap. Screens declare each frame what 返回 means and
/// whether something typed would be lost by leaving; the header reads the previous frame's
/// declaration (it is drawn first) and either steps back, asks 确定放弃已填写的内容吗？, or leaves.
struct LeaveGuard {
    enum class Asking { None, Back, Home };
    bool draftHeld = false;   // this frame: leaving now would lose what was typed
    bool stepsBack = false;   // this frame: 返回 goes to the screen's previous step
    bool heldBefore = false;  // the same, as declared last frame (set by the App)
    bool stepsBackBefore = false;
    bool backTapped = false;       // 返回 was tapped on a screen that steps back: handle it now
    Asking asking = Asking::None;  // a confirmation is showing (until answered or the reset)
};

struct Ui {
    KioskModel& model;
    Controller& controller;
    Navigator& nav;
    Fonts& fonts;
    TextureCache& textures;
    ScanWorker& scanner;
    LabelRegistry& labels;
    TextFocus& focus;
    UiSettings& settings;
    const Layout& layout;
    const Theme& theme;
    SpokenText& spoken;
    FrameMarks& marks;
    LeaveGuard& leave;
};

/// The normal theme and the high-contrast one used in large-text mode (contrast ≥ 4.5:1).
const Theme& normalTheme();
const Theme& highContrastTheme();

}  // namespace kiosk::app
