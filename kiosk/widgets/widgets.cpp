#include "kiosk/widgets/widgets.hpp"

#include "kiosk/app/kiosk_model.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "kiosk/app/fonts.hpp"
#include "kiosk/app/navigator.hpp"
#include "kiosk/app/texture_cache.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/strings.hpp"

namespace kiosk::widgets {
namespace {

ImU32 fillFor(const Ui& ui, Style s) {
    switch (s) {
        case Style::Primary:
            return ui.theme.primary;
        case Style::Accent:
            return ui.theme.accent;
        case Style::Selected:
            return ui.theme.accent;
        case Style::Quiet:
            return ui.theme.background;
        case Style::Secondary:
            break;
    }
    return ui.theme.surface;
}

ImU32 inkFor(const Ui& ui, Style s) {
    return s == Style::Primary || s == Style::Accent || s == Style::Selected ? ui.theme.primaryText
                                                                             : ui.theme.text;
}

}  // namespace

namespace {
struct CardState {
    ImVec2 start;
    float width;
};
std::vector<CardState> g_cards;  // UI thread only: cards may nest
}  // namespace

float availWidth() {
    // Inside a card, text wraps at the card's inner edge, not the window's.
    if (!g_cards.empty())
        return g_cards.back().start.x + g_cards.back().width - 28 - ImGui::GetCursorScreenPos().x;
    return ImGui::GetContentRegionAvail().x;
}

void text(Ui& ui, const std::string& s, ImFont* font, ImU32 color, float wrapWidth) {
    const std::string shown = ui.fonts.text(s);
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float wrap = wrapWidth > 0 ? wrapWidth : availWidth();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ui.labels.add(s, pos, ImGui::GetItemRectMax(), false);
}

bool button(Ui& ui, const std::string& label, ImVec2 size, Style style, ImFont* font) {
    const std::string shown = ui.fonts.text(label);
    size.x = std::max(size.x, ui.layout.tapMin);
    size.y = std::max(size.y, ui.layout.tapMin);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(label.c_str());
    const bool pressed = ImGui::InvisibleButton("##b", size);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImU32 fill = fillFor(ui, style);
    if (held) {
        ImVec4 c = ImGui::ColorConvertU32ToFloat4(fill);
        fill = ImGui::GetColorU32(ImVec4(c.x * 0.85f, c.y * 0.85f, c.z * 0.85f, c.w));
    }
    dl->AddRectFilled(pos, max, fill, 14);
    if (style == Style::Secondary || style == Style::Quiet)
        dl->AddRect(pos, max, ui.theme.border, 14, 0, 2);
    if (!font) font = ui.fonts.body();
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, size.x - 24, size.x - 24, shown.c_str());
    dl->AddText(font, font->FontSize,
                ImVec2(pos.x + (size.x - ts.x) / 2, pos.y + (size.y - ts.y) / 2), inkFor(ui, style),
                shown.c_str(), nullptr, size.x - 24);
    ui.labels.add(label, pos, max, true);
    return pressed;
}

bool tile(Ui& ui, const std::string& title, const std::string& subtitle, ImVec2 size, ImU32 band) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(title.c_str());
    const bool pressed = ImGui::InvisibleButton("##tile", size);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(ImVec2(pos.x + 3, pos.y + 5), ImVec2(max.x + 3, max.y + 5),
                      IM_COL32(0, 0, 0, 28), 18);
    dl->AddRectFilled(pos, max, held ? ui.theme.background : ui.theme.surface, 18);
    dl->AddRectFilled(pos, ImVec2(pos.x + 16, max.y), band, 18, ImDrawFlags_RoundCornersLeft);
    ImFont* tf = ui.fonts.title();
    ImFont* bf = ui.fonts.body();
    const float inner = size.x - 64;
    dl->AddText(tf, tf->FontSize, ImVec2(pos.x + 40, pos.y + 28), ui.theme.text,
                ui.fonts.text(title).c_str());
    dl->AddText(bf, bf->FontSize * 0.9f, ImVec2(pos.x + 40, pos.y + 40 + tf->FontSize),
                ui.theme.mutedText, ui.fonts.text(subtitle).c_str(), nullptr, inner);
    ui.labels.add(title, pos, max, true);
    return pressed;
}

