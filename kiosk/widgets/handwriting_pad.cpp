#include "kiosk/widgets/handwriting_pad.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/app/fonts.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/widgets.hpp"
#include "platform/window.hpp"

namespace kiosk::widgets {
namespace {

constexpr std::size_t kCandidates = 9;  // a grid of 3 × 3 big keys beside the pad
constexpr int kColumns = 3;
// The longest the frame in which a stroke ends waits for its candidates (bounded: a slow
// recognition costs that frame this much and its candidates then come a frame later).
constexpr std::chrono::milliseconds kSameFrameBudget{10};
// Stroke end → candidates on screen, and → their glyphs too (new characters are baked into the
// atlas on a worker thread and appear a frame or two later, as with pinyin).
constexpr const char* kShownMark = "handwriting_shown";
constexpr const char* kGlyphsMark = "handwriting_glyphs";

// Ink drawn thick with round ends and joints (ImGui's thick polylines have neither).
void drawStroke(ImDrawList* dl, const input::InkStroke& stroke, ImVec2 origin, float side,
                float thickness, ImU32 colour) {
    std::vector<ImVec2> points;
    points.reserve(stroke.size());
    for (const auto& p : stroke) points.emplace_back(origin.x + p.x * side, origin.y + p.y * side);
    if (points.size() > 1)
        dl->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None,
                        thickness);
    for (const auto& p : points) dl->AddCircleFilled(p, thickness / 2, colour, 12);
}

void dashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour) {
    const float length = std::hypot(b.x - a.x, b.y - a.y), dash = 14, space = 10;
    for (float t = 0; t < length; t += dash + space) {
        const float t1 = std::min(length, t + dash);
        dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / length, a.y + (b.y - a.y) * t / length),
                    ImVec2(a.x + (b.x - a.x) * t1 / length, a.y + (b.y - a.y) * t1 / length),
                    colour, 2);
    }
}

class Pad {
public:
    Pad(Ui& ui, std::string& target, std::size_t maxChars, HandwritingPadState& s)
        : m_ui(ui), m_target(target), m_max(maxChars), m_s(s) {
        if (!m_s.worker)
            m_s.worker = std::make_unique<input::HandwritingWorker>(
                input::HandwritingRecognizer::findModel(), [] { platform::Window::wake(); });
    }

    void draw(float width, float side, float gap) {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const auto state = m_s.worker->state();
        takeResult();
        glyphsBaked();
        drawPad(origin, side, state);
        // A stroke's candidates take 3–5 ms: waiting a bounded moment for them here shows them
        // in the frame where the finger lifts rather than the next one (a whole frame sooner).
        if (m_strokeEnded) takeResult(kSameFrameBudget);
        drawColumn(ImVec2(origin.x + side + gap, origin.y), width - side - gap, side, gap, state);
        if (!m_s.ink.empty() && !m_s.ink.writing() && m_s.shown == m_s.ink.revision())
            m_ui.labels.add(kHandwritingReadyLabel, origin, origin, false);
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x, origin.y + side + ImGui::GetStyle().ItemSpacing.y));
    }

