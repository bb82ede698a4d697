// Staff mode, 意见办理: every concern of the station, not only today's, by stage (未办结 / 已答复 /
// 已办结 / 全部) and age, ten to a page, each with its disposition (seed 002 §8) and a note.
#include <algorithm>
#include <cfloat>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/screens/staff_panels.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::Ui;
using widgets::Style;

constexpr int kPerPage = 10;
constexpr int kPeriodDays[] = {1, 7, 30, 0};  // 0: any time
constexpr const char* kPeriodKeys[] = {"staff.period.today", "staff.period.week",
                                       "staff.period.month", "staff.period.all"};
constexpr std::pair<domain::ConcernStage, const char*> kStages[] = {
    {domain::ConcernStage::Open, "staff.stage.open"},
    {domain::ConcernStage::Answered, "staff.stage.answered"},
    {domain::ConcernStage::Closed, "staff.stage.closed"},
    {domain::ConcernStage::All, "staff.stage.all"}};

}  // namespace

void StaffConcernsPanel::reset() {
    *this = StaffConcernsPanel{};
}

void StaffConcernsPanel::load(Ui& ui) {
    domain::ConcernQuery q;
    q.stage = m_stage;
    if (const int days = kPeriodDays[m_period]; days > 0) {
        const auto today = domain::toLocal(ui.model.now, ui.model.offset()).date;
        q.since = domain::fromLocal(domain::addDays(today, 1 - days), 0, ui.model.offset());
    }
    auto [rows, total] = ui.controller.concernPage(q, m_page * kPerPage, kPerPage);
    m_rows = std::move(rows);
    m_total = total;
    m_stale = false;
    m_loadedAt = ui.model.now;
}

void StaffConcernsPanel::filters(Ui& ui, float width) {
    const auto& L = ui.layout;
    // Two rows of four, or in landscape one row of eight.
    const float bw = L.landscape ? (width - 7 * L.gap) / 8 : (width - 3 * L.gap) / 4;
    int i = 0;
    for (const auto& [stage, key] : kStages) {
        if (i++) ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr(key), ImVec2(bw, L.tapMin),
                            m_stage == stage ? Style::Selected : Style::Secondary)) {
            m_stage = stage;
            m_page = 0;
            m_stale = true;
            m_notice.clear();
        }
    }
    for (int p = 0; p < 4; ++p) {
        if (p || L.landscape) ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr(kPeriodKeys[p]), ImVec2(bw, L.tapMin),
                            m_period == p ? Style::Selected : Style::Secondary)) {
            m_period = p;
            m_page = 0;
            m_stale = true;
            m_notice.clear();
        }
    }
}

void StaffConcernsPanel::draw(Ui& ui, float width) {
    const auto& L = ui.layout;
    // The model refreshes each minute and after every action: the list follows it, but the
    // query runs only then, not every frame.
    if (m_stale || m_loadedAt != ui.model.now) load(ui);
    const bool typing = ui.focus.target == &m_note;
    // Landscape has no height for filters, list and keyboard: while a note is typed the
    // filters step aside (收起键盘 brings them back).
    if (!typing || !L.landscape) filters(ui, width);
    const int pages = std::max<int>(1, static_cast<int>((m_total + kPerPage - 1) / kPerPage));
    const float pagerH = L.tapMin * 1.2f + L.gap;
    const auto dock = widgets::dockKeyboard(ui, m_keyboard, typing, width, pagerH);
    width = dock.contentWidth;
    widgets::beginBody(ui, "##staff-concerns", dock.reservedBelow, width);
    widgets::text(ui, tr("staff.found_prefix") + std::to_string(m_total) + tr("staff.found_suffix"),
                  ui.fonts.body(), ui.theme.mutedText, width);
    // What the last action did, on top: the card it moved is no longer in this list.
    if (!m_notice.empty()) widgets::text(ui, tr(m_notice), ui.fonts.body(), ui.theme.ok, width);
    if (m_rows.empty())
        widgets::text(ui, tr("staff.none_found"), ui.fonts.body(), ui.theme.mutedText, width);
    for (const auto& c : m_rows) card(ui, c, width);
    widgets::endScroll(ui);

    // Pages of the list itself (the query pages; the region above scrolls within one page).
    width = dock.pinnedWidth;
    const float y = L.size.y - L.pad - L.tapMin * 1.2f;
    const float pw = width * 0.3f;
    ImGui::SetCursorScreenPos(ImVec2(L.pad, y));
    if (widgets::button(ui, tr("staff.previous_page"), ImVec2(pw, L.tapMin * 1.2f),
                        m_page > 0 ? Style::Accent : Style::Quiet) &&
        m_page > 0) {
        --m_page;
        m_stale = true;
    }
    // Named by rows, not pages: the region above has its own 上一页/下一页 when a page of ten
    // does not fit the screen.
    const std::int64_t first = m_total == 0 ? 0 : m_page * kPerPage + 1;
    const std::int64_t last = std::min<std::int64_t>(m_total, (m_page + 1) * kPerPage);
    const std::string where = tr("staff.rows_prefix") + std::to_string(first) + "–" +
                              std::to_string(last) + tr("staff.rows_suffix");
    ImFont* font = ui.fonts.body();
    const float tw =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, ui.fonts.text(where).c_str()).x;
    ImGui::SetCursorScreenPos(
        ImVec2(L.pad + (width - tw) / 2, y + (L.tapMin * 1.2f - font->FontSize) / 2));
    widgets::text(ui, where, font, ui.theme.text, tw + 8);
    ImGui::SetCursorScreenPos(ImVec2(L.pad + width - pw, y));
    if (widgets::button(ui, tr("staff.next_page"), ImVec2(pw, L.tapMin * 1.2f),
                        m_page + 1 < pages ? Style::Accent : Style::Quiet) &&
        m_page + 1 < pages) {
        ++m_page;
        m_stale = true;
    }
    if (dock.shown) {
        ImGui::SetCursorScreenPos(dock.at);
        ImGui::BeginGroup();
        widgets::keyboard(ui, m_note, m_keyboard, 100);
        ImGui::EndGroup();
    }
}

