// Staff mode, 代表签到: the liaison officer signs a deputy in or out when a card will not scan,
// including one not in today's plan (seed 003: attendance counts, planned or not), always with
// a reason; and corrects a wrong record by one that voids it, never by deleting it.
#include <algorithm>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/screens/staff_panels.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::Ui;
using widgets::Style;

// Reasons as the officer says them; the chosen text is what the record keeps.
constexpr const char* kSignInReasons[] = {"signin.reason.card_unreadable", "signin.reason.no_card",
                                          "signin.reason.unplanned", "signin.reason.late_entry"};
constexpr const char* kSignOutReasons[] = {"signin.reason.card_unreadable",
                                           "signin.reason.left_already"};
constexpr const char* kCorrectReasons[] = {"signin.reason.wrong_deputy", "signin.reason.duplicate",
                                           "signin.reason.not_present"};

}  // namespace

void StaffSignInPanel::reset() {
    *this = StaffSignInPanel{};
}

void StaffSignInPanel::load(Ui& ui) {
    // The roster changes with a config sync, today's records with every scan: both are read
    // when the model moves (each minute and after every intent), never per frame.
    m_roster = ui.controller.staffRoster();
    m_today = ui.controller.todaysCheckins();
    m_loadedAt = ui.model.now;
    m_stale = false;
}

std::string StaffSignInPanel::nameOf(const std::string& id) const {
    for (const auto& d : m_roster)
        if (d.id == id) return d.name.empty() ? id : d.name;
    return id;  // left the roster since: the id is all there is
}

void StaffSignInPanel::draw(Ui& ui, float width) {
    if (m_stale || m_loadedAt != ui.model.now) load(ui);
    widgets::beginBody(ui, "##staff-signin");
    if (!m_deputy.empty() || !m_correcting.empty())
        chooseReason(ui, width);
    else
        lists(ui, width);
    widgets::endScroll(ui);
}

void StaffSignInPanel::deputyButton(Ui& ui, const std::string& id, const std::string& name, bool in,
                                    ImVec2 size) {
    ImGui::PushID(id.c_str());
    if (widgets::button(ui, tr(in ? "staff.sign_out_for" : "staff.sign_in_for") + name, size,
                        in ? Style::Secondary : Style::Accent)) {
        m_deputy = id;
        m_direction = in ? domain::Direction::Out : domain::Direction::In;
        m_message.clear();
        m_done.clear();
        widgets::resetScrolling();
    }
    ImGui::PopID();
}

void StaffSignInPanel::lists(Ui& ui, float width) {
    const auto& L = ui.layout;
    const auto& m = ui.model;
    widgets::text(ui, tr("staff.pending_uploads") + std::to_string(m.pendingUploads),
                  ui.fonts.body(), ui.theme.mutedText, width);
    if (!m_done.empty()) widgets::text(ui, m_done, ui.fonts.body(), ui.theme.ok, width);
    if (!m_message.empty())
        widgets::text(ui, tr(m_message), ui.fonts.body(), ui.theme.danger, width);

    // Today's records first: a wrong one is noticed when it is fresh.
    widgets::text(ui, tr("signin.today_title"), ui.fonts.title(), ui.theme.text, width);
    if (m_today.empty())
        widgets::text(ui, tr("signin.today_none"), ui.fonts.body(), ui.theme.mutedText, width);
    const float fixW = std::max(L.tapMin * 2.2f, width * 0.22f);
    for (auto it = m_today.rbegin(); it != m_today.rend(); ++it) {
        const auto& c = *it;
        widgets::beginCard(ui, width);
        std::string line = widgets::timeOfDay(c.at, m.offset()) + "　" + nameOf(c.deputyId) + "　" +
                           tr("direction." + std::string(domain::directionId(c.direction))) + "（" +
                           tr("method." + std::string(domain::checkinMethodId(c.method))) + "）";
        if (!c.reason.empty()) line += "　" + c.reason;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        widgets::text(ui, line, ui.fonts.body(), ui.theme.text, width - fixW - 56 - L.gap);
        const float textBottom = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(at.x + width - 56 - fixW, at.y));
        ImGui::PushID(c.id.c_str());
        if (widgets::button(ui, tr("signin.correct"), ImVec2(fixW, L.tapMin))) {
            m_correcting = c.id;
            m_message.clear();
            m_done.clear();
            widgets::resetScrolling();
        }
        ImGui::PopID();
        ImGui::SetCursorScreenPos(
            ImVec2(at.x, std::max(textBottom, at.y + L.tapMin + ImGui::GetStyle().ItemSpacing.y)));
        ImGui::Dummy(ImVec2(0, 0));
        widgets::endCard(ui);
    }

    // Deputies planned now or signed in: one tap away.
    std::vector<std::string> shown;
    const int cols = width > 1200 ? 4 : 3;
    const float bw = (width - (cols - 1) * L.gap) / cols;
    if (!m.onDuty.empty()) {
        widgets::text(ui, tr("staff.manual_signin"), ui.fonts.title(), ui.theme.text, width);
        int i = 0;
        for (const auto& e : m.onDuty) {
            if (i++ % cols) ImGui::SameLine(0, L.gap);
            deputyButton(ui, e.deputyId, nameOf(e.deputyId),
                         e.state == domain::DutyState::CheckedIn, ImVec2(bw, L.tapMin));
            shown.push_back(e.deputyId);
        }
    }
    // Everyone else on the roster: a deputy may come on a day they were not planned.
    widgets::text(ui, tr("signin.others_title"), ui.fonts.title(), ui.theme.text, width);
    int i = 0;
    for (const auto& d : m_roster) {
        if (std::find(shown.begin(), shown.end(), d.id) != shown.end()) continue;
        if (i++ % cols) ImGui::SameLine(0, L.gap);
        deputyButton(ui, d.id, d.name.empty() ? d.id : d.name, false, ImVec2(bw, L.tapMin));
    }
}

