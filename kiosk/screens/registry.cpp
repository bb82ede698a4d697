// The one registration list of kiosk screens.
#include "kiosk/screens/screen.hpp"
#include "kiosk/screens/screens.hpp"

namespace kiosk::screens {

std::vector<std::unique_ptr<Screen>> makeScreens() {
    std::vector<std::unique_ptr<Screen>> list;
    list.push_back(makeHomeScreen());
    list.push_back(makeSubmitScreen());
    list.push_back(makeTrackScreen());
    list.push_back(makeDeputiesScreen());
    list.push_back(makeScheduleScreen());
    list.push_back(makeResultsScreen());
    list.push_back(makeAnnouncementsScreen());
    list.push_back(makeStaffScreen());
    list.push_back(makeScanScreen());
    list.push_back(makeClosedScreen());
    return list;
}

}  // namespace kiosk::screens
