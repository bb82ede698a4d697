// stationctl: operations command line over a station database (see kiosk/cli/stationctl.hpp).
// --now YYYY-MM-DDTHH:MM (station-local) runs it at a fixed time, for reproducible demo data.
#include <iostream>
#include <memory>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/local_time.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::unique_ptr<platform::Clock> clock = std::make_unique<platform::SystemClock>();
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] != "--now") continue;
        const std::string v = args[i + 1];
        const auto date = kiosk::domain::parseDate(v.substr(0, 10));
        const auto time =
            v.size() == 16 ? kiosk::domain::parseTimeOfDay(v.substr(11)) : std::nullopt;
        if (!date || !time) {
            std::cerr << "错误：--now 的格式应为 YYYY-MM-DDTHH:MM\n";
            return 2;
        }
        clock = std::make_unique<platform::ManualClock>(
            kiosk::domain::fromLocal(*date, *time, kiosk::domain::kChinaUtcOffsetMinutes));
        args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
        break;
    }
    return kiosk::cli::runStationctl(args, std::cout, std::cerr, *clock);
}