void StaffSignInPanel::chooseReason(Ui& ui, float width) {
    const auto& L = ui.layout;
    std::string title, what;
    const char* const* reasons;
    std::size_t count;
    if (!m_correcting.empty()) {
        const auto it = std::find_if(m_today.begin(), m_today.end(),
                                     [&](const auto& c) { return c.id == m_correcting; });
        if (it == m_today.end()) {  // corrected or gone meanwhile (another officer, midnight)
            m_correcting.clear();
            return;
        }
        what = widgets::timeOfDay(it->at, ui.model.offset()) + " " + nameOf(it->deputyId) + " " +
               tr("direction." + std::string(domain::directionId(it->direction)));
        title = tr("signin.correct_title") + what;
        reasons = kCorrectReasons;
        count = std::size(kCorrectReasons);
    } else {
        const bool in = m_direction == domain::Direction::In;
        title = tr(in ? "signin.sign_in_title" : "signin.sign_out_title") + nameOf(m_deputy);
        reasons = in ? kSignInReasons : kSignOutReasons;
        count = in ? std::size(kSignInReasons) : std::size(kSignOutReasons);
    }
    widgets::text(ui, title, ui.fonts.title(), ui.theme.text, width);
    widgets::text(ui, tr(m_correcting.empty() ? "signin.reason_prompt" : "signin.correct_prompt"),
                  ui.fonts.body(), ui.theme.mutedText, width);
    for (std::size_t r = 0; r < count; ++r) {
        if (!widgets::button(ui, tr(reasons[r]), ImVec2(width, L.tapMin * 1.2f), Style::Primary))
            continue;
        const std::string reason = tr(reasons[r]);
        if (!m_correcting.empty()) {
            m_message = ui.controller.correctCheckin(m_correcting, reason);
            if (m_message.empty()) m_done = tr("signin.corrected") + what;
            m_correcting.clear();
        } else {
            const auto o = ui.controller.signByStaff(m_deputy, m_direction, reason);
            if (o.kind == app::ScanOutcome::Kind::Refused) {
                m_message = o.messageKey;
            } else {
                m_message.clear();
                m_done = tr(m_direction == domain::Direction::In ? "signin.signed_in"
                                                                 : "signin.signed_out") +
                         nameOf(m_deputy) + (o.planned ? "" : tr("signin.unplanned_note"));
            }
            m_deputy.clear();
        }
        m_stale = true;
        widgets::resetScrolling();
        return;
    }
    if (widgets::button(ui, tr("signin.cancel"), ImVec2(width, L.tapMin * 1.2f))) {
        m_deputy.clear();
        m_correcting.clear();
        widgets::resetScrolling();
    }
}

}  // namespace kiosk::screens