void say(Ui& ui, const std::string& s) {
    ui.spoken.add(s);
}

std::string spelledOut(const std::string& code) {
    std::string out;
    for (const char c : code) {
        if (c == '-' || c == ' ') continue;
        if (!out.empty()) out += ' ';
        out += c;
    }
    return out;
}

bool speakerButton(Ui& ui, ImVec2 size) {
    const std::string label = tr("speech.repeat");
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID("##speaker");
    const bool pressed = ImGui::InvisibleButton("##b", size);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, max, held ? ui.theme.primary : ui.theme.accent, 14);
    dl->AddRect(pos, max, ui.theme.primaryText, 14, 0, 3);
    // A loudspeaker with two sound waves, then the word: readable without reading.
    ImFont* font = ui.fonts.body();
    const std::string shown = ui.fonts.text(label);
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, shown.c_str());
    const float icon = std::min(size.y * 0.5f, 48.0f), gap = icon * 0.35f;
    const float x0 = pos.x + (size.x - icon - gap - ts.x) / 2, cy = pos.y + size.y / 2;
    const ImU32 ink = ui.theme.primaryText;
    const float u = icon / 8;
    dl->AddRectFilled(ImVec2(x0, cy - 1.2f * u), ImVec2(x0 + 1.8f * u, cy + 1.2f * u), ink);
    dl->AddTriangleFilled(ImVec2(x0 + 1.4f * u, cy - 1.2f * u),
                          ImVec2(x0 + 4.2f * u, cy - 3.4f * u),
                          ImVec2(x0 + 4.2f * u, cy + 3.4f * u), ink);
    dl->AddTriangleFilled(ImVec2(x0 + 1.4f * u, cy - 1.2f * u),
                          ImVec2(x0 + 4.2f * u, cy + 3.4f * u),
                          ImVec2(x0 + 1.4f * u, cy + 1.2f * u), ink);
    for (int i = 1; i <= 2; ++i) {
        dl->PathArcTo(ImVec2(x0 + 4.4f * u, cy), 1.6f * u * i, -0.9f, 0.9f, 12);
        dl->PathStroke(ink, 0, 0.55f * u);
    }
    dl->AddText(font, font->FontSize, ImVec2(x0 + icon + gap, pos.y + (size.y - ts.y) / 2), ink,
                shown.c_str());
    ui.labels.add(label, pos, max, true);
    return pressed;
}

void header(Ui& ui, const std::string& title) {
    const ImVec2 origin = ImGui::GetWindowPos();
    const float w = ui.layout.size.x, h = ui.layout.headerH;
    const bool speaker = ui.settings.readAloud;
    // Read-aloud mode adds a row: Back, the speaker button and Home above, the title below,
    // so a long title never runs under the buttons.
    const float rowH = speaker ? kHeaderRowH : h;
    // The band runs edge to edge, past the window's inner clip rectangle.
    ImDrawList* band = ImGui::GetWindowDrawList();
    band->PushClipRect(origin, ImVec2(origin.x + w, origin.y + h), false);
    band->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), ui.theme.primary);
    band->PopClipRect();
    const bool home = ui.nav.atHome();
    ImFont* tf = ui.fonts.title();
    const float btnW = std::max(ui.layout.tapMin * 2.2f, 170.0f), btnH = rowH - 36;
    if (!home) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.layout.pad, origin.y + 18));
        auto& g = ui.leave;
        if (button(ui, tr("nav.back"), ImVec2(btnW, btnH), Style::Secondary)) {
            if (g.stepsBackBefore)
                g.backTapped = true;  // the screen goes to its previous step this frame
            else if (g.heldBefore)
                g.asking = app::LeaveGuard::Asking::Back;
            else
                ui.nav.back();
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x + w - ui.layout.pad - btnW, origin.y + 18));
        if (button(ui, tr("nav.home"), ImVec2(btnW, btnH), Style::Secondary)) {
            if (g.heldBefore)
                g.asking = app::LeaveGuard::Asking::Home;
            else
                ui.nav.home();
        }
    }
    if (speaker) {
        const float sw = std::max(ui.layout.tapMin * 2.6f, 220.0f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (w - sw) / 2, origin.y + 18));
        if (speakerButton(ui, ImVec2(sw, btnH))) ui.spoken.repeatRequested = true;
    }
    const std::string shown = ui.fonts.text(title);
    const ImVec2 full = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, shown.c_str());
    // A title wider than the row is drawn smaller rather than under the buttons.
    const float room = w - 2 * ui.layout.pad;
    const float size = full.x > room ? tf->FontSize * room / full.x : tf->FontSize;
    const ImVec2 ts(full.x * size / tf->FontSize, full.y * size / tf->FontSize);
    const float top = speaker ? rowH - 12 : 0, bandH = h - top;
    const ImVec2 tp(origin.x + (w - ts.x) / 2, origin.y + top + (bandH - ts.y) / 2);
    ImGui::GetWindowDrawList()->AddText(tf, size, tp, ui.theme.primaryText, shown.c_str());
    ui.labels.add(title, tp, ImVec2(tp.x + ts.x, tp.y + ts.y), false);
    ui.spoken.add(title);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.layout.pad, origin.y + h + ui.layout.pad));
    if (speaker && !ui.spoken.available)
        text(ui, tr("speech.unavailable"), ui.fonts.body(), ui.theme.danger, room);
}

