// Staff mode (liaison officers): PIN entry with a lockout that survives restarts; the station's
// concerns and their dispositions (seed 002 §8), deputies' sign-in by hand, ledger entries and
// the monthly ledger export (seed 002 §12) as tabs; recording a concern on a citizen's behalf;
// and this kiosk's settings.
#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/screens/staff_panels.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;
using widgets::Style;

class StaffScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Staff; }
    void reset() override {
        m_login.reset();
        m_loggedIn = false;
        m_message.clear();
        m_exported.clear();
        m_tab = 0;
        m_concerns.reset();
        m_signin.reset();
        m_ledger.reset();
        m_settingsOpen = false;
        m_saved = false;
    }

    void draw(Ui& ui) override {
        widgets::header(ui, tr("staff.title"));
        m_width = ui.layout.size.x - 2 * ui.layout.pad;
        if (m_loggedIn) return work(ui);
        m_loggedIn = m_login.draw(ui, m_width);
    }

private:
    void work(Ui& ui) {
        if (m_settingsOpen) {
            settings(ui);
            return;
        }
        const auto& L = ui.layout;
        // While a note is typed the keyboard needs the room: the rows of buttons step aside
        // for one 收起键盘 (what was typed stays in the field).
        if (ui.focus.target) {
            if (widgets::button(ui, tr("staff.done_typing"), ImVec2(m_width, L.tapMin)))
                ui.focus = {};
            drawTab(ui);
            return;
        }
        // The officer's day, one tab at a time: concerns to handle, deputies' sign-in, the
        // ledger; the actions stay above, so recording for a citizen is always one tap away.
        // Landscape puts tabs and actions in one row: its height goes to the list.
        const bool oneRow = L.landscape;
        const float aw = oneRow ? (m_width - 6 * L.gap) / 7 : (m_width - 3 * L.gap) / 4;
        const float ah = oneRow ? L.tapMin : L.tapMin * 1.3f;
        const char* tabs[] = {"staff.tab.concerns", "staff.tab.signin", "staff.tab.ledger"};
        auto drawTabs = [&](float tw) {
            for (int t = 0; t < 3; ++t) {
                if (t) ImGui::SameLine(0, L.gap);
                if (widgets::button(ui, tr(tabs[t]), ImVec2(tw, L.tapMin),
                                    m_tab == t ? Style::Selected : Style::Secondary)) {
                    m_tab = t;
                    ui.focus = {};
                }
            }
        };
        if (oneRow) {
            drawTabs(aw);
            ImGui::SameLine(0, L.gap);
        }
        if (widgets::button(ui, tr("staff.record_for_citizen"), ImVec2(aw, ah), Style::Primary)) {
            ui.settings.staffRecording = true;
            ui.nav.push(ScreenId::Submit);
        }
        ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("staff.export_ledger"), ImVec2(aw, ah), Style::Accent)) {
            const auto e = ui.controller.exportLedgerThisMonth();
            m_exportOk = !e.usbPath.empty();
            m_exported = m_exportOk
                             ? tr("staff.exported_usb") + e.usbPath + tr("staff.exported_usb_done")
                         : e.localPath.empty() ? tr(e.messageKey)
                                               : tr(e.messageKey) + e.localPath;
        }
        ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("staff.settings"), ImVec2(aw, ah))) {
            m_settingsOpen = true;
            m_message.clear();
        }
        ImGui::SameLine(0, L.gap);
        // 退出 names who is logged in: what is done here is recorded under that name (four
        // characters fit the button at every size; a longer name is cut short there).
        const std::string officer = shortName(ui.controller.staffOfficer());
        if (widgets::button(
                ui,
                officer.empty() ? tr("staff.logout") : tr("staff.logout") + "（" + officer + "）",
                ImVec2(aw, ah))) {
            ui.controller.staffLogout();
            reset();
            return;
        }
        if (!oneRow) drawTabs((m_width - 2 * L.gap) / 3);
        if (!m_exported.empty())
            widgets::text(ui, m_exported, ui.fonts.body(),
                          m_exportOk ? ui.theme.ok : ui.theme.danger, m_width);
        drawTab(ui);
    }

    static std::string shortName(const std::string& name) {
        if (domain::codePointCount(name) <= 4) return name;
        // The bytes of the first three characters (a character starts at a non-continuation
        // byte), then an ellipsis.
        std::size_t end = 0;
        for (int seen = 0; end < name.size(); ++end)
            if ((static_cast<unsigned char>(name[end]) & 0xC0) != 0x80 && seen++ == 3) break;
        return name.substr(0, end) + "…";
    }

    void drawTab(Ui& ui) {
        if (m_tab == 0) {
            m_concerns.draw(ui, m_width);
        } else if (m_tab == 2) {
            m_ledger.draw(ui, m_width);
        } else {
            m_signin.draw(ui, m_width);
        }
    }

    // Settings of this kiosk: the display scale (stored in the station database, applied at once).
    void settings(Ui& ui) {
        const auto& L = ui.layout;
        const float backH = L.tapMin * 1.2f;
        widgets::beginBody(ui, "##staff-settings", backH + L.gap);
        widgets::text(ui, tr("staff.settings_title"), ui.fonts.title(), ui.theme.text, m_width);
        widgets::text(ui, tr("staff.display_scale"), ui.fonts.body(), ui.theme.mutedText, m_width);
        const float bw = (m_width - 3 * L.gap) / 4;
        int i = 0;
        for (float scale : app::kDisplayScales) {
            if (i++) ImGui::SameLine(0, L.gap);
            const std::string label = std::to_string(static_cast<int>(scale * 100 + 0.5f)) + "%";
            if (widgets::button(ui, label, ImVec2(bw, L.tapMin),
                                ui.settings.scale == scale ? Style::Selected : Style::Secondary)) {
                m_message = ui.controller.setDisplayScale(scale);
                if (m_message.empty()) ui.settings.scale = scale;
                m_saved = m_message.empty();
            }
        }
        if (m_saved) widgets::text(ui, tr("staff.saved"), ui.fonts.body(), ui.theme.ok, m_width);
        if (!m_message.empty())
            widgets::text(ui, tr(m_message), ui.fonts.body(), ui.theme.danger, m_width);
        widgets::text(ui, tr("staff.station_info") + ui.model.station.name, ui.fonts.body(),
                      ui.theme.text, m_width);
        widgets::text(ui, tr("staff.station_id") + ui.model.station.id, ui.fonts.body(),
                      ui.theme.mutedText, m_width);
        widgets::text(ui, tr("staff.sync_title"), ui.fonts.title(), ui.theme.text, m_width);
        widgets::text(ui, widgets::syncStateText(ui.model), ui.fonts.body(), ui.theme.text,
                      m_width);
        if (widgets::button(ui, tr("staff.sync_now"), ImVec2(m_width / 2, L.tapMin),
                            Style::Accent)) {
            ui.controller.syncNow();
            m_syncRequested = true;
        }
        if (m_syncRequested)
            widgets::text(ui, tr("staff.sync_requested"), ui.fonts.body(), ui.theme.ok, m_width);
        widgets::text(ui, tr("staff.sync_log"), ui.fonts.body(), ui.theme.mutedText, m_width);
        for (const auto& [at, line] : ui.controller.syncLog(20))
            widgets::text(ui, widgets::timeOfDay(at, ui.model.offset()) + "  " + line,
                          ui.fonts.body(), ui.theme.mutedText, m_width);
        widgets::endScroll(ui);
        ImGui::SetCursorScreenPos(ImVec2(L.pad, L.size.y - L.pad - backH));
        if (widgets::button(ui, tr("staff.back_to_work"), ImVec2(m_width, backH))) {
            m_settingsOpen = false;
            m_saved = false;
            m_message.clear();
        }
    }

    StaffLoginPanel m_login;
    bool m_loggedIn = false;
    bool m_settingsOpen = false;
    bool m_saved = false;
    bool m_syncRequested = false;
    std::string m_message;
    std::string m_exported;
    bool m_exportOk = false;
    int m_tab = 0;  // 意见办理, 代表签到, 台账登记
    StaffConcernsPanel m_concerns;
    StaffSignInPanel m_signin;
    StaffLedgerPanel m_ledger;
    float m_width = 0;
};

}  // namespace

std::unique_ptr<Screen> makeStaffScreen() {
    return std::make_unique<StaffScreen>();
}

}  // namespace kiosk::screens
