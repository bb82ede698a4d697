#include "kiosk/widgets/scroll_area.hpp"

#include <imgui_internal.h>  // ClearActiveID, SetNextWindowScroll: a drag must not click

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/app/fonts.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::widgets {
namespace {

constexpr float kSlop = 14;         // px a finger may wander before a touch becomes a drag
constexpr float kDecayPerS = 3.5f;  // momentum: velocity falls by e^-3.5 each second
constexpr float kStopPxS = 30;      // slower than this, a flick has ended
constexpr float kMaxPxS = 6000;     // a flick never throws content faster than this

struct ScrollState {
    bool pressed = false;   // the finger went down inside the view
    bool dragging = false;  // …and moved far enough to drag instead of tap
    float pressY = 0, lastY = 0;
    float velocity = 0;     // px/s of the finger, downward positive; momentum after release
    bool overflow = false;  // the content did not fit last frame: the pager row shows
    int frames = 0;         // drawn so far: ImGui knows a new region's content size from its 2nd
};

struct OpenRegion {
    ImGuiID key;
    ImVec2 pos, size;
    float viewH;
    bool overflow;
    ImGuiWindow* window;  // the region's child window, to scroll it from the pager row
};

// UI thread only, like the cards of widgets.cpp: regions may not nest across threads.
std::unordered_map<ImGuiID, ScrollState> g_states;
int g_unsettledFrame = -1;  // the last frame whose layout the next one may still change
std::vector<OpenRegion> g_open;

void followFinger(ScrollState& st, ImVec2 viewMin, ImVec2 viewMax) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool inside = io.MousePos.x >= viewMin.x && io.MousePos.x < viewMax.x &&
                        io.MousePos.y >= viewMin.y && io.MousePos.y < viewMax.y;
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                                ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (ImGui::IsMouseClicked(0) && inside && hovered) {
        st.pressed = true;
        st.dragging = false;
        st.pressY = st.lastY = io.MousePos.y;
        st.velocity = 0;  // a touch stops a flick
    }
    const float dt = std::clamp(io.DeltaTime, 0.001f, 0.05f);
    if (st.pressed && io.MouseDown[0]) {
        float dy = io.MousePos.y - st.lastY;
        if (!st.dragging && std::fabs(io.MousePos.y - st.pressY) > kSlop) {
            st.dragging = true;
            ImGui::ClearActiveID();  // the button under the finger is not pressed by a drag
            dy = io.MousePos.y - st.pressY;
        }
        if (st.dragging) {
            ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - dy, 0.0f, ImGui::GetScrollMaxY()));
            st.velocity = std::clamp(0.7f * dy / dt + 0.3f * st.velocity, -kMaxPxS, kMaxPxS);
        }
        st.lastY = io.MousePos.y;
        return;
    }
    if (st.pressed) {  // released
        if (!st.dragging) st.velocity = 0;
        st.pressed = st.dragging = false;
    }
    if (std::fabs(st.velocity) < kStopPxS) {
        st.velocity = 0;
        return;
    }
    const float to = ImGui::GetScrollY() - st.velocity * dt;
    const float clamped = std::clamp(to, 0.0f, ImGui::GetScrollMaxY());
    ImGui::SetScrollY(clamped);
    st.velocity = clamped == to ? st.velocity * std::exp(-kDecayPerS * dt) : 0;
}

// A thin bar in the margin right of the view: how much there is and where the view is. Drawn
// on the parent's list, past its clip rectangle, so it never covers content.
void drawIndicator(const Ui& ui, ImVec2 viewMin, ImVec2 viewMax, float scrollY, float maxY) {
    if (maxY <= 0.5f) return;
    const float viewH = viewMax.y - viewMin.y, total = viewH + maxY;
    const float barH = std::max(viewH * viewH / total, 48.0f);
    const float y = viewMin.y + (viewH - barH) * scrollY / maxY;
    const float x = viewMax.x + std::min(ui.layout.pad * 0.5f, 12.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(viewMin.x, viewMin.y), ImVec2(x + 4, viewMax.y), false);
    dl->AddRectFilled(ImVec2(x - 3, viewMin.y), ImVec2(x + 3, viewMax.y), ui.theme.background, 3);
    dl->AddRectFilled(ImVec2(x - 3, y), ImVec2(x + 3, y + barH), ui.theme.mutedText, 3);
    dl->PopClipRect();
}

}  // namespace

float pagerHeight(const Ui& ui) {
    return ui.layout.tapMin * 1.2f + ui.layout.gap;
}

