#include "kiosk/app/ui.hpp"

#include <algorithm>
#include <cstdio>

#include "kiosk/domain/text.hpp"

namespace kiosk::app {

namespace {

// "abc" matches exactly, "abc*" by prefix, "*abc*" anywhere (texts with times or counts in them).
bool matches(const std::string& label, const std::string& pattern) {
    const bool tail = pattern.size() > 1 && pattern.back() == '*';
    const bool head = tail && pattern.size() > 2 && pattern.front() == '*';
    if (!tail) return label == pattern;
    const std::string core = pattern.substr(head ? 1 : 0, pattern.size() - (head ? 2 : 1));
    return head ? label.find(core) != std::string::npos : label.rfind(core, 0) == 0;
}

}  // namespace

std::optional<VisibleLabel> LabelRegistry::find(const std::string& text) const {
    std::optional<VisibleLabel> any;
    for (auto it = m_labels.rbegin(); it != m_labels.rend(); ++it) {
        if (!matches(it->text, text)) continue;
        if (it->clickable) return *it;
        if (!any) any = *it;
    }
    return any;
}

void LabelRegistry::add(std::string text, ImVec2 min, ImVec2 max, bool clickable) {
    for (const auto& [cmin, cmax] : m_clips) {
        // Markers of no size (e.g. "##handwriting-ready") stay unless they are out of view.
        if (max.x < cmin.x || max.y < cmin.y || min.x > cmax.x || min.y > cmax.y) return;
        min = ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y));
        max = ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
        if (max.x - min.x < 1 && max.y - min.y < 1 && (min.x != max.x || min.y != max.y)) return;
    }
    m_labels.push_back({std::move(text), min, max, clickable});
}

namespace {

bool contains(const VisibleLabel& outer, const VisibleLabel& inner) {
    constexpr float kSlack = 2;  // rounding of wrapped text and borders
    return inner.min.x >= outer.min.x - kSlack && inner.min.y >= outer.min.y - kSlack &&
           inner.max.x <= outer.max.x + kSlack && inner.max.y <= outer.max.y + kSlack;
}

std::string describe(const VisibleLabel& l) {
    char box[96];
    std::snprintf(box, sizeof box, " [%.0f,%.0f – %.0f,%.0f]", l.min.x, l.min.y, l.max.x, l.max.y);
    return "\"" + l.text + "\"" + box;
}

}  // namespace

std::vector<std::string> layoutProblems(const std::vector<VisibleLabel>& labels, ImVec2 screen) {
    std::vector<std::string> out;
    for (const auto& l : labels)
        if (l.min.x < -1 || l.min.y < -1 || l.max.x > screen.x + 1 || l.max.y > screen.y + 1)
            out.push_back("outside the screen: " + describe(l));
    constexpr float kTouch = 3;  // px of shared edge that still counts as touching, not overlap
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            const auto& a = labels[i];
            const auto& b = labels[j];
            const float w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
            const float h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
            if (w <= kTouch || h <= kTouch || contains(a, b) || contains(b, a)) continue;
            out.push_back("overlap: " + describe(a) + " and " + describe(b));
        }
    return out;
}

void SpokenText::add(std::string part) {
    if (domain::trimSpaces(part).empty()) return;
    for (const auto& p : m_parts)
        if (p == part) return;
    m_parts.push_back(std::move(part));
}

std::string SpokenText::changesSince(const std::vector<std::string>& previous) const {
    if (m_parts.empty()) return {};
    if (previous.empty() || previous.front() != m_parts.front()) return join(m_parts);
    std::vector<std::string> fresh;
    for (const auto& p : m_parts)
        if (std::find(previous.begin(), previous.end(), p) == previous.end()) fresh.push_back(p);
    return join(fresh);
}

std::string SpokenText::join(const std::vector<std::string>& parts) {
    static const std::string kStops[] = {"。", "？", "！", "：", "，", "；", ".", "?", "!"};
    std::string out;
    for (const auto& p : parts) {
        out += p;
        bool stopped = false;
        for (const auto& s : kStops)
            stopped |= p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
        if (!stopped) out += "。";  // espeak pauses at a full stop between parts
    }
    return out;
}

bool TextFocus::type(const std::string& text) {
    if (!target) return false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
        if (domain::codePointCount(*target) >= maxChars) break;
        target->append(text, i, n);
        i += n;
    }
    return true;
}

void TextFocus::backspace() {
    if (!target) return;
    while (!target->empty()) {
        const auto c = static_cast<unsigned char>(target->back());
        target->pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

const Theme& normalTheme() {
    static const Theme t{
        IM_COL32(244, 243, 239, 255),  // background: warm paper
        IM_COL32(255, 255, 255, 255),  // surface
        IM_COL32(33, 33, 33, 255),     // text (15.9:1 on surface)
        IM_COL32(92, 92, 92, 255),     // muted text (6.7:1 on surface)
        IM_COL32(178, 34, 34, 255),    // primary: people's-congress red (6.1:1 with white)
        IM_COL32(255, 255, 255, 255),  // text on primary
        IM_COL32(25, 100, 170, 255),   // accent blue (5.6:1 with white)
        IM_COL32(210, 206, 198, 255),  // border
        IM_COL32(176, 0, 32, 255),     // danger
        IM_COL32(27, 110, 52, 255),    // ok green (6.0:1 with white)
    };
    return t;
}

const Theme& highContrastTheme() {
    static const Theme t{
        IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 255, 255), IM_COL32(0, 0, 0, 255),
        IM_COL32(40, 40, 40, 255),    IM_COL32(150, 0, 0, 255),     IM_COL32(255, 255, 255, 255),
        IM_COL32(0, 60, 130, 255),    IM_COL32(0, 0, 0, 255),       IM_COL32(150, 0, 0, 255),
        IM_COL32(0, 90, 30, 255),
    };
    return t;
}

}  // namespace kiosk::app