private:
    // Candidates of the newest state of the ink (the worker drops the others).
    void takeResult(std::chrono::milliseconds budget = std::chrono::milliseconds(0)) {
        auto r = m_s.worker->takeWithin(budget);
        if (!r || r->revision != m_s.ink.revision()) return;
        m_s.candidates = std::move(r->candidates);
        m_s.shown = r->revision;
        m_ui.fonts.require([&] {
            std::string all;
            for (const auto& c : m_s.candidates) all += c;
            return all;
        }());
        if (m_s.measuring) m_ui.marks.add(kShownMark, m_s.strokeEnded);
        m_s.glyphsPending = m_s.measuring;
        m_s.glyphsSince = m_s.strokeEnded;
        m_s.measuring = false;
    }

    void glyphsBaked() {
        if (!m_s.glyphsPending || m_ui.fonts.dirty()) return;
        m_ui.marks.add(kGlyphsMark, m_s.glyphsSince);
        m_s.glyphsPending = false;
    }

    void drawPad(ImVec2 origin, float side, input::HandwritingWorker::State state) {
        const auto& t = m_ui.theme;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 end(origin.x + side, origin.y + side);
        dl->AddRectFilled(origin, end, t.surface, 16);
        dl->AddRect(origin, end, t.border, 16, 0, 3);
        if (state == input::HandwritingWorker::State::Unavailable) {
            const float margin = side * 0.08f;
            ImGui::SetCursorScreenPos(ImVec2(origin.x + margin, origin.y + margin));
            text(m_ui, tr("keyboard.handwriting_unavailable"), m_ui.fonts.body(), t.danger,
                 side - 2 * margin);
            return;
        }
        // 米字格, the writing grid of Chinese exercise books: where a character's parts go. The
        // diagonals stop short of the rounded corners.
        const ImVec2 mid(origin.x + side / 2, origin.y + side / 2);
        const float in = 10;
        dashedLine(dl, ImVec2(origin.x + in, mid.y), ImVec2(end.x - in, mid.y), t.border);
        dashedLine(dl, ImVec2(mid.x, origin.y + in), ImVec2(mid.x, end.y - in), t.border);
        dashedLine(dl, ImVec2(origin.x + in, origin.y + in), ImVec2(end.x - in, end.y - in),
                   t.border);
        dashedLine(dl, ImVec2(end.x - in, origin.y + in), ImVec2(origin.x + in, end.y - in),
                   t.border);

        ImGui::SetCursorScreenPos(origin);
        ImGui::InvisibleButton(kHandwritingPadLabel, ImVec2(side, side));
        m_ui.labels.add(kHandwritingPadLabel, origin, end, true);
        const ImVec2 m = ImGui::GetIO().MousePos;
        const input::InkPoint p{std::clamp((m.x - origin.x) / side, 0.0f, 1.0f),
                                std::clamp((m.y - origin.y) / side, 0.0f, 1.0f)};
        if (ImGui::IsItemActivated())
            m_s.ink.beginStroke(p);
        else if (ImGui::IsItemActive())
            m_s.ink.extendStroke(p);
        if (ImGui::IsItemDeactivated() && m_s.ink.writing()) {
            m_s.ink.extendStroke(p);
            m_s.ink.endStroke();
            m_s.strokeEnded = std::chrono::steady_clock::now();
            m_s.measuring = true;
            recognise();
            m_strokeEnded = true;
        }

        if (m_s.ink.empty()) {
            const std::string hint = tr("keyboard.handwriting_hint");
            ImFont* f = m_ui.fonts.body();
            const ImVec2 size =
                f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, m_ui.fonts.text(hint).c_str());
            ImGui::SetCursorScreenPos(
                ImVec2(mid.x - size.x / 2, origin.y + side * 0.25f - size.y / 2));
            text(m_ui, hint, f, t.mutedText, side);
            say(m_ui, hint);
        }
        const float thickness = std::max(8.0f, side * 0.028f);
        for (const auto& stroke : m_s.ink.strokes())
            drawStroke(dl, stroke, origin, side, thickness, t.text);
        if (m_s.ink.openStroke())
            drawStroke(dl, *m_s.ink.openStroke(), origin, side, thickness, t.text);
    }

    // Candidates in a grid, then 撤销一笔 and 清除, then 删除, in rows as tall as the pad allows.
    void drawColumn(ImVec2 at, float w, float side, float gap,
                    input::HandwritingWorker::State state) {
        const auto& L = m_ui.layout;
        const float rowH = std::max(L.tapMin, (side - 4 * gap) / 5);
        const float cellW = (w - (kColumns - 1) * gap) / kColumns;
        if (m_s.candidates.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(at.x + gap, at.y + gap));
            const bool loading = state == input::HandwritingWorker::State::Loading;
            if (state != input::HandwritingWorker::State::Unavailable)
                text(m_ui,
                     tr(loading ? "keyboard.handwriting_loading"
                                : "keyboard.handwriting_candidates_hint"),
                     m_ui.fonts.body(), m_ui.theme.mutedText, w - 2 * gap);
        }
        for (std::size_t i = 0; i < m_s.candidates.size() && i < kCandidates; ++i) {
            const auto row = static_cast<float>(i / kColumns),
                       col = static_cast<float>(i % kColumns);
            ImGui::SetCursorScreenPos(
                ImVec2(at.x + col * (cellW + gap), at.y + row * (rowH + gap)));
            ImGui::PushID("hw-candidate");
            const std::string c = m_s.candidates[i];  // a copy: pick() clears the list
            const bool tapped =
                button(m_ui, c, ImVec2(cellW, rowH), i == 0 ? Style::Accent : Style::Secondary,
                       m_ui.fonts.title());
            ImGui::PopID();
            if (tapped) {
                pick(c);
                break;
            }
        }
        const bool ink = !m_s.ink.empty();
        const float half = (w - gap) / 2;
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + 3 * (rowH + gap)));
        if (button(m_ui, tr("keyboard.undo_stroke"), ImVec2(half, rowH),
                   ink ? Style::Secondary : Style::Quiet) &&
            ink) {
            m_s.ink.undoStroke();
            recognise();
        }
        ImGui::SameLine(0, gap);
        if (button(m_ui, tr("keyboard.clear_pad"), ImVec2(half, rowH),
                   ink ? Style::Secondary : Style::Quiet) &&
            ink)
            m_s.reset();
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + 4 * (rowH + gap)));
        if (button(m_ui, tr("keyboard.delete"), ImVec2(w, rowH)))
            app::TextFocus{&m_target, m_max}.backspace();
    }

    // Asks for the candidates of the ink as it is now; with no strokes left there are none.
    void recognise() {
        if (m_s.ink.strokes().empty()) {
            m_s.reset();
            return;
        }
        m_s.worker->request(m_s.ink.revision(), m_s.ink.strokes(), kCandidates);
    }

    void pick(const std::string& c) {
        app::TextFocus{&m_target, m_max}.type(c);
        m_s.reset();  // the next character starts on a clean pad
    }

    Ui& m_ui;
    std::string& m_target;
    std::size_t m_max;
    HandwritingPadState& m_s;
    bool m_strokeEnded = false;  // in this frame
};

}  // namespace

HandwritingPadState::HandwritingPadState() = default;
HandwritingPadState::~HandwritingPadState() = default;

void HandwritingPadState::reset() {
    ink.clear();
    candidates.clear();
    shown = ink.revision();
    measuring = false;
    glyphsPending = false;
    if (worker) worker->cancel();
}

void handwritingPad(Ui& ui, std::string& target, std::size_t maxChars, HandwritingPadState& s,
                    float width, float side, float gap) {
    Pad(ui, target, maxChars, s).draw(width, side, gap);
}

}  // namespace kiosk::widgets
