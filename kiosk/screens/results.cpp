// Results board: answered concerns as published by the county (seed 002 §9), anonymised: the
// category, the county's summary of what was raised (公示摘要), dates, the answer and the rating,
// never the citizen's words or contact.
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

#include <map>

namespace kiosk::screens {
namespace {

using app::PublishedResult;
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
        totals(ui, width);
        widgets::beginBody(ui, "##results");
        widgets::text(ui, tr("results.intro"), ui.fonts.body(), ui.theme.mutedText, width);
        widgets::say(ui, tr("results.intro"));
        olderNote(ui, width);
        if (m.results.empty())
            widgets::text(ui, tr("results.none"), ui.fonts.body(), ui.theme.mutedText, width);
        for (const auto& r : m.results) {
            // Cards out of view are measured, not drawn: a board of hundreds stays fast.
            const float top = ImGui::GetCursorScreenPos().y;
            if (const auto it = m_heights.find(&r - m.results.data());
                it != m_heights.end() &&
                !ImGui::IsRectVisible(ImVec2(L.pad, top),
                                      ImVec2(L.pad + width, top + it->second))) {
                ImGui::Dummy(ImVec2(width, it->second - ImGui::GetStyle().ItemSpacing.y));
                continue;
            }
            resultCard(ui, r, width);
            m_heights[&r - m.results.data()] = ImGui::GetCursorScreenPos().y - top;
        }
        // Said at the end too: whoever pages to the bottom learns why older ones are missing.
        olderNote(ui, width);
        widgets::endScroll(ui);
    }

    void reset() override { m_heights.clear(); }

private:
    // "共公布 M 条，这里列出最近 N 条" when the board shows only the latest of many.
    static void olderNote(Ui& ui, float width) {
        const auto& m = ui.model;
        if (m.resultsTotal <= static_cast<std::int64_t>(m.results.size())) return;
        widgets::text(ui,
                      tr("results.older_prefix") + std::to_string(m.resultsTotal) +
                          tr("results.older_middle") + std::to_string(m.results.size()) +
                          tr("results.older_suffix"),
                      ui.fonts.body(), ui.theme.mutedText, width);
    }

    // 受理 · 已答复 · 办结 · 满意率 of this calendar year, as four big figures.
    void totals(Ui& ui, float width) {
        const auto& L = ui.layout;
        const auto& t = ui.model.yearTotals;
        const int pct = t.satisfactionPercent();
        const std::string values[] = {
            std::to_string(t.received), std::to_string(t.answered), std::to_string(t.closed),
            pct < 0 ? tr("results.no_rating") : std::to_string(pct) + "%"};
        const char* keys[] = {"results.total_received", "results.total_answered",
                              "results.total_closed", "results.total_satisfaction"};
        widgets::text(
            ui,
            tr("results.year_prefix") +
                std::to_string(domain::toLocal(ui.model.now, ui.model.offset()).date.year) +
                tr("results.year_suffix"),
            ui.fonts.body(), ui.theme.text, width);
        const float w = (width - 3 * L.gap) / 4;
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const float h = ui.fonts.title()->FontSize + ui.fonts.body()->FontSize + 40;
        std::string spoken;
        for (int i = 0; i < 4; ++i) {
            const ImVec2 p(row.x + i * (w + L.gap), row.y);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), ui.theme.surface, 14);
            dl->AddRect(p, ImVec2(p.x + w, p.y + h), ui.theme.border, 14, 0, 1.5f);
            ImGui::SetCursorScreenPos(ImVec2(p.x + 16, p.y + 12));
            widgets::text(ui, values[i], ui.fonts.title(), ui.theme.primary, w - 32);
            ImGui::SetCursorScreenPos(ImVec2(p.x + 16, p.y + 16 + ui.fonts.title()->FontSize));
            widgets::text(ui, tr(keys[i]), ui.fonts.body(), ui.theme.mutedText, w - 32);
            spoken += tr(keys[i]) + values[i] + "，";
        }
        widgets::say(ui, spoken);
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + h + L.gap));
    }

    void resultCard(Ui& ui, const PublishedResult& r, float width) {
        const auto& m = ui.model;
        widgets::beginCard(ui, width);
        widgets::text(ui, tr(domain::guidanceFor(r.category).nameKey), ui.fonts.body(),
                      ui.theme.primary);
        // What was raised, in the county's anonymised words (older answers came without one).
        if (!r.summary.empty())
            widgets::text(ui, tr("results.summary") + r.summary, ui.fonts.body(), ui.theme.text);
        widgets::text(ui,
                      tr("results.asked") + widgets::dateLong(r.askedAt, m.offset()) + "　" +
                          tr("results.answered") + widgets::dateLong(r.answeredAt, m.offset()),
                      ui.fonts.body(), ui.theme.mutedText);
        widgets::text(ui, tr("results.reply") + r.answer, ui.fonts.body(), ui.theme.text);
        if (r.satisfaction) {
            // 不满意 is not good news: it is shown in the warning colour, never in green.
            const bool unhappy = *r.satisfaction == domain::Satisfaction::Dissatisfied;
            widgets::text(
                ui,
                tr("results.rating") +
                    tr("satisfaction." + std::string(domain::satisfactionId(*r.satisfaction))),
                ui.fonts.body(), unhappy ? ui.theme.danger : ui.theme.ok);
        }
        widgets::endCard(ui);
    }

    // Each card's height as last drawn (by its index on the board).
    std::map<std::ptrdiff_t, float> m_heights;
};

}  // namespace

std::unique_ptr<Screen> makeResultsScreen() {
    return std::make_unique<ResultsScreen>();
}

}  // namespace kiosk::screens
