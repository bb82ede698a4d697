// Track: a citizen enters the receipt code and sees the status history, the published answer,
// and once answered can rate how it was handled (seed 001 §4).
#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/keyboard.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;
using widgets::Style;

class TrackScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Track; }
    void reset() override {
        m_code.clear();
        m_found.reset();
        m_problemKey.clear();
        m_message.clear();
    }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        widgets::header(ui, tr("track.title"));
        const float width = L.size.x - 2 * L.pad;
        if (!ui.settings.trackCode.empty()) {  // a receipt QR was scanned: show its progress
            reset();
            m_code = ui.settings.trackCode;
            ui.settings.trackCode.clear();
            m_found = ui.controller.track(m_code);
            m_problemKey = m_found ? "" : "error.not_found";
        }
        if (!m_found) return askForCode(ui, width);
        const float backH = L.tapMin * 1.2f;
        widgets::beginBody(ui, "##progress", backH + L.gap);
        const auto& c = *m_found;
        const int off = ui.model.offset();
        widgets::say(ui, tr("track.receipt") + widgets::spelledOut(c.receipt));
        widgets::say(ui,
                     tr("track.status") + tr("status." + std::string(domain::statusId(c.status))));
        // Answered at the station (当场解答): the answer is what the officer wrote down.
        const bool onSite = domain::dispositionAnswers(c.disposition) && !c.dispositionNote.empty();
        widgets::say(ui, !c.answer.empty() ? tr("track.answer") + "：" + c.answer
                         : onSite          ? tr("track.onsite_answer") + "：" + c.dispositionNote
                                           : tr("track.no_answer_yet"));
        widgets::beginCard(ui, width);
        widgets::text(ui, tr("track.receipt") + domain::formatReceiptCode(c.receipt),
                      ui.fonts.title(), ui.theme.text);
        widgets::text(ui, tr("track.category") + tr(domain::guidanceFor(c.category).nameKey),
                      ui.fonts.body(), ui.theme.text);
        widgets::text(ui,
                      tr("track.status") + tr("status." + std::string(domain::statusId(c.status))),
                      ui.fonts.title(), ui.theme.primary);
        widgets::endCard(ui);
        widgets::text(ui, tr("track.history"), ui.fonts.body(), ui.theme.text, width);
        for (const auto& h : c.history) {
            std::string line = widgets::dateLong(h.at, off) + " " + widgets::timeOfDay(h.at, off) +
                               "　" + tr("status." + std::string(domain::statusId(h.status)));
            if (!h.note.empty()) line += "：" + h.note;
            widgets::text(ui, "● " + line, ui.fonts.body(), ui.theme.mutedText, width);
        }
        if (c.disposition != domain::Disposition::Pending) {
            std::string d = tr("track.disposition") +
                            tr("disposition." + std::string(domain::dispositionId(c.disposition)));
            if (!c.dispositionNote.empty() && !onSite) d += "（" + c.dispositionNote + "）";
            widgets::text(ui, d, ui.fonts.body(), ui.theme.text, width);
        }
        if (!c.answer.empty() || onSite) {
            widgets::beginCard(ui, width);
            widgets::text(ui, tr(c.answer.empty() ? "track.onsite_answer" : "track.answer"),
                          ui.fonts.body(), ui.theme.ok);
            widgets::text(ui, c.answer.empty() ? c.dispositionNote : c.answer, ui.fonts.body(),
                          ui.theme.text);
            widgets::endCard(ui);
        } else {
            widgets::text(ui, tr("track.no_answer_yet"), ui.fonts.body(), ui.theme.mutedText,
                          width);
        }
        if (c.satisfaction) {
            widgets::text(
                ui,
                tr("track.rated") +
                    tr("satisfaction." + std::string(domain::satisfactionId(*c.satisfaction))),
                ui.fonts.body(), ui.theme.ok, width);
        } else if (domain::canRate(c.status, c.satisfaction)) {
            widgets::text(ui, tr("track.rate_prompt"), ui.fonts.body(), ui.theme.text, width);
            const float w = (width - 2 * L.gap) / 3;
            int i = 0;
            for (auto s :
                 {domain::Satisfaction::Satisfied, domain::Satisfaction::BasicallySatisfied,
                  domain::Satisfaction::Dissatisfied}) {
                if (i++) ImGui::SameLine(0, L.gap);
                if (widgets::button(ui,
                                    tr("satisfaction." + std::string(domain::satisfactionId(s))),
                                    ImVec2(w, L.tapMin * 1.3f), Style::Accent)) {
                    m_message = ui.controller.rate(c.receipt, s);
                    m_found = ui.controller.track(c.receipt);
                }
            }
        }
        if (!m_message.empty())
            widgets::text(ui, tr(m_message), ui.fonts.body(), ui.theme.danger, width);
        widgets::endScroll(ui);
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - backH));
        if (widgets::button(ui, tr("track.another"), ImVec2(width, backH))) reset();
    }

private:
    // The code on a keypad of the 27 characters codes use, grouped as typed; the check
    // character tells a mistyped code (有一位输错) from one that is not known here.
    void askForCode(Ui& ui, float width) {
        const auto& L = ui.layout;
        const float searchH = L.tapMin * 1.4f;
        const float padW = std::min(width, 9 * L.tapMin * 1.6f);
        const float padH = widgets::receiptKeypadHeight(ui);
        const float padTop = L.size.y - L.pad - searchH - L.gap - padH;
        widgets::beginBody(ui, "##code", searchH + 2 * L.gap + padH);
        widgets::text(ui, tr("track.hint"), ui.fonts.body(), ui.theme.mutedText, width);
        widgets::say(ui, tr("track.hint"));
        m_code = domain::groupTypedReceipt(m_code);
        widgets::textField(ui, "##receipt", m_code, 11, ImVec2(width, L.tapMin + 24), false,
                           tr("track.placeholder"));
        if (!m_problemKey.empty()) {
            widgets::text(ui, tr(m_problemKey), ui.fonts.body(), ui.theme.danger, width);
            widgets::say(ui, tr(m_problemKey));
        }
        widgets::endScroll(ui);
        const std::string before = m_code;
        ImGui::SetCursorScreenPos(ImVec2(L.pad + (width - padW) / 2, padTop));
        widgets::receiptKeypad(ui, m_code, padW);
        if (m_code != before) m_problemKey.clear();  // a new try: the old message goes
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - searchH));
        if (widgets::button(ui, tr("track.search"), ImVec2(width, searchH), Style::Primary)) {
            using P = domain::ReceiptCodeProblem;
            switch (domain::receiptCodeProblem(m_code)) {
                case P::WrongLength:
                    m_problemKey = "track.wrong_length";
                    break;
                case P::ImpossibleCharacter:
                    m_problemKey = "track.impossible_character";
                    break;
                case P::Mistyped:
                    m_problemKey = "track.mistyped";
                    break;
                case P::None:
                    m_found = ui.controller.track(m_code);
                    m_problemKey = m_found ? "" : "error.not_found";
                    break;
            }
            if (m_found) ui.focus = {};
        }
    }

    std::string m_code;
    std::optional<domain::Concern> m_found;
    std::string m_problemKey;  // why the last search found nothing (string-table key)
    std::string m_message;
};

}  // namespace

std::unique_ptr<Screen> makeTrackScreen() {
    return std::make_unique<TrackScreen>();
}

}  // namespace kiosk::screens
