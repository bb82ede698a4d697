// Staff mode, 台账登记 (seed 002 §12): the liaison officer records an activity as it ends — what
// kind, how many people were received, which deputies were present, notes — on the touchscreen.
#include <algorithm>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/schedule.hpp"
#include "kiosk/screens/staff_panels.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {

using app::Ui;
using widgets::Style;

void StaffLedgerPanel::reset() {
    *this = StaffLedgerPanel{};
}

void StaffLedgerPanel::draw(Ui& ui, float width) {
    const auto& L = ui.layout;
    const auto& m = ui.model;
    // Who signed in today is who was most likely present: ticked to begin with, once.
    if (!m_presentFromDuty) {
        for (const auto& e : m.onDuty)
            if (e.state == domain::DutyState::CheckedIn) m_present.insert(e.deputyId);
        m_presentFromDuty = true;
    }
    const float saveH = L.tapMin * 1.3f;
    // What saving said stays pinned above the button, wherever the form is scrolled.
    const std::string status = m_saved             ? tr("ledger.saved")
                               : m_message.empty() ? ""
                                                   : tr(m_message);
    const float statusH = status.empty() ? 0.0f : ui.fonts.body()->FontSize * 2.4f + L.gap;
    const auto dock = widgets::dockKeyboard(ui, m_keyboard, ui.focus.target == &m_notes, width,
                                            saveH + L.gap + statusH);
    width = dock.contentWidth;
    widgets::beginBody(ui, "##staff-ledger", dock.reservedBelow, width);

    widgets::text(ui, tr("ledger.activity"), ui.fonts.body(), ui.theme.text, width);
    const int cols = width > 1200 ? 4 : 2;
    const float kw = (width - L.gap * (cols - 1)) / cols;
    int i = 0;
    for (const auto kind : domain::allSlotKinds()) {
        const std::string id(domain::slotKindId(kind));
        if (i++ % cols) ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("slot_kind." + id), ImVec2(kw, L.tapMin),
                            m_activity == id ? Style::Selected : Style::Secondary)) {
            m_activity = id;
            m_saved = false;
        }
    }

    widgets::text(ui, tr("ledger.notes"), ui.fonts.body(), ui.theme.text, width);
    // Not focused by itself: the keyboard shows once the officer taps the field.
    if (ui.focus.target == &m_notes || !m_notes.empty())
        widgets::textField(ui, "##ledger-notes", m_notes, 300, ImVec2(width, L.tapMin * 2), true,
                           tr("ledger.notes_placeholder"), false);
    else if (widgets::button(ui, tr("ledger.notes_placeholder"), ImVec2(width, L.tapMin * 2)))
        ui.focus = {&m_notes, 300};
    widgets::text(ui, tr("ledger.people"), ui.fonts.body(), ui.theme.text, width);
    const float sw = L.tapMin * 1.6f;
    for (const int step : {-10, -1}) {
        if (widgets::button(ui, std::to_string(step), ImVec2(sw, L.tapMin)))
            m_people = std::max(0, m_people + step);
        ImGui::SameLine(0, L.gap);
    }
    const std::string count = std::to_string(m_people) + tr("ledger.people_unit");
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + (L.tapMin - ui.fonts.title()->FontSize) / 2));
    widgets::text(ui, count, ui.fonts.title(), ui.theme.text, sw * 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(at.x + sw * 1.5f + L.gap, at.y));
    for (const int step : {1, 10}) {
        if (widgets::button(ui, "+" + std::to_string(step), ImVec2(sw, L.tapMin)))
            m_people = std::min(9999, m_people + step);
        if (step == 1) ImGui::SameLine(0, L.gap);
    }

    widgets::text(ui, tr("ledger.deputies"), ui.fonts.body(), ui.theme.text, width);
    const float dw = (width - L.gap * (cols - 1)) / cols;
    i = 0;
    for (const auto& d : m.deputies) {
        if (d.name.empty()) continue;  // a deputy who keeps their name private is not listed
        if (i++ % cols) ImGui::SameLine(0, L.gap);
        const bool on = m_present.count(d.id) > 0;
        if (widgets::button(ui, (on ? "√ " : "") + d.name, ImVec2(dw, L.tapMin),
                            on ? Style::Selected : Style::Secondary)) {
            if (on)
                m_present.erase(d.id);
            else
                m_present.insert(d.id);
        }
    }

    widgets::endScroll(ui);
    if (!status.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - saveH - statusH));
        widgets::text(ui, status, ui.fonts.body(), m_saved ? ui.theme.ok : ui.theme.danger,
                      dock.pinnedWidth);
    }

    ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - saveH));
    if (widgets::button(ui, tr("ledger.save"), ImVec2(dock.pinnedWidth, saveH), Style::Primary)) {
        domain::LedgerEntry e;
        e.activity = m_activity;
        e.peopleReceived = m_people;
        e.deputies.assign(m_present.begin(), m_present.end());
        e.notes = m_notes;
        m_message = ui.controller.addLedgerEntry(e);
        m_saved = m_message.empty();
        if (m_saved) {
            m_people = 0;
            m_notes.clear();
            ui.focus = {};
        }
    }
    if (dock.shown) {
        ImGui::SetCursorScreenPos(dock.at);
        ImGui::BeginGroup();
        widgets::keyboard(ui, m_notes, m_keyboard, 300);
        ImGui::EndGroup();
    }
}

}  // namespace kiosk::screens
