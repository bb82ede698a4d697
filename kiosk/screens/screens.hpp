#pragma once
// Factories of the screens, one per file (kiosk/screens/<name>.cpp).
#include <memory>

#include "kiosk/screens/screen.hpp"

namespace kiosk::screens {

std::unique_ptr<Screen> makeHomeScreen();
std::unique_ptr<Screen> makeSubmitScreen();
std::unique_ptr<Screen> makeTrackScreen();
std::unique_ptr<Screen> makeDeputiesScreen();
std::unique_ptr<Screen> makeScheduleScreen();
std::unique_ptr<Screen> makeResultsScreen();
std::unique_ptr<Screen> makeAnnouncementsScreen();
std::unique_ptr<Screen> makeStaffScreen();
std::unique_ptr<Screen> makeScanScreen();
std::unique_ptr<Screen> makeClosedScreen();

}  // namespace kiosk::screens