void StaffConcernsPanel::card(Ui& ui, const domain::Concern& c, float width) {
    const auto& L = ui.layout;
    const int offset = ui.model.offset();
    widgets::beginCard(ui, width);
    widgets::text(ui,
                  domain::formatReceiptCode(c.receipt) + "　" +
                      widgets::dateShort(c.createdAt, offset) + " " +
                      widgets::timeOfDay(c.createdAt, offset) + "　" +
                      tr(domain::guidanceFor(c.category).nameKey) + "　" +
                      tr("status." + std::string(domain::statusId(c.status))),
                  ui.fonts.body(), ui.theme.primary);
    widgets::text(ui, c.text, ui.fonts.body(), ui.theme.text);
    widgets::text(ui,
                  tr("staff.disposition") +
                      tr("disposition." + std::string(domain::dispositionId(c.disposition))) +
                      (c.dispositionNote.empty() ? "" : "（" + c.dispositionNote + "）"),
                  ui.fonts.body(), ui.theme.mutedText);
    ImGui::PushID(c.id.c_str());
    const float inner = width - 56;
    // The note belongs to one concern at a time: tapping another card's field starts afresh.
    if (m_noteFor == c.receipt) {
        widgets::textField(ui, "##note", m_note, 100, ImVec2(inner, L.tapMin + 12), false,
                           tr("staff.note_placeholder"), false);
        // The rows above step aside for the keyboard: keep the field in view meanwhile.
        if (m_revealNote > 0) {
            --m_revealNote;
            widgets::scrollToLastItem();
        }
    } else if (widgets::button(ui, tr("staff.write_note"), ImVec2(inner, L.tapMin),
                               Style::Secondary)) {
        m_noteFor = c.receipt;
        m_revealNote = 3;
        m_note.clear();
        ui.focus = {&m_note, 100};
    }
    const float bw = (inner - 4 * L.gap / 2) / 5;
    int i = 0;
    for (auto d : {domain::Disposition::AnsweredOnSite, domain::Disposition::Referred,
                   domain::Disposition::DeputySuggestion, domain::Disposition::Inspection,
                   domain::Disposition::Study}) {
        if (i++) ImGui::SameLine(0, L.gap / 2);
        const std::string label = tr("disposition_short." + std::string(domain::dispositionId(d)));
        if (widgets::button(ui, label, ImVec2(bw, L.tapMin),
                            c.disposition == d ? Style::Selected : Style::Secondary)) {
            const std::string note = m_noteFor == c.receipt ? m_note : "";
            m_message = ui.controller.setDisposition(c.receipt, d, note);
            m_messageFor = c.receipt;
            m_notice.clear();
            if (m_message.empty()) {
                // Answered on the spot, it moves from 未办结 to 已答复: say where it went.
                if (domain::dispositionAnswers(d) && m_stage == domain::ConcernStage::Open)
                    m_notice = "staff.answered_moved";
                m_noteFor.clear();
                m_note.clear();
                ui.focus = {};
            }
            m_stale = true;
        }
    }
    // Said where the finger is: a refusal shows in the card that was tapped.
    if (!m_message.empty() && m_messageFor == c.receipt)
        widgets::text(ui, tr(m_message), ui.fonts.body(), ui.theme.danger, inner);
    ImGui::PopID();
    widgets::endCard(ui);
}

}  // namespace kiosk::screens
