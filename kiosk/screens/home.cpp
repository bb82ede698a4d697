// Home: station, date and time, upload state, deputies on duty with photos, the next reception
// day, and big tiles for everything a visitor can do.
#include <algorithm>
#include <cfloat>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/app/texture_cache.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;
using widgets::Style;

void dutyCard(Ui& ui, const domain::DutyEntry& e, ImVec2 size) {
    const domain::Deputy* d = ui.model.deputy(e.deputyId);
    if (!d) return;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui.theme.surface, 16);
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), ui.theme.border, 16, 0, 1.5f);
    const float photoH = size.y - 32, photoW = photoH * 0.8f;
    ImGui::SetCursorScreenPos(ImVec2(p.x + 16, p.y + 16));
    widgets::deputyPhoto(ui, *d, ImVec2(photoW, photoH));
    const float tx = p.x + 16 + photoW + 20, tw = size.x - photoW - 52;
    ImGui::SetCursorScreenPos(ImVec2(tx, p.y + 18));
    widgets::text(ui, d->name, ui.fonts.title(), ui.theme.text, tw);
    ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y - 8));
    widgets::text(ui, widgets::levelName(d->level), ui.fonts.body(), ui.theme.mutedText, tw);
    ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y - 8));
    const bool in = e.state == domain::DutyState::CheckedIn;
    widgets::text(ui,
                  in ? tr("home.checked_in") + " " + widgets::timeOfDay(e.since, ui.model.offset())
                     : tr("home.expected"),
                  ui.fonts.body(), in ? ui.theme.ok : ui.theme.accent, tw);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + size.y));
    ImGui::Dummy(ImVec2(size.x, 0));
}

class HomeScreen final : public Screen {
public:
    app::ScreenId id() const override { return ScreenId::Home; }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        const auto& m = ui.model;
        widgets::header(ui, m.station.name.empty() ? tr("app.title") : m.station.name);
        widgets::say(ui, tr("home.speech_hint"));
        const float full = L.size.x - 2 * L.pad;
        // Everything scrolls if it must (large text in landscape); the layout below keeps the
        // tiles in view without scrolling wherever it can.
        widgets::beginBody(ui, "##home");
        const std::string now = widgets::dateLong(m.now, m.offset()) + "  " +
                                widgets::weekdayName(m.now, m.offset()) + "  " +
                                widgets::timeOfDay(m.now, m.offset());
        widgets::text(ui, now, ui.fonts.title(), ui.theme.text, full);
        widgets::text(ui, widgets::syncStateText(m), ui.fonts.body(),
                      m.sync.lastError.empty() ? ui.theme.mutedText : ui.theme.accent, full);

        const float colW = L.landscape ? full * 0.42f : full;
        const ImVec2 colStart = ImGui::GetCursorScreenPos();
        // The newest announcement heads the duty column: in landscape the tiles' column has no
        // room to spare in large text, the duty list gives up a row instead.
        if (!m.announcements.empty()) announcementBanner(ui, colW);
        // The tiles are what a visitor came for: in portrait the duty list gets only the room
        // the tiles leave (their height is the one measured last frame), so a large display
        // scale or a short screen never pushes them off.
        // The body's bottom without the pager row, so the layout does not depend on it.
        const float screenBottom = L.size.y - L.pad - ImGui::GetScrollY();
        const float tilesTop = L.landscape ? colStart.y : screenBottom - m_tilesH;
        // In landscape the hotline goes under the duty list: the tiles' column is the tall one.
        const std::string hotline =
            m.station.hotline.empty() ? std::string() : tr("home.hotline") + m.station.hotline;
        const float hotlineH = L.landscape && !hotline.empty()
                                   ? ui.fonts.body()->FontSize + ImGui::GetStyle().ItemSpacing.y
                                   : 0.0f;
        drawDuty(ui, colW, L.landscape ? screenBottom - hotlineH : tilesTop - L.gap);
        if (hotlineH > 0) {
            ImGui::SetCursorScreenPos(ImVec2(colStart.x, ImGui::GetCursorScreenPos().y));
            widgets::text(ui, hotline, ui.fonts.body(), ui.theme.mutedText, colW);
        }
        if (L.landscape)
            ImGui::SetCursorScreenPos(ImVec2(colStart.x + colW + L.gap * 2, colStart.y));
        else  // right below the duty list, which was kept short enough for the tiles to fit
            ImGui::SetCursorScreenPos(ImVec2(colStart.x, ImGui::GetCursorScreenPos().y));
        const float top = ImGui::GetCursorScreenPos().y;
        // Landscape with large text: the tiles give up height (down to what their words need)
        // rather than push 工作人员 and 大字模式 below the edge. Their natural height is last
        // frame's plus what was taken off then, so the choice is stable from frame to frame.
        const float natural = m_tilesH + 3 * m_tileShrink;
        m_tileShrink = L.landscape ? std::max(0.0f, (natural - (screenBottom - top)) / 3) : 0;
        drawTiles(ui, L.landscape ? full - colW - L.gap * 2 : full);
        m_tilesH = ImGui::GetCursorScreenPos().y - top;
        widgets::endScroll(ui);
    }

