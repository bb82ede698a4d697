#include "kiosk/widgets/keyboard.hpp"

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "kiosk/app/fonts.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/input/pinyin_engine.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/handwriting_pad.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::widgets {
namespace {

// One pinyin decoder for the whole process, lent to the keyboard that types. libgooglepinyin
// keeps its tables in globals: opening a second decoder frees a new[] buffer with delete
// (SpellingTrie::build_ym_info), and the staff screens hold two keyboards. Lending it to another
// keyboard drops the composition held for the last one, as moving to another field always has.
struct SharedPinyin {
    std::unique_ptr<input::PinyinEngine> engine;  // opened on first use (about 1 ms)
    std::uint64_t holder = 0;
};

SharedPinyin& sharedPinyin() {
    static SharedPinyin shared;
    return shared;
}

std::uint64_t nextKeyboardId() {
    static std::uint64_t last = 0;
    return ++last;
}

input::PinyinEngine& lendPinyin(std::uint64_t keyboard) {
    auto& shared = sharedPinyin();
    if (!shared.engine) shared.engine = std::make_unique<input::PinyinEngine>();
    if (shared.holder != keyboard) {
        shared.engine->reset();
        shared.holder = keyboard;
    }
    return *shared.engine;
}

// The decoder if this keyboard holds it, else nullptr (then it composes nothing).
input::PinyinEngine* heldPinyin(std::uint64_t keyboard) {
    auto& shared = sharedPinyin();
    return shared.holder == keyboard ? shared.engine.get() : nullptr;
}

constexpr const char* kDigitRows[] = {"123", "456", "789", "-0"};
constexpr const char* kLatinRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
constexpr const char* kPinyinRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
// Full-width Chinese punctuation, one key each.
constexpr const char* kPunctuation[] = {"，", "。", "？", "！", "、", "：", "；", "“", "”"};

float keyGap(const Ui& ui) {
    // Ten keys of the large-text size (96) across a portrait screen need narrower gaps.
    return ui.layout.largeText ? 4 : ui.layout.gap / 2;
}

// 清空 can be undone: the text it removed is kept (one field at a time, UI thread only) and
// the key offers 撤销清空 until something is typed there. The idle reset forgets it.
struct ClearUndo {
    const std::string* target = nullptr;
    std::string text;
};
ClearUndo g_undo;

// The label of the clear key for target, and what tapping it does (clear or restore).
std::pair<std::string, std::function<void()>> clearKey(std::string& target,
                                                       std::function<void()> clear) {
    if (g_undo.target == &target && !target.empty()) g_undo = {};  // typed again: no undo
    if (g_undo.target == &target && target.empty())
        return {tr("keyboard.undo_clear"), [&target] {
                    target = g_undo.text;
                    g_undo = {};
                }};
    return {tr("keyboard.clear"), [&target, clear = std::move(clear)] {
                if (!target.empty()) g_undo = {&target, target};
                clear();
            }};
}

float rowPitch(const Ui& ui) {
    return ui.layout.tapMin + ImGui::GetStyle().ItemSpacing.y;
}

float barHeight(const Ui& ui) {
    return ui.fonts.body()->FontSize + ui.layout.tapMin + 3 * keyGap(ui);
}

// The handwriting pad is as tall as the pinyin keyboard's candidate bar and keys together, so
// switching between them moves nothing else on the screen.
float padSide(const Ui& ui) {
    return barHeight(ui) + 4 * rowPitch(ui);
}

// Keys of one row of single characters, each `key` wide; returns the tapped character or "".
std::string keyRow(Ui& ui, const std::string& row, float key) {
    std::string tapped;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) ImGui::SameLine(0, keyGap(ui));
        const std::string k(1, row[i]);
        if (button(ui, k, ImVec2(key, ui.layout.tapMin), Style::Secondary)) tapped = k;
    }
    return tapped;
}

class PinyinKeyboard {
public:
    PinyinKeyboard(Ui& ui, std::string& target, KeyboardState& s, std::size_t maxChars)
        : m_ui(ui), m_target(target), m_s(s), m_max(maxChars), m_engine(lendPinyin(s.id)) {}

