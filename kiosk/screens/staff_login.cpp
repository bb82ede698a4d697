// Staff mode, logging in: named liaison officers (stationctl staff add) tap their name and type
// their own PIN, so what they take, sign and enter carries their name; the station's shared PIN
// still works where it is set. One lockout for the station (StaffRepository).
#include <algorithm>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/staff_access.hpp"
#include "kiosk/screens/staff_panels.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {

using app::Ui;
using widgets::Style;

void StaffLoginPanel::reset() {
    *this = StaffLoginPanel{};
}

bool StaffLoginPanel::draw(Ui& ui, float width) {
    if (!m_loaded) {
        // Read once a visit: the list only changes through stationctl.
        m_officers = ui.controller.liaisonOfficers();
        m_stationPin = ui.controller.stationPinSet();
        m_chosen = m_officers.empty();
        m_loaded = true;
    }
    const auto state = ui.controller.staffState();
    if (state.noPin) {
        widgets::text(ui, tr("staff.no_pin"), ui.fonts.body(), ui.theme.danger, width);
        return false;
    }
    const long long now = ui.model.now;
    if (state.lockedUntil > now) {
        // The minute from which a new try is possible, rounded up.
        const long long unlock = (state.lockedUntil + 59'999) / 60'000 * 60'000;
        widgets::text(ui, tr("staff.locked") + widgets::timeOfDay(unlock, ui.model.offset()),
                      ui.fonts.body(), ui.theme.danger, width);
        return false;
    }
    if (m_chosen) {
        enterPin(ui, width, now);
    } else {
        chooseWho(ui, width);
    }
    const bool accepted = m_accepted;
    m_accepted = false;
    return accepted;
}

void StaffLoginPanel::chooseWho(Ui& ui, float width) {
    const auto& L = ui.layout;
    widgets::beginBody(ui, "##staff-who");
    widgets::text(ui, tr("staff.choose_officer"), ui.fonts.body(), ui.theme.text, width);
    // Names as big buttons, two (landscape: three) a row; the shared PIN last.
    const int perRow = L.landscape ? 3 : 2;
    const float bw = (width - (perRow - 1) * L.gap) / perRow;
    int i = 0;
    for (const auto& o : m_officers) {
        if (i++ % perRow) ImGui::SameLine(0, L.gap);
        ImGui::PushID(o.id.c_str());
        if (widgets::button(ui, o.name, ImVec2(bw, L.tapMin * 1.3f), Style::Secondary)) {
            m_officerId = o.id;
            m_officerName = o.name;
            m_chosen = true;
        }
        ImGui::PopID();
    }
    if (m_stationPin && widgets::button(ui, tr("staff.other_staff"), ImVec2(width, L.tapMin * 1.3f),
                                        Style::Quiet)) {
        m_officerId.clear();
        m_officerName.clear();
        m_chosen = true;
    }
    widgets::endScroll(ui);
}

void StaffLoginPanel::enterPin(Ui& ui, float width, long long now) {
    const auto& L = ui.layout;
    widgets::beginBody(ui, "##staff-login");
    widgets::text(
        ui,
        m_officerName.empty() ? tr("staff.enter_pin") : m_officerName + tr("staff.enter_own_pin"),
        ui.fonts.body(), ui.theme.text, width);
    std::string dots;
    for (std::size_t i = 0; i < m_pin.size(); ++i) dots += "● ";
    widgets::text(ui, m_pin.empty() ? tr("staff.pin_empty") : dots, ui.fonts.title(), ui.theme.text,
                  width);
    widgets::KeyboardMode mode = widgets::KeyboardMode::Digits;
    widgets::keyboard(ui, m_pin, mode, 12);
    if (!m_message.empty()) widgets::text(ui, m_message, ui.fonts.body(), ui.theme.danger, width);
    if (const auto r = ui.controller.staffLoginOutcome(); r && m_checking) {
        m_checking = false;
        outcome(*r, now);
    }
    const bool someoneElse = !m_officers.empty();
    const float lw = someoneElse ? width * 0.62f : width;
    if (ui.controller.staffLoginPending()) {
        // The PIN is checked on a worker thread; the screen keeps drawing meanwhile.
        widgets::text(ui, tr("staff.checking_pin"), ui.fonts.body(), ui.theme.mutedText, width);
    } else {
        if (widgets::button(ui, tr("staff.login"), ImVec2(lw, L.tapMin * 1.4f), Style::Primary)) {
            m_checking = ui.controller.startStaffLogin(m_pin, m_officerId);
            if (!m_checking)  // locked: says so at once
                outcome(ui.controller.staffLogin(m_pin, m_officerId), now);
            m_pin.clear();
            m_message.clear();
        }
        if (someoneElse) {
            ImGui::SameLine(0, L.gap);
            if (widgets::button(ui, tr("staff.someone_else"),
                                ImVec2(width - lw - L.gap, L.tapMin * 1.4f), Style::Secondary)) {
                m_chosen = false;
                m_pin.clear();
                m_message.clear();
            }
        }
    }
    widgets::endScroll(ui);
}

void StaffLoginPanel::outcome(const store::StaffLoginResult& r, long long now) {
    m_accepted = r.ok;
    m_message.clear();
    if (!r.ok && r.lockedUntil <= now)
        m_message = tr("staff.wrong_pin_prefix") +
                    std::to_string(domain::kFreePinAttempts - r.failures) +
                    tr("staff.wrong_pin_suffix");
}

}  // namespace kiosk::screens