void textField(Ui& ui, const char* id, std::string& value, std::size_t maxChars, ImVec2 size,
               bool multiline, const std::string& hint, bool focusWhenFree) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    if (ImGui::InvisibleButton("##field", size) || (focusWhenFree && !ui.focus.target))
        ui.focus = {&value, maxChars};
    ImGui::PopID();
    const bool focused = ui.focus.target == &value;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, max, ui.theme.surface, 10);
    dl->AddRect(pos, max, focused ? ui.theme.accent : ui.theme.border, 10, 0,
                focused ? 4.0f : 2.0f);
    ui.labels.add(id, pos, max, true);
    ImFont* font = ui.fonts.body();
    const float pad = 18, wrap = size.x - 2 * pad;
    const ImVec2 tp(pos.x + pad, pos.y + pad);
    dl->PushClipRect(pos, max, true);
    if (value.empty()) {
        dl->AddText(font, font->FontSize, tp, ui.theme.mutedText, ui.fonts.text(hint).c_str(),
                    nullptr, wrap);
        ui.labels.add(hint, tp, max, false);
    }
    const std::string shown = ui.fonts.text(value);
    if (!value.empty()) {
        // Multi-line fields keep the end of the text in view as it grows.
        const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, shown.c_str());
        const float overflow = std::max(0.0f, ts.y - (size.y - 2 * pad));
        const ImVec2 at(tp.x, tp.y - (multiline ? overflow : 0));
        dl->AddText(font, font->FontSize, at, ui.theme.text, shown.c_str(), nullptr, wrap);
        ui.labels.add(value, tp, max, false);
    }
    if (focused && static_cast<int>(ImGui::GetTime() * 2) % 2 == 0) {
        // Caret after the last character: find where the last wrapped line starts.
        const char* b = shown.c_str();
        const char* e = b + shown.size();
        const char* line = b;
        for (const char* next;
             (next = font->CalcWordWrapPositionA(1.0f, line, e, wrap)) < e && next > line;)
            line = next;
        const float lineH = font->FontSize;
        const float all = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, b).y;
        const float x = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line, e).x;
        const float y = std::max(0.0f, std::min(all, size.y - 2 * pad) - lineH);
        dl->AddRectFilled(ImVec2(tp.x + x + 2, tp.y + y), ImVec2(tp.x + x + 5, tp.y + y + lineH),
                          ui.theme.accent);
    }
    dl->PopClipRect();
    const std::string counter =
        std::to_string(domain::codePointCount(value)) + "/" + std::to_string(maxChars);
    text(ui, counter, ui.fonts.body(), ui.theme.mutedText);
}

void beginCard(Ui& ui, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    g_cards.push_back({ImGui::GetCursorScreenPos(), width});
    ImGui::SetCursorScreenPos(ImVec2(g_cards.back().start.x + 28, g_cards.back().start.y + 24));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 56);
    (void)ui;
}