private:
    // The newest announcement's title on an accent band; a tap opens the list of all of them.
    static void announcementBanner(Ui& ui, float width) {
        const auto& m = ui.model;
        const std::string line = tr("home.announcement_prefix") + m.announcements.front().title;
        const std::string open =
            m.announcements.size() > 1
                ? tr("home.announcement_all_prefix") + std::to_string(m.announcements.size()) +
                      tr("home.announcement_all_suffix")
                : tr("home.announcement_open");
        ImFont* font = ui.fonts.body();
        const float padX = 28, padY = 18, gap = 24;
        const float openW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, open.c_str()).x;
        const float textW = width - 2 * padX - openW - gap;
        const std::string shown = ui.fonts.text(line);
        const ImVec2 textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, textW, shown.c_str());
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 size(width, std::max(ui.layout.tapMin, textSize.y + 2 * padY));
        const bool pressed = ImGui::InvisibleButton("##announcement", size);
        const bool held = ImGui::IsItemActive();
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, max, held ? ui.theme.surface : ui.theme.background, 16);
        dl->AddRect(pos, max, ui.theme.accent, 16, 0, 3.0f);
        dl->AddRectFilled(pos, ImVec2(pos.x + 14, max.y), ui.theme.accent, 16,
                          ImDrawFlags_RoundCornersLeft);
        dl->AddText(font, font->FontSize, ImVec2(pos.x + padX, pos.y + (size.y - textSize.y) / 2),
                    ui.theme.text, shown.c_str(), nullptr, textW);
        dl->AddText(font, font->FontSize,
                    ImVec2(max.x - padX - openW, pos.y + (size.y - font->FontSize) / 2),
                    ui.theme.primary, open.c_str());
        ui.labels.add(line, pos, max, true);
        widgets::say(ui, line);
        if (pressed) ui.nav.push(ScreenId::Announcements);
    }

    float m_tilesH = 760;      // the tiles' height in the last frame (first frame: an estimate)
    float m_receptionH = 200;  // the reception card's, likewise
    float m_tileShrink = 0;    // taken off each tile row to fit (landscape, large text)

    void drawDuty(Ui& ui, float width, float maxY) {
        const auto& L = ui.layout;
        const auto& m = ui.model;
        const float x0 = ImGui::GetCursorScreenPos().x;
        widgets::text(ui, tr("home.on_duty"), ui.fonts.title(), ui.theme.primary, width);
        if (m.onDuty.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            widgets::text(ui, tr("home.nobody_on_duty"), ui.fonts.body(), ui.theme.mutedText,
                          width);
        }
        const int perRow = width >= 880 ? 2 : 1;  // a card needs ~430 units for photo and name
        const float cardW = (width - L.gap * (perRow - 1)) / perRow;
        // Tall enough for the name, the level and the state line in the current fonts.
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        const float cardH =
            std::max(L.size.y < 1600 ? 170.0f : 210.0f,
                     ui.fonts.title()->FontSize + 2 * ui.fonts.body()->FontSize + 3 * spacing + 30);
        // The reception card as tall as it was last frame (it grows with large text), and a
        // line for "另有 n 位" when not every deputy gets a card.
        const float receptionH = m.nextReception ? m_receptionH : 0.0f;
        const float rowH = cardH + ImGui::GetStyle().ItemSpacing.y;
        const float lineH = ui.fonts.body()->FontSize + ImGui::GetStyle().ItemSpacing.y + 8;
        const float room = maxY - ImGui::GetCursorScreenPos().y - receptionH;
        int rows = std::clamp(static_cast<int>(room / rowH), 0, 2);
        while (rows > 0 && static_cast<int>(m.onDuty.size()) > rows * perRow &&
               rows * rowH + lineH > room)
            --rows;
        const int capacity = rows * perRow;
        int shown = 0;
        for (const auto& e : m.onDuty) {
            if (shown == capacity) break;
            if (shown % perRow)
                ImGui::SameLine(0, L.gap);
            else
                ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            ImGui::BeginGroup();
            dutyCard(ui, e, ImVec2(cardW, cardH));
            ImGui::EndGroup();
            ++shown;
        }
        if (static_cast<int>(m.onDuty.size()) > shown) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            widgets::text(ui,
                          tr(shown ? "home.more_on_duty_prefix" : "home.on_duty_count_prefix") +
                              std::to_string(m.onDuty.size() - static_cast<std::size_t>(shown)) +
                              tr("home.more_on_duty_suffix"),
                          ui.fonts.body(), ui.theme.mutedText, width);
        }
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 8));
        if (m.nextReception && ImGui::GetCursorScreenPos().y + receptionH <= maxY) {
            const auto& s = *m.nextReception;
            std::string names;
            for (const auto& id : s.plannedDeputies)
                if (const auto* d = ui.model.deputy(id); d && !d->name.empty())
                    names += (names.empty() ? "" : "、") + d->name;
            const long long start = domain::fromLocal(s.date, s.startMinute, m.offset());
            const float cardTop = ImGui::GetCursorScreenPos().y;
            widgets::beginCard(ui, width);
            const bool today = s.date == domain::toLocal(m.now, m.offset()).date;
            widgets::text(ui, tr(today ? "home.today_reception" : "home.next_reception"),
                          ui.fonts.body(), ui.theme.primary);
            widgets::text(ui,
                          widgets::dateShort(start, m.offset()) + "  " +
                              domain::formatTimeOfDay(s.startMinute) + "–" +
                              domain::formatTimeOfDay(s.endMinute),
                          ui.fonts.title(), ui.theme.text);
            widgets::text(
                ui, s.place + (names.empty() ? "" : "　" + tr("home.deputies_prefix") + names),
                ui.fonts.body(), ui.theme.mutedText);
            widgets::endCard(ui);
            m_receptionH =
                ImGui::GetCursorScreenPos().y - cardTop + ImGui::GetStyle().ItemSpacing.y;
        }
    }

    void drawTiles(Ui& ui, float width) {
        const auto& L = ui.layout;
        const float x0 = ImGui::GetCursorScreenPos().x;
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 8));
        const bool compact = L.size.y < 1600;
        // A tile needs its title, its subtitle and a margin; never less.
        const float least = ui.fonts.title()->FontSize + ui.fonts.body()->FontSize + 48;
        auto height = [&](float natural) { return std::max(least, natural - m_tileShrink); };
        if (widgets::tile(ui, tr("home.tile.submit"), tr("home.tile.submit_sub"),
                          ImVec2(width, height(compact ? 160.0f : 190.0f)), ui.theme.primary))
            ui.nav.push(ScreenId::Submit);
        struct Tile {
            const char* key;
            ScreenId target;
            ImU32 band;
        };
        const Tile tiles[] = {{"track", ScreenId::Track, ui.theme.accent},
                              {"deputies", ScreenId::Deputies, ui.theme.ok},
                              {"schedule", ScreenId::Schedule, ui.theme.accent},
                              {"results", ScreenId::Results, ui.theme.ok}};
        const float tileW = (width - L.gap) / 2, tileH = height(compact ? 160.0f : 180.0f);
        int i = 0;
        for (const auto& t : tiles) {
            if (i % 2)
                ImGui::SameLine(0, L.gap);
            else
                ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + (i ? 0 : 4)));
            const std::string k = std::string("home.tile.") + t.key;
            if (widgets::tile(ui, tr(k), tr(k + "_sub"), ImVec2(tileW, tileH), t.band))
                ui.nav.push(t.target);
            ++i;
        }
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 8));
        // Big text and read-aloud are two switches: a visitor who sees well but reads poorly
        // wants only the voice. Both last for the whole visit (until 完成 or the idle reset).
        const float quarter = (width - 3 * L.gap) / 4, h = L.tapMin * (L.landscape ? 1.2f : 1.4f);
        if (widgets::button(ui, tr("home.tile.signin"), ImVec2(quarter, h), Style::Primary))
            ui.nav.push(ScreenId::Scan);
        ImGui::SameLine(0, L.gap);
        // A switch shows what a tap will do: 大字模式 when off, 标准字体 when on.
        auto toggle = [&](bool& on, const char* turnOn, const char* turnOff) {
            if (widgets::button(ui, tr(on ? turnOff : turnOn), ImVec2(quarter, h),
                                on ? Style::Selected : Style::Accent))
                on = !on;
        };
        toggle(ui.settings.largeText, "home.large_text_on", "home.large_text_off");
        ImGui::SameLine(0, L.gap);
        toggle(ui.settings.readAloud, "home.read_aloud_on", "home.read_aloud_off");
        ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("home.staff"), ImVec2(quarter, h), Style::Quiet))
            ui.nav.push(ScreenId::Staff);
        if (!L.landscape && !ui.model.station.hotline.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            widgets::text(ui, tr("home.hotline") + ui.model.station.hotline, ui.fonts.body(),
                          ui.theme.mutedText, width);
        }
    }
};

}  // namespace

std::unique_ptr<Screen> makeHomeScreen() {
    return std::make_unique<HomeScreen>();
}

}  // namespace kiosk::screens
