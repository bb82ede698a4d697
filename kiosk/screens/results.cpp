// Results board: answered concerns as published by the county (seed 002 §9), anonymised: only the
// category, dates, the answer and the rating, never the citizen's words or contact.
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;

class ResultsScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Results; }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        const auto& m = ui.model;
        widgets::header(ui, tr("results.title"));
        const float width = L.size.x - 2 * L.pad;
        widgets::text(ui, tr("results.intro"), ui.fonts.body(), ui.theme.mutedText, width);
        widgets::say(ui, tr("results.intro"));
        if (m.results.empty())
            widgets::text(ui, tr("results.none"), ui.fonts.body(), ui.theme.mutedText, width);
        for (const auto& r : m.results) {
            if (ImGui::GetCursorScreenPos().y > L.size.y - 200) break;
            widgets::beginCard(ui, width);
            widgets::text(ui, tr(domain::guidanceFor(r.category).nameKey), ui.fonts.body(),
                          ui.theme.primary);
            widgets::text(ui,
                          tr("results.asked") + widgets::dateLong(r.askedAt, m.offset()) + "　" +
                              tr("results.answered") + widgets::dateLong(r.answeredAt, m.offset()),
                          ui.fonts.body(), ui.theme.mutedText);
            widgets::text(ui, r.answer, ui.fonts.body(), ui.theme.text);
            if (r.satisfaction)
                widgets::text(
                    ui,
                    tr("results.rating") +
                        tr("satisfaction." + std::string(domain::satisfactionId(*r.satisfaction))),
                    ui.fonts.body(), ui.theme.ok);
            widgets::endCard(ui);
        }
    }
};

}  // namespace

std::unique_ptr<Screen> makeResultsScreen() {
    return std::make_unique<ResultsScreen>();
}

}  // namespace kiosk::screens
