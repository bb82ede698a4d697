// Schedule: a month calendar of reception days and activities (seed 002 §6: announced time,
// place and deputies), with the chosen day's plan below.
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;
using domain::LocalDate;
using widgets::Style;

class ScheduleScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Schedule; }
    void reset() override { m_day.reset(); }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        const auto& m = ui.model;
        widgets::header(ui, tr("schedule.title"));
        widgets::say(ui, tr("home.tile.schedule_sub"));
        const float width = L.size.x - 2 * L.pad;
        const LocalDate today = domain::toLocal(m.now, m.offset()).date;
        if (!m_day) m_day = today;
        LocalDate& day = *m_day;

        const float nav = width / 4;
        if (widgets::button(ui, tr("schedule.prev_month"), ImVec2(nav, L.tapMin)))
            day = shiftMonth(day, -1);
        ImGui::SameLine(0, 0);
        const std::string month = std::to_string(day.year) + tr("date.year") +
                                  std::to_string(day.month) + tr("date.month");
        const float mw = ui.fonts.title()
                             ->CalcTextSizeA(ui.fonts.title()->FontSize, FLT_MAX, 0, month.c_str())
                             .x;
        ImGui::SetCursorPosX(L.pad + (width - mw) / 2);
        widgets::text(ui, month, ui.fonts.title(), ui.theme.text, mw + 4);
        ImGui::SameLine(0, 0);
        ImGui::SetCursorPosX(L.pad + width - nav);
        if (widgets::button(ui, tr("schedule.next_month"), ImVec2(nav, L.tapMin)))
            day = shiftMonth(day, 1);

        const auto slots = domain::slotsInMonth(m.slots, day.year, day.month);
        const bool compact = L.landscape;
        const float cell = (compact ? width * 0.55f : width) / 7, cellH = compact ? 92.0f : 120.0f;
        const ImVec2 grid = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        for (int i = 0; i < 7; ++i)
            dl->AddText(ui.fonts.body(), ui.fonts.body()->FontSize,
                        ImVec2(grid.x + i * cell + cell / 2 - 16, grid.y), ui.theme.mutedText,
                        tr("date.weekday_short." + std::to_string(i)).c_str());
        const float top = grid.y + ui.fonts.body()->FontSize + 12;
        const int first = domain::weekday({day.year, day.month, 1});
        const int days = domain::daysInMonth(day.year, day.month);
        for (int d = 1; d <= days; ++d) {
            const int idx = first + d - 1;
            const ImVec2 p(grid.x + (idx % 7) * cell, top + (idx / 7) * cellH);
            const LocalDate date{day.year, day.month, d};
            ImGui::SetCursorScreenPos(p);
            ImGui::PushID(d);
            if (ImGui::InvisibleButton("##day", ImVec2(cell - 4, cellH - 4))) day = date;
            ImGui::PopID();
            int count = 0;
            bool reception = false;
            for (const auto& s : slots)
                if (s.date == date) {
                    ++count;
                    reception |= s.kind == domain::SlotKind::ReceptionDay;
                }
            const bool chosen = date == day, isToday = date == today;
            dl->AddRectFilled(p, ImVec2(p.x + cell - 4, p.y + cellH - 4),
                              chosen  ? ui.theme.accent
                              : count ? ui.theme.surface
                                      : ui.theme.background,
                              10);
            if (isToday)
                dl->AddRect(p, ImVec2(p.x + cell - 4, p.y + cellH - 4), ui.theme.primary, 10, 0, 4);
            const std::string num = std::to_string(d);
            dl->AddText(ui.fonts.title(), ui.fonts.title()->FontSize * 0.8f,
                        ImVec2(p.x + 10, p.y + 6), chosen ? ui.theme.primaryText : ui.theme.text,
                        num.c_str());
            if (count) {
                const std::string tag =
                    tr(reception ? "schedule.tag_reception" : "schedule.tag_activity");
                dl->AddText(
                    ui.fonts.body(), ui.fonts.body()->FontSize * 0.7f,
                    ImVec2(p.x + 10, p.y + cellH - 40),
                    chosen ? ui.theme.primaryText : (reception ? ui.theme.primary : ui.theme.ok),
                    tag.c_str());
            }
            ui.labels.add(num, p, ImVec2(p.x + cell - 4, p.y + cellH - 4), true);
        }
        const int rows = (first + days + 6) / 7;
        const float below = top + rows * cellH + L.gap;
        if (compact)
            ImGui::SetCursorScreenPos(ImVec2(grid.x + width * 0.55f + L.gap * 2, grid.y));
        else
            ImGui::SetCursorScreenPos(ImVec2(grid.x, below));
        const float listW = compact ? width * 0.45f - L.gap * 2 : width;
        // The day's list scrolls in the room beside (landscape) or below (portrait) the month.
        const float listTop = ImGui::GetCursorScreenPos().y;
        widgets::beginScroll(ui, "##day",
                             ImVec2(listW, std::max(L.size.y - L.pad - listTop, L.tapMin * 2)));
        const long long dayStart = domain::fromLocal(day, 0, m.offset());
        widgets::text(ui, widgets::dateShort(dayStart, m.offset()), ui.fonts.title(), ui.theme.text,
                      listW);
        bool any = false;
        for (const auto& s : slots) {
            if (s.date != day) continue;
            any = true;
            std::string names;
            for (const auto& id : s.plannedDeputies)
                if (const auto* dep = m.deputy(id); dep && !dep->name.empty())
                    names += (names.empty() ? "" : "、") + dep->name;
            widgets::beginCard(ui, listW);
            widgets::text(ui,
                          domain::formatTimeOfDay(s.startMinute) + "–" +
                              domain::formatTimeOfDay(s.endMinute) + "　" +
                              tr("slot_kind." + std::string(domain::slotKindId(s.kind))),
                          ui.fonts.body(), ui.theme.primary);
            widgets::text(ui, tr("schedule.place") + s.place, ui.fonts.body(), ui.theme.text);
            if (!names.empty())
                widgets::text(ui, tr("schedule.deputies") + names, ui.fonts.body(), ui.theme.text);
            if (!s.note.empty()) widgets::text(ui, s.note, ui.fonts.body(), ui.theme.mutedText);
            widgets::endCard(ui);
        }
        if (!any)
            widgets::text(ui, tr("schedule.nothing"), ui.fonts.body(), ui.theme.mutedText, listW);
        widgets::endScroll(ui);
    }

private:
    static LocalDate shiftMonth(LocalDate d, int n) {
        int idx = d.year * 12 + d.month - 1 + n;
        return {idx / 12, idx % 12 + 1, 1};
    }
    std::optional<LocalDate> m_day;
};

}  // namespace

std::unique_ptr<Screen> makeScheduleScreen() {
    return std::make_unique<ScheduleScreen>();
}

}  // namespace kiosk::screens
