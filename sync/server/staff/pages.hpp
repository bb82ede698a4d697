#pragma once
// Each file of pages registers its routes here; routes.cpp calls them in one list.
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {

/// /, /login, /logout, /account, /users, /audit (account_pages.cpp).
void registerAccountPages(WebApp& app);
/// /exports, /exports/download: concerns, check-ins and the ledger as CSV or XLSX
/// (export_pages.cpp).
void registerExportPages(WebApp& app);
/// /roster…: deputies and reception schedule of each station (roster_pages.cpp).
void registerRosterPages(WebApp& app);
/// /cards…: deputies' duty QR cards, the card sheet, revocation, key rotation (card_pages.cpp).
void registerCardPages(WebApp& app);
/// /attendance, /attendance/deputy/<id> (attendance_pages.cpp).
void registerAttendancePages(WebApp& app);
/// /stations, /stations/<id> (station_pages.cpp).
void registerStationPages(WebApp& app);
/// POST /stations/<id>/code[/revoke]: one-time enrollment codes (station_code_pages.cpp).
void registerStationCodePages(WebApp& app);
/// The enrollment-code section of a station's page: states, and for admins the buttons.
std::string enrollmentCodeSection(Context& ctx, const std::string& station);
/// /dashboard (dashboard_page.cpp).
void registerDashboardPage(WebApp& app);
/// /concerns inbox, detail, contact and actions (concern_pages.cpp, concern_actions.cpp).
void registerConcernPages(WebApp& app);
/// /track and /track/CODE, the public progress page (track_page.cpp).
void registerTrackPage(WebApp& app);
/// /announcements: write, list and end the announcements stations show (announcement_pages.cpp).
void registerAnnouncementPages(WebApp& app);
/// /settings: the public URL of the progress page (settings_pages.cpp).
void registerSettingsPages(WebApp& app);

}  // namespace csync::server::staff