    // The candidate bar and four rows of keys from the cursor, width wide.
    void draw(float width) {
        m_width = width;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        candidateBar();
        const float gap = keyGap(m_ui), key = (width - 9 * gap) / 10;
        const float top = origin.y + barHeight(m_ui) + ImGui::GetStyle().ItemSpacing.y;
        for (int r = 0; r < 3; ++r) {
            ImGui::SetCursorScreenPos(
                ImVec2(origin.x + (r == 1 ? (key + gap) / 2 : 0), top + r * rowPitch(m_ui)));
            if (const std::string k = keyRow(m_ui, kPinyinRows[r], key); !k.empty()) letter(k[0]);
            if (r == 2) {
                ImGui::SameLine(0, gap);
                const float rest = width - 7 * (key + gap);
                if (button(m_ui, tr("keyboard.delete"), ImVec2(rest, m_ui.layout.tapMin)))
                    backspace();
            }
        }
        const float punct = (width - 8 * gap) / 9;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top + 3 * rowPitch(m_ui)));
        for (std::size_t i = 0; i < std::size(kPunctuation); ++i) {
            if (i) ImGui::SameLine(0, gap);
            if (button(m_ui, kPunctuation[i], ImVec2(punct, m_ui.layout.tapMin)))
                typeText(commitComposition() + kPunctuation[i], false);
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top + 4 * rowPitch(m_ui)));
    }

    // What leaves the pinyin keyboard (mode switch, another field) takes the composition along.
    std::string commitComposition() {
        m_s.first = 0;
        m_s.earlierPages.clear();
        return m_engine.ok() ? m_engine.commitFirst() : "";
    }

    void space() {
        if (m_engine.composing())
            typeText(commitComposition(), true);
        else
            typeText(" ", false);
    }

    void clear() {
        m_engine.reset();
        m_s.predictions.clear();
        m_s.first = 0;
        m_s.earlierPages.clear();
        m_target.clear();
    }

private:
    void letter(char c) {
        m_s.predictions.clear();
        m_s.first = 0;
        m_s.earlierPages.clear();
        m_engine.addLetter(c);
    }

    void backspace() {
        m_s.first = 0;
        m_s.earlierPages.clear();
        if (m_engine.composing()) {
            m_engine.backspace();
        } else {
            m_s.predictions.clear();
            app::TextFocus{&m_target, m_max}.backspace();
        }
    }

    void typeText(const std::string& text, bool predict) {
        m_s.first = 0;
        m_s.earlierPages.clear();
        app::TextFocus{&m_target, m_max}.type(text);
        m_s.predictions = predict ? m_engine.predictions(m_target) : std::vector<std::string>{};
    }

    void candidateBar() {
        auto& L = m_ui.layout;
        const float gap = keyGap(m_ui), h = barHeight(m_ui);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + m_width, p.y + h),
                                                  m_ui.theme.surface, 12);
        ImGui::SetCursorScreenPos(ImVec2(p.x + gap * 2, p.y + gap));
        auto& engine = m_engine;
        const bool composing = engine.composing();
        if (!engine.ok())
            text(m_ui, tr("keyboard.pinyin_unavailable"), m_ui.fonts.body(), m_ui.theme.danger,
                 m_width - 4 * gap);
        else if (composing)
            text(m_ui, engine.composition(), m_ui.fonts.body(), m_ui.theme.accent);
        else
            text(m_ui, tr(m_s.predictions.empty() ? "keyboard.pinyin_hint" : "keyboard.predicted"),
                 m_ui.fonts.body(), m_ui.theme.mutedText);
        // ‹ candidates … ›
        const float arrow = L.tapMin, rowY = p.y + h - gap - L.tapMin;
        const std::size_t count = composing ? engine.candidateCount() : m_s.predictions.size();
        const std::vector<std::string> batch =
            composing ? engine.candidates(m_s.first, 16)
                      : std::vector<std::string>(
                            m_s.predictions.begin() +
                                static_cast<long>(std::min(m_s.first, m_s.predictions.size())),
                            m_s.predictions.end());
        ImGui::SetCursorScreenPos(ImVec2(p.x + gap, rowY));
        const bool back = !m_s.earlierPages.empty();
        if (button(m_ui, tr("keyboard.previous_page"), ImVec2(arrow, L.tapMin),
                   back ? Style::Secondary : Style::Quiet) &&
            back) {
            m_s.first = m_s.earlierPages.back();
            m_s.earlierPages.pop_back();
            return;  // the batch drawn below belongs to the old page
        }
        ImFont* font = m_ui.fonts.body();
        float x = p.x + gap + arrow + gap;
        const float end = p.x + m_width - gap - arrow - gap;
        std::size_t shown = 0;
        for (const auto& c : batch) {
            const std::string label = m_ui.fonts.text(c);
            const float w = std::max(
                L.tapMin, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str()).x + 40);
            if (x + w > end) break;
            ImGui::SetCursorScreenPos(ImVec2(x, rowY));
            ImGui::PushID("candidate");
            const bool best = composing && m_s.first == 0 && shown == 0;  // what space takes
            const bool tapped =
                button(m_ui, c, ImVec2(w, L.tapMin), best ? Style::Accent : Style::Secondary);
            ImGui::PopID();
            if (tapped) {
                pick(m_s.first + shown, c);
                return;
            }
            x += w + gap;
            ++shown;
        }
        const bool more = m_s.first + shown < count && shown > 0;
        ImGui::SetCursorScreenPos(ImVec2(p.x + m_width - gap - arrow, rowY));
        if (button(m_ui, tr("keyboard.next_page"), ImVec2(arrow, L.tapMin),
                   more ? Style::Secondary : Style::Quiet) &&
            more) {
            m_s.earlierPages.push_back(m_s.first);
            m_s.first += shown;
        }
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + ImGui::GetStyle().ItemSpacing.y));
    }

    void pick(std::size_t index, const std::string& shown) {
        if (m_engine.composing()) {
            m_s.first = 0;
            m_s.earlierPages.clear();
            if (const std::string done = m_engine.choose(index); !done.empty())
                typeText(done, true);
        } else {
            typeText(shown, true);  // a predicted next word
        }
    }

    Ui& m_ui;
    std::string& m_target;
    KeyboardState& m_s;
    std::size_t m_max;
    input::PinyinEngine& m_engine;
    float m_width = 0;
};

}  // namespace

