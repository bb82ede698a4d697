// Deputies: the directory by level, showing only what each deputy's disclosure allows (seed 002
// §5), and a detail card with their upcoming reception days.
#include <cfloat>

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
using widgets::Style;

class DeputiesScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Deputies; }
    void reset() override {
        m_level.reset();
        m_selected.clear();
    }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        widgets::header(ui, tr("deputies.title"));
        widgets::say(ui, tr("home.tile.deputies_sub"));
        const float width = L.size.x - 2 * L.pad;
        if (const auto* d = ui.model.deputy(m_selected)) return detail(ui, *d, width);
        // Level filter.
        const float fw = (width - 5 * L.gap / 2) / 6;
        if (widgets::button(ui, tr("deputies.all"), ImVec2(fw, L.tapMin),
                            m_level ? Style::Secondary : Style::Selected))
            m_level.reset();
        for (auto l : domain::allLevels()) {
            ImGui::SameLine(0, L.gap / 2);
            const std::string name = tr("level_short." + std::string(domain::levelId(l)));
            if (widgets::button(ui, name, ImVec2(fw, L.tapMin),
                                m_level == l ? Style::Selected : Style::Secondary))
                m_level = l;
        }
        const int cols = L.landscape ? 3 : 2;
        const float cw = (width - L.gap * (cols - 1)) / cols, ch = 230;
        widgets::beginBody(ui, "##deputies");
        int i = 0;
        for (const auto& d : ui.model.deputies) {
            if (m_level && d.level != *m_level) continue;
            if (i % cols) ImGui::SameLine(0, L.gap);
            ++i;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            // A real station has ~60 deputies: only the cards in view are drawn (and decoded).
            if (!ImGui::IsRectVisible(p, ImVec2(p.x + cw, p.y + ch))) {
                ImGui::Dummy(ImVec2(cw, ch));
                continue;
            }
            // One group the size of the card, as the Dummy above: the items placed inside
            // must not make the list taller when the card is drawn than when it is skipped,
            // or the pager's page changes as one scrolls.
            ImGui::BeginGroup();
            card(ui, d, p, cw, ch);
            ImGui::EndGroup();
        }
        if (i == 0)
            widgets::text(ui, tr("deputies.none"), ui.fonts.body(), ui.theme.mutedText, width);
        widgets::endScroll(ui);
    }

private:
    // Content first, then the card-sized button as the last item so SameLine lays out cards.
    void card(Ui& ui, const domain::Deputy& d, ImVec2 p, float cw, float ch) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + cw, p.y + ch), ui.theme.surface, 16);
        dl->AddRect(p, ImVec2(p.x + cw, p.y + ch), ui.theme.border, 16, 0, 1.5f);
        ImGui::SetCursorScreenPos(ImVec2(p.x + 16, p.y + 16));
        widgets::deputyPhoto(ui, d, ImVec2(158, 198));
        const float tx = p.x + 196, tw = cw - 212;
        ImGui::SetCursorScreenPos(ImVec2(tx, p.y + 20));
        const std::string name = d.name.empty() ? tr("deputies.name_hidden") : d.name;
        widgets::text(ui, name, ui.fonts.title(), ui.theme.text, tw);
        ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y - 6));
        widgets::text(ui, widgets::levelName(d.level), ui.fonts.body(), ui.theme.primary, tw);
        const float below = ImGui::GetCursorScreenPos().y + ui.fonts.body()->FontSize;
        if (!d.workUnit.empty() && below < p.y + ch - 8) {
            // At most what fits the card (the detail page has the whole work unit), drawn
            // without a layout item: a long one must not make the list taller when its card is
            // in view than when it is not, or the pager's page count changes as one scrolls.
            const ImVec2 at(tx, ImGui::GetCursorScreenPos().y - 6);
            const float bottom = p.y + ch - 12;
            ImFont* font = ui.fonts.body();
            const std::string shown = ui.fonts.text(d.workUnit);
            const ImVec4 clip(tx, p.y, tx + tw, bottom);
            dl->AddText(font, font->FontSize, at, ui.theme.mutedText, shown.c_str(), nullptr, tw,
                        &clip);
            const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, tw, shown.c_str());
            ui.labels.add(d.workUnit, at,
                          ImVec2(at.x + std::min(size.x, tw), std::min(at.y + size.y, bottom)),
                          false);
        }
        ImGui::SetCursorScreenPos(p);
        ImGui::PushID(d.id.c_str());
        if (ImGui::InvisibleButton("##card", ImVec2(cw, ch))) m_selected = d.id;
        ImGui::PopID();
        ui.labels.add(name, p, ImVec2(p.x + cw, p.y + ch), true);
    }

    void detail(Ui& ui, const domain::Deputy& d, float width) {
        const auto& L = ui.layout;
        const float backH = L.tapMin * 1.2f;
        widgets::beginBody(ui, ("##deputy-" + d.id).c_str(), backH + L.gap);
        widgets::beginCard(ui, width);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        widgets::deputyPhoto(ui, d, ImVec2(240, 300));
        ImGui::SetCursorScreenPos(ImVec2(top.x + 270, top.y));
        ImGui::BeginGroup();
        const float tw = width - 330;
        widgets::text(ui, d.name.empty() ? tr("deputies.name_hidden") : d.name, ui.fonts.title(),
                      ui.theme.text, tw);
        widgets::text(ui, widgets::levelName(d.level), ui.fonts.body(), ui.theme.primary, tw);
        widgets::say(ui, (d.name.empty() ? tr("deputies.name_hidden") : d.name) + "，" +
                             widgets::levelName(d.level));
        if (!d.workUnit.empty())
            widgets::text(ui, tr("deputies.work_unit") + d.workUnit, ui.fonts.body(), ui.theme.text,
                          tw);
        if (!d.phone.empty())
            widgets::text(ui, tr("deputies.phone") + d.phone, ui.fonts.body(), ui.theme.text, tw);
        if (d.level != domain::Level::County && d.level != domain::Level::Township)
            widgets::text(ui, tr("deputies.disclosure_note"), ui.fonts.body(), ui.theme.mutedText,
                          tw);
        ImGui::EndGroup();
        widgets::endCard(ui);
        widgets::text(ui, tr("deputies.upcoming"), ui.fonts.body(), ui.theme.text, width);
        int shown = 0;
        const auto today = domain::toLocal(ui.model.now, ui.model.offset()).date;
        for (const auto& s : ui.model.slots) {
            if (s.date < today || shown == 8) continue;
            if (std::find(s.plannedDeputies.begin(), s.plannedDeputies.end(), d.id) ==
                s.plannedDeputies.end())
                continue;
            const long long t = domain::fromLocal(s.date, s.startMinute, ui.model.offset());
            widgets::text(ui,
                          "● " + widgets::dateShort(t, ui.model.offset()) + " " +
                              domain::formatTimeOfDay(s.startMinute) + "　" +
                              tr("slot_kind." + std::string(domain::slotKindId(s.kind))) + "　" +
                              s.place,
                          ui.fonts.body(), ui.theme.mutedText, width);
            ++shown;
        }
        if (shown == 0)
            widgets::text(ui, tr("deputies.no_upcoming"), ui.fonts.body(), ui.theme.mutedText,
                          width);
        widgets::endScroll(ui);
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - backH));
        if (widgets::button(ui, tr("deputies.back_to_list"), ImVec2(width, backH)))
            m_selected.clear();
    }

    std::optional<domain::Level> m_level;
    std::string m_selected;
};

}  // namespace

std::unique_ptr<Screen> makeDeputiesScreen() {
    return std::make_unique<DeputiesScreen>();
}

}  // namespace kiosk::screens
