// Submit wizard: category (with the guidance of seed 002 §8) → describe → optional contact with
// consent → deputy → review → receipt with code and QR. Everything typed lives in m_draft and is
// wiped by reset() (Home, idle timeout).
#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/keyboard.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;
using domain::Category;
using widgets::Style;

enum class Step { Category, Describe, Contact, Deputy, Review, Receipt };

struct Draft {
    std::optional<Category> category;
    std::string text;
    std::string place;
    bool wantsContact = false;
    std::string name;
    std::string phone;
    bool consent = false;
    std::string deputyId;  // empty: whoever is on duty
    std::string receipt;
    std::string receiptQr;
    std::string errorKey;
    std::uint64_t printJob = 0;  // the receipt's latest print job (0: none sent)
    bool printAsked = false;     // printed automatically once; again only on request
};

std::string categoryName(Category c) {
    return tr(domain::guidanceFor(c).nameKey);
}

class SubmitScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Submit; }
    void reset() override {
        m_step = Step::Category;
        m_draft = Draft{};
        m_keyboard = widgets::KeyboardMode::Digits;
        m_text.reset(widgets::KeyboardMode::Pinyin);
    }

    void draw(Ui& ui) override {
        static const char* kTitles[] = {"submit.step.category", "submit.step.describe",
                                        "submit.step.contact",  "submit.step.deputy",
                                        "submit.step.review",   "submit.step.receipt"};
        widgets::header(ui, tr(kTitles[static_cast<int>(m_step)]));
        m_width = ui.layout.size.x - 2 * ui.layout.pad;
        // 返回 in the wizard is 上一步; leaving it with something typed asks first.
        ui.leave.stepsBack = m_step != Step::Category && m_step != Step::Receipt;
        ui.leave.draftHeld = m_step != Step::Receipt && holdsTypedText();
        if (ui.leave.backTapped) previousStep(ui);
        switch (m_step) {
            case Step::Category:
                category(ui);
                break;
            case Step::Describe:
                describe(ui);
                break;
            case Step::Contact:
                contact(ui);
                break;
            case Step::Deputy:
                deputy(ui);
                break;
            case Step::Review:
                review(ui);
                break;
            case Step::Receipt:
                receipt(ui);
                break;
        }
    }