KeyboardState::KeyboardState() : id(nextKeyboardId()) {}
KeyboardState::KeyboardState(KeyboardMode m) : mode(m), id(nextKeyboardId()) {}

KeyboardState::~KeyboardState() {
    if (input::PinyinEngine* engine = heldPinyin(id)) {
        engine->reset();
        sharedPinyin().holder = 0;
    }
}

// A moved-from keyboard is a new, empty one; the composition goes with the id.
KeyboardState::KeyboardState(KeyboardState&& other) noexcept
    : mode(other.mode),
      handwriting(std::move(other.handwriting)),
      first(other.first),
      earlierPages(std::move(other.earlierPages)),
      predictions(std::move(other.predictions)),
      target(other.target),
      id(std::exchange(other.id, nextKeyboardId())) {}

KeyboardState& KeyboardState::operator=(KeyboardState&& other) noexcept {
    if (this == &other) return *this;
    if (input::PinyinEngine* engine = heldPinyin(id)) engine->reset();  // this one's words go
    mode = other.mode;
    handwriting = std::move(other.handwriting);
    first = other.first;
    earlierPages = std::move(other.earlierPages);
    predictions = std::move(other.predictions);
    target = other.target;
    std::swap(id, other.id);
    return *this;
}

bool KeyboardState::composing() const {
    const input::PinyinEngine* engine = heldPinyin(id);
    return engine && engine->composing();
}

std::string KeyboardState::commitFirst() {
    input::PinyinEngine* engine = heldPinyin(id);
    return engine && engine->composing() ? engine->commitFirst() : "";
}

void KeyboardState::reset(KeyboardMode m) {
    mode = m;
    if (input::PinyinEngine* engine = heldPinyin(id)) engine->reset();
    if (handwriting) handwriting->reset();
    first = 0;
    earlierPages.clear();
    predictions.clear();
    target = nullptr;
}

