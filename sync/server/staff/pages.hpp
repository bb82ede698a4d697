#pragma once
// Each file of pages registers its routes here; routes.cpp calls them in one list.
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {

/// /, /login, /logout, /account, /users, /audit (account_pages.cpp).
void registerAccountPages(WebApp& app);
/// /concerns inbox, detail, contact and actions (concern_pages.cpp, concern_actions.cpp).
void registerConcernPages(WebApp& app);
/// /track and /track/CODE, the public progress page (track_page.cpp).
void registerTrackPage(WebApp& app);
/// /settings: the public URL of the progress page (settings_pages.cpp).
void registerSettingsPages(WebApp& app);

}  // namespace csync::server::staff
