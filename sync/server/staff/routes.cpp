// The one registration list of staff pages (the order only matters for overlapping patterns).
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {

std::unique_ptr<WebApp> makeWebApp(Backend& backend, const platform::Clock& clock) {
    auto app = std::make_unique<WebApp>(backend, clock);
    registerAccountPages(*app);
    registerExportPages(*app);
    registerRosterPages(*app);
    registerCardPages(*app);
    registerDashboardPage(*app);
    registerAttendancePages(*app);
    registerStationPages(*app);
    registerStationCodePages(*app);
    registerConcernPages(*app);
    registerTrackPage(*app);
    registerAnnouncementPages(*app);
    registerSettingsPages(*app);
    return app;
}

}  // namespace csync::server::staff