void keyboard(Ui& ui, std::string& target, KeyboardMode& mode, std::size_t maxChars) {
    const bool digits = mode == KeyboardMode::Digits;
    const auto& rows = digits ? kDigitRows : kLatinRows;
    const std::size_t rowCount = digits ? std::size(kDigitRows) : std::size(kLatinRows);
    const float gap = keyGap(ui);
    const float width = digits ? std::min(availWidth(), 3 * ui.layout.tapMin * 2.2f) : availWidth();
    const float key = digits ? (width - 2 * gap) / 3 : (width - 9 * gap) / 10;
    for (std::size_t r = 0; r < rowCount; ++r)
        if (const std::string k = keyRow(ui, rows[r], key); !k.empty())
            app::TextFocus{&target, maxChars}.type(k);
    const float third = (width - 2 * gap) / 3;
    if (button(ui, tr("keyboard.delete"), ImVec2(third, ui.layout.tapMin)))
        app::TextFocus{&target, maxChars}.backspace();
    ImGui::SameLine(0, gap);
    const auto [clearLabel, clearAction] = clearKey(target, [&target] { target.clear(); });
    if (button(ui, clearLabel, ImVec2(third, ui.layout.tapMin))) clearAction();
    ImGui::SameLine(0, gap);
    if (button(ui, tr(digits ? "keyboard.latin" : "keyboard.digits"),
               ImVec2(third, ui.layout.tapMin), Style::Quiet))
        mode = digits ? KeyboardMode::Latin : KeyboardMode::Digits;
}

void keyboard(Ui& ui, std::string& target, KeyboardState& state, std::size_t maxChars) {
    if (state.target != &target) {  // another field: its own composition and predictions
        state.reset(state.mode);
        state.target = &target;
    }
    const float width = availWidth(), gap = keyGap(ui);
    PinyinKeyboard pinyin(ui, target, state, maxChars);
    std::vector<std::pair<std::string, std::function<void()>>> bottom;
    auto switchTo = [&](KeyboardMode m) {
        return [&, m] {
            app::TextFocus{&target, maxChars}.type(pinyin.commitComposition());
            state.predictions.clear();
            if (state.handwriting) state.handwriting->reset();  // an unfinished character
            state.mode = m;
        };
    };
    // The bottom row: keys for the other three modes, a wide space bar and clear.
    auto modeKey = [&](KeyboardMode m) -> std::pair<std::string, std::function<void()>> {
        static constexpr const char* kNames[] = {"keyboard.mode_digits", "keyboard.mode_latin",
                                                 "keyboard.mode_pinyin",
                                                 "keyboard.mode_handwriting"};
        return {tr(kNames[static_cast<int>(m)]), switchTo(m)};
    };
    for (const auto m : {KeyboardMode::Pinyin, KeyboardMode::Handwriting, KeyboardMode::Digits,
                         KeyboardMode::Latin})
        if (m != state.mode) bottom.push_back(modeKey(m));
    std::function<void()> space = [&] { app::TextFocus{&target, maxChars}.type(" "); };
    std::function<void()> clear = [&] { target.clear(); };
    if (state.mode == KeyboardMode::Pinyin) {
        pinyin.draw(width);
        space = [&] { pinyin.space(); };
        clear = [&] { pinyin.clear(); };
    } else if (state.mode == KeyboardMode::Handwriting) {
        if (!state.handwriting) state.handwriting = std::make_unique<HandwritingPadState>();
        handwritingPad(ui, target, maxChars, *state.handwriting, width, padSide(ui), gap);
        clear = [&] {
            state.handwriting->reset();
            target.clear();
        };
    } else {
        const bool digits = state.mode == KeyboardMode::Digits;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const auto& rows = digits ? kDigitRows : kLatinRows;
        const std::size_t n = digits ? std::size(kDigitRows) : std::size(kLatinRows);
        // Digits: a full-width pad of three columns; letters: QWERTY under a row of digits.
        const float k = digits ? (width - 2 * gap) / 3 : (width - 9 * gap) / 10;
        for (std::size_t r = 0; r < n; ++r) {
            ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + r * rowPitch(ui)));
            if (const std::string t = keyRow(ui, rows[r], k); !t.empty())
                app::TextFocus{&target, maxChars}.type(t);
            if (r == n - 1) {
                ImGui::SameLine(0, gap);
                const float used = static_cast<float>(std::string(rows[r]).size()) * (k + gap);
                if (button(ui, tr("keyboard.delete"), ImVec2(width - used, ui.layout.tapMin)))
                    app::TextFocus{&target, maxChars}.backspace();
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + n * rowPitch(ui)));
    }
    bottom.emplace_back(tr("keyboard.space"), space);
    bottom.push_back(clearKey(target, clear));
    const float unit = (width - 4 * gap) / 10;
    const float widths[] = {unit * 1.5f, unit * 1.5f, unit * 1.5f, unit * 3.5f, unit * 2};
    const ImVec2 row = ImGui::GetCursorScreenPos();
    for (std::size_t i = 0; i < bottom.size(); ++i) {
        if (i) ImGui::SameLine(0, gap);
        if (button(ui, bottom[i].first, ImVec2(widths[i], ui.layout.tapMin),
                   i == 3 ? Style::Secondary : Style::Quiet))
            bottom[i].second();
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + rowPitch(ui)));
}

