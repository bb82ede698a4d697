// stationctl: operations command line over a station database (see kiosk/cli/stationctl.hpp;
// `stationctl --help` lists the commands).
#include <iostream>

#include "kiosk/cli/stationctl.hpp"

int main(int argc, char** argv) {
    const platform::SystemClock clock;
    return kiosk::cli::runStationctl({argv + 1, argv + argc}, std::cout, std::cerr, clock);
}
