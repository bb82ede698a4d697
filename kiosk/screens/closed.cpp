// Closed: what an idle kiosk shows outside the station's opening hours. Calm and dark (the
// display may blank after a while), it says when the station is open and how to reach it, and
// any tap brings Home back: a citizen can always still leave a concern.
#include <algorithm>

#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/app/navigator.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;

// Low light, enough contrast to read (light grey on near-black is > 10:1).
app::Theme calmTheme(const app::Theme& base) {
    app::Theme t = base;
    t.background = IM_COL32(14, 20, 28, 255);
    t.surface = IM_COL32(26, 34, 44, 255);
    t.text = IM_COL32(222, 228, 235, 255);
    t.mutedText = IM_COL32(150, 162, 175, 255);
    t.border = IM_COL32(70, 82, 96, 255);
    t.primary = IM_COL32(44, 70, 100, 255);
    t.primaryText = IM_COL32(235, 240, 246, 255);
    return t;
}

class ClosedScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Closed; }

    void draw(Ui& base) override {
        const app::Theme theme = calmTheme(base.theme);
        Ui ui{base.model,   base.controller, base.nav,   base.fonts,    base.textures,
              base.scanner, base.labels,     base.focus, base.settings, base.layout,
              theme,        base.spoken,     base.marks, base.leave};
        const auto& L = ui.layout;
        const auto& m = ui.model;
        ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), L.size, theme.background);
        const float width = std::min(L.size.x - 2 * L.pad, 900.0f);
        const float x = (L.size.x - width) / 2;
        auto line = [&](const std::string& s, ImFont* font, ImU32 color, float gapAfter) {
            ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
            widgets::text(ui, s, font, color, width);
            ImGui::Dummy(ImVec2(0, gapAfter));
        };
        ImGui::SetCursorScreenPos(ImVec2(x, L.size.y * (L.landscape ? 0.14f : 0.22f)));
        line(m.station.name.empty() ? tr("app.title") : m.station.name, ui.fonts.body(),
             theme.mutedText, 8);
        line(widgets::dateLong(m.now, m.offset()) + "  " + widgets::weekdayName(m.now, m.offset()) +
                 "  " + widgets::timeOfDay(m.now, m.offset()),
             ui.fonts.body(), theme.mutedText, 40);
        line(tr("closed.title"), ui.fonts.title(), theme.text, 24);
        widgets::say(ui, tr("closed.title"));
        if (m.openingHours) {
            const std::string hours =
                tr("closed.hours") + domain::describeOpeningHours(
                                         *m.openingHours, [](std::string_view k) { return tr(k); });
            line(hours, ui.fonts.body(), theme.text, 8);
            widgets::say(ui, hours);
        }
        if (!m.station.hotline.empty())
            line(tr("closed.hotline") + m.station.hotline, ui.fonts.body(), theme.text, 8);
        ImGui::Dummy(ImVec2(0, 60));
        line(tr("closed.touch"), ui.fonts.body(), theme.mutedText, 24);
        widgets::say(ui, tr("closed.touch"));
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        if (widgets::button(ui, tr("home.tile.submit"), ImVec2(width, 120),
                            widgets::Style::Primary)) {
            ui.nav.home();
            ui.nav.push(ScreenId::Submit);
            return;
        }
        // Any other tap wakes the kiosk to Home (the App clears the idle timer on input).
        if (ImGui::IsMouseReleased(0)) ui.nav.home();
    }
};

}  // namespace

std::unique_ptr<Screen> makeClosedScreen() {
    return std::make_unique<ClosedScreen>();
}

}  // namespace kiosk::screens