void beginScroll(Ui& ui, const char* id, ImVec2 size) {
    const ImGuiID key = ImGui::GetID(id);
    const bool fresh = g_states.find(key) == g_states.end();
    ScrollState& st = g_states[key];
    const float viewH = st.overflow ? std::max(size.y - pagerHeight(ui), ui.layout.tapMin) : size.y;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (fresh) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ImGui::BeginChild(id, ImVec2(size.x, viewH), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    g_open.push_back({key, pos, size, viewH, st.overflow, ImGui::GetCurrentWindow()});
    const ImVec2 viewMax(pos.x + size.x, pos.y + viewH);
    followFinger(st, pos, viewMax);
    ui.labels.pushClip(pos, viewMax);
}

void endScroll(Ui& ui) {
    const OpenRegion r = g_open.back();
    g_open.pop_back();
    ScrollState& st = g_states[r.key];
    const ImVec2 viewMax(r.pos.x + r.size.x, r.pos.y + r.viewH);
    const float scrollY = ImGui::GetScrollY(), maxY = ImGui::GetScrollMaxY();
    ui.labels.popClip();
    ImGui::EndChild();
    drawIndicator(ui, r.pos, viewMax, scrollY, maxY);
    // The pager is needed when the content does not fit the whole region; judged on the full
    // height, so showing the pager (which takes room) cannot keep itself on.
    const bool overflow = r.viewH + maxY > r.size.y + 0.5f;
    if (overflow != st.overflow || ++st.frames <= 2) g_unsettledFrame = ImGui::GetFrameCount();
    st.overflow = overflow;
    if (!r.overflow) {
        ImGui::SetCursorScreenPos(ImVec2(r.pos.x, r.pos.y + r.size.y));
        return;
    }
    // The pager row: 上一页 · 第 n/m 页 · 下一页, each page one view high.
    const float view = r.viewH, total = view + maxY;
    const int pages = std::max(1, static_cast<int>(std::ceil((total - 1) / view)));
    const int page =
        scrollY >= maxY - 1
            ? pages
            : std::min(pages - 1, static_cast<int>(std::floor(scrollY / view + 0.01f)) + 1);
    const float h = ui.layout.tapMin * 1.2f, w = std::max(r.size.x * 0.3f, ui.layout.tapMin * 2.5f);
    const float y = r.pos.y + r.viewH + ui.layout.gap;
    auto scrollTo = [&](float target) {
        ImGui::SetScrollY(r.window, std::clamp(target, 0.0f, maxY));
        st.velocity = 0;
    };
    ImGui::SetCursorScreenPos(ImVec2(r.pos.x, y));
    if (button(ui, tr("scroll.previous_page"), ImVec2(w, h),
               page > 1 ? Style::Accent : Style::Quiet) &&
        page > 1)
        scrollTo(static_cast<float>(page - 2) * view);
    const std::string where = tr("scroll.page_prefix") + std::to_string(page) + "/" +
                              std::to_string(pages) + tr("scroll.page_suffix");
    ImFont* font = ui.fonts.body();
    const float tw =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, ui.fonts.text(where).c_str()).x;
    ImGui::SetCursorScreenPos(ImVec2(r.pos.x + (r.size.x - tw) / 2, y + (h - font->FontSize) / 2));
    text(ui, where, font, ui.theme.text, tw + 8);
    ImGui::SetCursorScreenPos(ImVec2(r.pos.x + r.size.x - w, y));
    if (button(ui, tr("scroll.next_page"), ImVec2(w, h),
               page < pages ? Style::Accent : Style::Quiet) &&
        page < pages)
        scrollTo(static_cast<float>(page) * view);
    ImGui::SetCursorScreenPos(ImVec2(r.pos.x, r.pos.y + r.size.y));
}

void beginBody(Ui& ui, const char* id, float reservedBelow, float width) {
    const auto& L = ui.layout;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float bottom = L.size.y - L.pad - reservedBelow;
    beginScroll(
        ui, id,
        ImVec2(width > 0 ? width : L.size.x - 2 * L.pad, std::max(bottom - at.y, L.tapMin)));
}

void scrollToLastItem() {
    const float top = ImGui::GetWindowPos().y, viewH = ImGui::GetWindowHeight();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (max.y > top + viewH)
        ImGui::SetScrollY(ImGui::GetScrollY() + (max.y - (top + viewH)) + 8);
    else if (min.y < top)
        ImGui::SetScrollY(ImGui::GetScrollY() - (top - min.y) - 8);
}

bool scrollAnimating() {
    for (const auto& [key, st] : g_states)
        if (st.dragging || st.velocity != 0) return true;
    return false;
}

bool layoutSettling() {
    return g_unsettledFrame == ImGui::GetFrameCount();
}

void resetScrolling() {
    g_states.clear();
}

}  // namespace kiosk::widgets