float keyboardHeight(const Ui& ui, const KeyboardState& state) {
    return keyboardHeight(ui, state.mode);
}

float keyboardHeight(const Ui& ui, KeyboardMode mode) {
    const int rows = 5;  // every mode: four rows of keys and the bottom row
    // Handwriting: the pad (as tall as the pinyin bar and keys) and the bottom row.
    const bool tall = mode == KeyboardMode::Pinyin || mode == KeyboardMode::Handwriting;
    const float bar = tall ? barHeight(ui) + ImGui::GetStyle().ItemSpacing.y : 0;
    return bar + rows * rowPitch(ui) - ImGui::GetStyle().ItemSpacing.y;
}

KeyboardDock dockKeyboard(const Ui& ui, const KeyboardState& state, bool shown, float width,
                          float below) {
    const auto& L = ui.layout;
    KeyboardDock d;
    d.shown = shown;
    d.contentWidth = width;
    d.reservedBelow = below;
    d.pinnedWidth = width;
    if (!shown) return d;
    const float kh = keyboardHeight(ui, state);
    if (L.landscape) {
        // The right column from the content's top down; the pinned row keeps to the left one.
        d.contentWidth = width * 0.42f;
        d.pinnedWidth = d.contentWidth;
        d.at = ImVec2(ImGui::GetCursorScreenPos().x + d.contentWidth + L.gap,
                      ImGui::GetCursorScreenPos().y);
    } else {
        d.reservedBelow = below + kh + L.gap;
        d.at = ImVec2(ImGui::GetCursorScreenPos().x, L.size.y - L.pad - below - kh);
    }
    return d;
}

void receiptKeypad(Ui& ui, std::string& target, float width) {
    const float gap = keyGap(ui);
    const std::string_view alphabet = domain::kReceiptAlphabet;
    constexpr std::size_t kPerRow = 9;
    const float key = (width - (kPerRow - 1) * gap) / kPerRow;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(start.x + static_cast<float>(i % kPerRow) * (key + gap),
                                         start.y + static_cast<float>(i / kPerRow) * rowPitch(ui)));
        const std::string k(1, alphabet[i]);
        if (button(ui, k, ImVec2(key, ui.layout.tapMin), Style::Secondary, ui.fonts.title()))
            target += k;
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + 3 * rowPitch(ui)));
    const float half = (width - gap) / 2;
    if (button(ui, tr("keyboard.delete"), ImVec2(half, ui.layout.tapMin))) {
        while (!target.empty() && target.back() == '-') target.pop_back();
        if (!target.empty()) target.pop_back();
    }
    ImGui::SameLine(0, gap);
    const auto [clearLabel, clearAction] = clearKey(target, [&target] { target.clear(); });
    if (button(ui, clearLabel, ImVec2(half, ui.layout.tapMin))) clearAction();
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + 4 * rowPitch(ui)));
}

float receiptKeypadHeight(const Ui& ui) {
    return 4 * rowPitch(ui) - ImGui::GetStyle().ItemSpacing.y;
}

void forgetKeyboardUndo() {
    g_undo = {};
}

}  // namespace kiosk::widgets