void endCard(Ui& ui) {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const CardState c = g_cards.back();
    g_cards.pop_back();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bottom = ImGui::GetItemRectMax().y + 24;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(c.start, ImVec2(c.start.x + c.width, bottom), ui.theme.surface, 16);
    dl->AddRect(c.start, ImVec2(c.start.x + c.width, bottom), ui.theme.border, 16, 0, 1.5f);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(c.start.x, bottom));
    ImGui::Dummy(ImVec2(c.width, 0));
}

void qrCode(const std::string& text, float side) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(6).setMargin(0);  // 6 ≈ level Q
    const ZXing::BitMatrix m = writer.encode(text, 0, 0);
    const int n = m.width();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float quiet = side * 0.08f, cell = (side - 2 * quiet) / static_cast<float>(n);
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32_WHITE);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (m.get(x, y))
                dl->AddRectFilled(
                    ImVec2(p.x + quiet + x * cell, p.y + quiet + y * cell),
                    ImVec2(p.x + quiet + (x + 1) * cell, p.y + quiet + (y + 1) * cell),
                    IM_COL32_BLACK);
    ImGui::Dummy(ImVec2(side, side));
}

std::string syncStateText(const app::KioskModel& m) {
    if (!m.sync.enrolled)
        return m.pendingUploads == 0
                   ? tr("home.sync_all_sent")
                   : tr("home.sync_pending_prefix") + std::to_string(m.pendingUploads) +
                         tr("home.sync_pending_suffix") + tr("sync.not_enrolled");
    std::string s = m.pendingUploads == 0
                        ? tr("home.sync_all_sent")
                        : tr("home.sync_pending_prefix") + std::to_string(m.pendingUploads) +
                              tr("home.sync_pending_suffix");
    if (!m.sync.lastError.empty()) return s + tr("sync.reason." + m.sync.lastError);
    if (m.sync.lastSuccessMs > 0)
        s += tr("sync.last_success_prefix") + dateShort(m.sync.lastSuccessMs, m.offset()) + " " +
             timeOfDay(m.sync.lastSuccessMs, m.offset()) + tr("sync.last_success_suffix");
    return s;
}

std::string dateLong(long long t, int offset) {
    const auto l = domain::toLocal(t, offset);
    return std::to_string(l.date.year) + tr("date.year") + std::to_string(l.date.month) +
           tr("date.month") + std::to_string(l.date.day) + tr("date.day");
}

std::string weekdayName(long long t, int offset) {
    return tr("date.weekday." + std::to_string(domain::weekday(domain::toLocal(t, offset).date)));
}

std::string dateShort(long long t, int offset) {
    const auto l = domain::toLocal(t, offset);
    return std::to_string(l.date.month) + tr("date.month") + std::to_string(l.date.day) +
           tr("date.day") + " " + weekdayName(t, offset);
}

std::string timeOfDay(long long t, int offset) {
    return domain::formatTimeOfDay(domain::toLocal(t, offset).minuteOfDay);
}

void deputyPhoto(Ui& ui, const domain::Deputy& d, ImVec2 size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const app::Texture* tex =
        d.photo.empty() ? nullptr : &ui.textures.get("deputy:" + d.id, d.photo);
    if (tex && tex->id == 0) {
        // Decoded in a later frame (one a frame) or undecodable: the frame of the photo only.
        dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui.theme.background, 10);
    } else if (!tex) {
        dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui.theme.background, 10);
        const std::string none = tr("deputies.no_photo");
        dl->AddText(ui.fonts.body(), ui.fonts.body()->FontSize * 0.8f,
                    ImVec2(p.x + 12, p.y + size.y / 2 - 14), ui.theme.mutedText, none.c_str(),
                    nullptr, size.x - 24);
        ui.labels.add(none, p, ImVec2(p.x + size.x, p.y + size.y), false);
    } else {
        dl->AddImageRounded(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex->id)), p,
                            ImVec2(p.x + size.x, p.y + size.y), ImVec2(0, 0), ImVec2(1, 1),
                            IM_COL32_WHITE, 10);
    }
    ImGui::Dummy(size);
}

std::string levelName(domain::Level l) {
    return tr("level." + std::string(domain::levelId(l)));
}

}  // namespace kiosk::widgets