private:
    bool holdsTypedText() const {
        return !m_draft.text.empty() || !m_draft.place.empty() || !m_draft.name.empty() ||
               !m_draft.phone.empty() || m_text.composing();
    }

    void previousStep(Ui& ui) {
        commitComposition(ui);
        if (m_step != Step::Category) m_step = static_cast<Step>(static_cast<int>(m_step) - 1);
        m_draft.errorKey.clear();
        ui.focus = {};
    }

    void progress(Ui& ui, float width) {
        const int n = static_cast<int>(m_step) + 1;
        widgets::text(ui,
                      tr("submit.progress_prefix") + std::to_string(n) +
                          tr("submit.progress_middle") + "5" + tr("submit.progress_suffix"),
                      ui.fonts.body(), ui.theme.mutedText, width);
    }

    float footerHeight(const Ui& ui) const { return ui.layout.tapMin * 1.5f; }

    // A step's body: the progress line and the step's content scroll between the header and
    // what is pinned to the bottom, the keyboard (keyboardH > 0: a field has focus) and the
    // footer. In landscape the keyboard takes the right column instead. Returns the body width.
    float beginStep(Ui& ui, const char* id, float keyboardH) {
        const auto& L = ui.layout;
        const float top = ImGui::GetCursorScreenPos().y;
        const float footerTop = L.size.y - L.pad - footerHeight(ui);
        m_keyboardAt = ImVec2(L.pad, footerTop - L.gap - keyboardH);
        float width = m_width, bottom = footerTop - L.gap;
        if (keyboardH > 0 && L.landscape) {
            width = (m_width - L.gap) * 0.42f;
            m_keyboardAt = ImVec2(L.pad + width + L.gap, top);
        } else if (keyboardH > 0) {
            bottom = m_keyboardAt.y - L.gap;
        }
        widgets::beginScroll(ui, id, ImVec2(width, std::max(bottom - top, L.tapMin)));
        progress(ui, width);
        return width;
    }

    // Ends the body; the keyboard (if any) is drawn where beginStep placed it.
    void endStep(Ui& ui) { widgets::endScroll(ui); }

    // 上一步 and Next, pinned to the bottom at every size; true when Next is tapped.
    bool footer(Ui& ui, const std::string& nextLabel, bool enabled = true) {
        const auto& L = ui.layout;
        const float h = footerHeight(ui), y = L.size.y - L.pad - h;
        const float w = (m_width - L.gap) / 2;
        if (m_step != Step::Category) {
            ImGui::SetCursorScreenPos(ImVec2(L.pad, y));
            if (widgets::button(ui, tr("submit.previous"), ImVec2(w, h))) previousStep(ui);
        }
        ImGui::SetCursorScreenPos(ImVec2(L.pad + w + L.gap, y));
        return widgets::button(ui, nextLabel, ImVec2(w, h),
                               enabled ? Style::Primary : Style::Quiet) &&
               enabled;
    }

    void error(Ui& ui, float width) {
        if (!m_draft.errorKey.empty()) {
            widgets::text(ui, tr(m_draft.errorKey), ui.fonts.body(), ui.theme.danger, width);
            widgets::say(ui, tr(m_draft.errorKey));
        }
    }

    void category(Ui& ui) {
        const auto& L = ui.layout;
        const float width = beginStep(ui, "##category", 0);
        const int cols = L.landscape ? 4 : 2;
        const float w = (width - L.gap * (cols - 1)) / cols, h = L.tapMin * 1.35f;
        int i = 0;
        for (Category c : domain::allCategories()) {
            if (i % cols) ImGui::SameLine(0, L.gap);
            const bool selected = m_draft.category == c;
            if (widgets::button(ui, categoryName(c), ImVec2(w, h),
                                selected ? Style::Selected : Style::Secondary))
                m_draft.category = c;
            ++i;
        }
        if (m_draft.category) {
            const auto g = domain::guidanceFor(*m_draft.category);
            widgets::say(ui, tr("speech.selected_prefix") + categoryName(*m_draft.category));
            widgets::say(ui, tr(g.textKey));
            widgets::beginCard(ui, width);
            const bool refer = g.route == domain::Route::Refer;
            widgets::text(ui, tr(refer ? "submit.guidance_refer" : "submit.guidance_title"),
                          ui.fonts.body(), refer ? ui.theme.danger : ui.theme.primary);
            widgets::text(ui, tr(g.textKey), ui.fonts.body(), ui.theme.text);
            widgets::endCard(ui);
        } else {
            widgets::text(ui, tr("submit.choose_category"), ui.fonts.body(), ui.theme.mutedText,
                          width);
            widgets::say(ui, tr("submit.choose_category"));
        }
        endStep(ui);
        if (footer(ui, tr("submit.next"), m_draft.category.has_value())) m_step = Step::Describe;
    }

    // The concern and the place, written with the on-screen pinyin keyboard (or a physical
    // keyboard / IME). The concern field takes the height the body leaves.
    void describe(Ui& ui) {
        const auto& L = ui.layout;
        // The concern field takes the focus when nothing has it: the keyboard shows at once.
        const bool typing = !ui.focus.target || ui.focus.target == &m_draft.text ||
                            ui.focus.target == &m_draft.place;
        const float colW =
            beginStep(ui, "##describe", typing ? widgets::keyboardHeight(ui, m_text) : 0);
        widgets::text(ui, tr("submit.describe_hint"), ui.fonts.body(), ui.theme.mutedText, colW);
        const float fieldTop = ImGui::GetCursorScreenPos().y;
        // Where the view ends, in this frame's (scrolled) coordinates.
        const float viewBottom =
            ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetScrollY();
        const float fieldH = std::max(ui.fonts.body()->FontSize * 2 + 36,
                                      viewBottom - L.gap - fieldTop - m_belowConcern);
        widgets::say(ui, tr("submit.describe_hint"));
        widgets::textField(ui, "##concern", m_draft.text, domain::kMaxConcernChars,
                           ImVec2(colW, fieldH), true, tr("submit.describe_placeholder"));
        widgets::text(ui, tr("submit.quick_phrases"), ui.fonts.body(), ui.theme.text, colW);
        const std::string key = "phrases." + std::string(domain::categoryId(*m_draft.category));
        const std::string phrases = hasString(key) ? tr(key) : tr("phrases.default");
        float x = 0;
        for (std::size_t start = 0; start < phrases.size();) {
            const auto end = std::min(phrases.find('|', start), phrases.size());
            const std::string phrase = phrases.substr(start, end - start);
            start = end + 1;
            const float w = std::min(
                colW, ui.fonts.body()
                              ->CalcTextSizeA(ui.fonts.body()->FontSize, FLT_MAX, 0, phrase.c_str())
                              .x +
                          48);
            if (x > 0 && x + w < colW)
                ImGui::SameLine(0, L.gap / 2);
            else
                x = 0;
            x += w + L.gap / 2;
            if (widgets::button(ui, phrase, ImVec2(w, L.tapMin), Style::Quiet)) {
                commitComposition(ui);
                ui.focus = {&m_draft.text, domain::kMaxConcernChars};
                ui.focus.type(phrase);
            }
        }
        // The place's label beside its field: one line less for the keyboard below.
        const std::string placeLabel = tr("submit.place_label");
        ImFont* body = ui.fonts.body();
        const float labelW =
            body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ui.fonts.text(placeLabel).c_str()).x;
        const ImVec2 row = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + (L.tapMin + 12 - body->FontSize) / 2));
        widgets::text(ui, placeLabel, body, ui.theme.text, labelW + 4);
        ImGui::SetCursorScreenPos(ImVec2(row.x + labelW + L.gap / 2, row.y));
        widgets::textField(ui, "##place", m_draft.place, domain::kMaxPlaceChars,
                           ImVec2(colW - labelW - L.gap / 2, L.tapMin + 12), false,
                           tr("submit.place_placeholder"));
        ImGui::SetCursorScreenPos(ImVec2(row.x, ImGui::GetCursorScreenPos().y));
        // What follows the concern field, measured for the next frame's field height.
        m_belowConcern = ImGui::GetCursorScreenPos().y - (fieldTop + fieldH);
        error(ui, colW);
        endStep(ui);
        if (typing) {
            ImGui::SetCursorScreenPos(m_keyboardAt);
            widgets::keyboard(ui, *ui.focus.target, m_text, ui.focus.maxChars);
        }
        const bool ok = !domain::trimSpaces(m_draft.text).empty() || m_text.composing();
        if (footer(ui, tr("submit.next"), ok)) {
            commitComposition(ui);
            if (domain::trimSpaces(m_draft.text).empty()) return;
            m_draft.errorKey.clear();
            m_step = Step::Contact;
            ui.focus = {};
        }
    }

    // Pinyin still being composed goes into the field it was typed for before the step changes.
    void commitComposition(Ui& ui) {
        if (m_text.composing() && m_text.target == ui.focus.target && ui.focus.target)
            ui.focus.type(m_text.commitFirst());
    }

    void contact(Ui& ui) {
        const auto& L = ui.layout;
        const bool name =
            m_draft.wantsContact && (!ui.focus.target || ui.focus.target == &m_draft.name);
        const bool phone = m_draft.wantsContact && ui.focus.target == &m_draft.phone;
        const float kbH = name    ? widgets::keyboardHeight(ui, m_text)
                          : phone ? widgets::keyboardHeight(ui, m_keyboard)
                                  : 0;
        const float width = beginStep(ui, "##contact", kbH);
        widgets::beginCard(ui, width);
        widgets::text(ui, tr("submit.consent_title"), ui.fonts.body(), ui.theme.primary);
        widgets::text(ui, tr("submit.consent_text"), ui.fonts.body(), ui.theme.text);
        widgets::say(ui, tr("submit.consent_title"));
        widgets::say(ui, tr("submit.consent_text"));
        widgets::endCard(ui);
        const float w = (width - L.gap) / 2;
        if (widgets::button(ui, tr("submit.no_contact"), ImVec2(w, L.tapMin * 1.3f),
                            m_draft.wantsContact ? Style::Secondary : Style::Selected)) {
            m_draft.wantsContact = false;
            ui.focus = {};
        }
        ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("submit.leave_contact"), ImVec2(w, L.tapMin * 1.3f),
                            m_draft.wantsContact ? Style::Selected : Style::Secondary)) {
            m_draft.wantsContact = true;
            ui.focus = {&m_draft.name, domain::kMaxNameChars};
            m_revealName = 3;
        }
        if (m_draft.wantsContact) {
            widgets::text(ui, tr("submit.name_label"), ui.fonts.body(), ui.theme.text, width);
            widgets::textField(ui, "##name", m_draft.name, domain::kMaxNameChars,
                               ImVec2(width, L.tapMin + 12), false, tr("submit.name_placeholder"));
            // The field that just took the focus is scrolled into view (large text, landscape),
            // for a few frames: the pager row may appear after the tap and take room.
            if (m_revealName > 0) {
                --m_revealName;
                widgets::scrollToLastItem();
            }
            widgets::text(ui, tr("submit.phone_label"), ui.fonts.body(), ui.theme.text, width);
            widgets::textField(ui, "##phone", m_draft.phone, 13, ImVec2(width, L.tapMin + 12),
                               false, tr("submit.phone_placeholder"));
            if (widgets::button(
                    ui, tr(m_draft.consent ? "submit.consent_given" : "submit.consent_give"),
                    ImVec2(width, L.tapMin * 1.2f),
                    m_draft.consent ? Style::Selected : Style::Secondary))
                m_draft.consent = !m_draft.consent;
        }
        error(ui, width);
        endStep(ui);
        if (name || phone) {
            ImGui::SetCursorScreenPos(m_keyboardAt);
            ImGui::BeginGroup();  // the digits pad sizes itself to the space beside the cursor
            if (phone)
                widgets::keyboard(ui, m_draft.phone, m_keyboard, 13);
            else
                widgets::keyboard(ui, m_draft.name, m_text, domain::kMaxNameChars);
            ImGui::EndGroup();
        }
        if (footer(ui, tr("submit.next"))) {
            commitComposition(ui);
            domain::ConcernInput in = input();
            const auto problem = domain::validateConcern(in);
            m_draft.errorKey = problem ? std::string(domain::inputErrorKey(*problem)) : "";
            if (!problem) {
                m_step = Step::Deputy;
                ui.focus = {};
            }
        }
    }

    void deputy(Ui& ui) {
        const auto& L = ui.layout;
        const float width = beginStep(ui, "##deputy", 0);
        if (widgets::button(ui, tr("submit.any_deputy"), ImVec2(width, L.tapMin * 1.3f),
                            m_draft.deputyId.empty() ? Style::Selected : Style::Secondary))
            m_draft.deputyId.clear();
        widgets::text(ui, tr("submit.or_choose_deputy"), ui.fonts.body(), ui.theme.mutedText,
                      width);
        const auto* chosen = ui.model.deputy(m_draft.deputyId);
        widgets::say(
            ui, tr("speech.selected_prefix") + (chosen ? chosen->name : tr("submit.any_deputy")));
        const int cols = L.landscape ? 4 : 3;
        const float w = (width - L.gap * (cols - 1)) / cols;
        int i = 0;
        for (const auto& d : ui.model.deputies) {
            if (d.name.empty()) continue;  // a deputy who chose not to publish a name
            if (i % cols) ImGui::SameLine(0, L.gap);
            if (widgets::button(ui, d.name, ImVec2(w, L.tapMin * 1.2f),
                                m_draft.deputyId == d.id ? Style::Selected : Style::Secondary))
                m_draft.deputyId = d.id;
            ++i;
        }
        endStep(ui);
        if (footer(ui, tr("submit.next"))) m_step = Step::Review;
    }

    void review(Ui& ui) {
        const float width = beginStep(ui, "##review", 0);
        widgets::beginCard(ui, width);
        row(ui, tr("submit.review.category"), categoryName(*m_draft.category));
        row(ui, tr("submit.review.text"), domain::trimSpaces(m_draft.text));
        if (!m_draft.place.empty()) row(ui, tr("submit.review.place"), m_draft.place);
        const auto* d = ui.model.deputy(m_draft.deputyId);
        row(ui, tr("submit.review.deputy"), d ? d->name : tr("submit.any_deputy"));
        row(ui, tr("submit.review.contact"),
            m_draft.wantsContact && (!m_draft.name.empty() || !m_draft.phone.empty())
                ? m_draft.name + " " + m_draft.phone + "（" + tr("submit.review.sealed") + "）"
                : tr("submit.review.no_contact"));
        widgets::endCard(ui);
        error(ui, width);
        endStep(ui);
        if (footer(ui, tr("submit.confirm"))) {
            auto in = input();
            if (ui.settings.staffRecording) in.takenBy = domain::TakenBy::Liaison;
            const auto result = ui.controller.submitConcern(in);
            m_draft.errorKey = result.errorKey;
            if (!result.receipt.empty()) {
                m_draft = Draft{};
                m_draft.receipt =
                    result.receipt;  // the citizen's words are stored: forget them here
                m_draft.receiptQr = result.receiptQr;
                m_step = Step::Receipt;
            }
        }
    }

    void receipt(Ui& ui) {
        const auto& L = ui.layout;
        const float h = footerHeight(ui);
        widgets::beginBody(ui, "##receipt", h + L.gap);
        widgets::text(ui, tr("submit.done_title"), ui.fonts.title(), ui.theme.ok, m_width);
        // The code character by character, as a citizen would copy it down.
        widgets::say(ui, tr("submit.done_title"));
        widgets::say(ui, tr("speech.receipt_prefix") + widgets::spelledOut(m_draft.receipt));
        widgets::say(ui, tr("submit.next_steps"));
        widgets::text(ui, tr("submit.receipt_label"), ui.fonts.body(), ui.theme.text, m_width);
        const std::string code = domain::formatReceiptCode(m_draft.receipt);
        widgets::text(ui, code, ui.fonts.huge(), ui.theme.primary, m_width);
        const bool printing = printStatus(ui);
        const float side = L.landscape ? 300.0f : 360.0f;
        widgets::qrCode(m_draft.receiptQr.empty() ? domain::receiptQrPayload(m_draft.receipt)
                                                  : m_draft.receiptQr,
                        side);
        widgets::text(ui, tr("submit.next_steps"), ui.fonts.body(), ui.theme.text, m_width);
        widgets::endScroll(ui);
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - h));
        // 重新打印 beside 完成 once the first print has ended (while printing, it would only
        // queue a second copy).
        const bool reprint = ui.controller.printerConfigured() && !printing;
        const float w = reprint ? (m_width - L.gap) / 3 : 0;
        if (reprint) {
            if (widgets::button(ui, tr("print.reprint"), ImVec2(w, h), Style::Secondary))
                m_draft.printJob = ui.controller.printReceipt(m_draft.receipt);
            ImGui::SameLine(0, L.gap);
        }
        if (widgets::button(ui, tr("submit.finish"), ImVec2(m_width - w - (reprint ? L.gap : 0), h),
                            Style::Primary)) {
            if (ui.settings.staffRecording) {
                // A liaison officer recording for a citizen goes back to the still logged-in
                // staff desk, not Home (which would log them out).
                reset();
                ui.settings.staffRecording = false;
                ui.nav.back();
            } else {
                ui.nav.home();
                ui.settings.visitEnded = true;  // the next citizen starts with the defaults
            }
        }
    }

    // Prints the receipt once, automatically, and says how printing went; the receipt stays on
    // screen whatever happens. Returns true while a job is under way.
    bool printStatus(Ui& ui) {
        if (!ui.controller.printerConfigured()) return false;
        if (!m_draft.printAsked) {
            m_draft.printAsked = true;
            m_draft.printJob = ui.controller.printReceipt(m_draft.receipt);
        }
        const auto outcome = ui.controller.printOutcome(m_draft.printJob);
        if (!outcome)
            widgets::text(ui, tr("print.printing"), ui.fonts.body(), ui.theme.mutedText, m_width);
        else if (outcome->ok)
            widgets::text(ui, tr("print.done"), ui.fonts.body(), ui.theme.ok, m_width);
        else
            widgets::text(
                ui, tr("print.failed_prefix") + tr(outcome->reasonKey) + tr("print.failed_suffix"),
                ui.fonts.body(), ui.theme.danger, m_width);
        return !outcome;
    }

    void row(Ui& ui, const std::string& label, const std::string& value) {
        widgets::text(ui, label, ui.fonts.body(), ui.theme.mutedText);
        widgets::text(ui, value, ui.fonts.body(), ui.theme.text);
    }

    domain::ConcernInput input() const {
        domain::ConcernInput in;
        in.category = m_draft.category.value_or(Category::Other);
        in.text = m_draft.text;
        in.place = m_draft.place;
        in.deputyId = m_draft.deputyId;
        in.takenBy = domain::TakenBy::Self;
        if (m_draft.wantsContact) {
            in.contactName = m_draft.name;
            in.contactPhone = m_draft.phone;
            in.consent = m_draft.consent;
        }
        return in;
    }

    Step m_step = Step::Category;
    Draft m_draft;
    widgets::KeyboardMode m_keyboard = widgets::KeyboardMode::Digits;  // the phone number
    widgets::KeyboardState m_text{widgets::KeyboardMode::Pinyin};      // concern, place, name
    float m_belowConcern = 420;  // height under the concern field, measured each frame
    ImVec2 m_keyboardAt;         // where this frame's keyboard goes (beginStep)
    float m_width = 0;
    int m_revealName = 0;  // frames left to bring the name field into view (留下联系方式)
};

}  // namespace

std::unique_ptr<Screen> makeSubmitScreen() {
    return std::make_unique<SubmitScreen>();
}

}  // namespace kiosk::screens
