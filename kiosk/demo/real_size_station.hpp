#pragma once
// A generated station of real size (issue 13): what a busy station holds after five years, for
// the layout tests and the benchmarks. Built on the demo station, through the same store API.
#include "kiosk/store/station_store.hpp"
#include "platform/clock.hpp"

namespace kiosk::demo {

struct RealSizeShape {
    int deputies = 60;     // the whole roster, demo deputies included
    int slots = 2000;      // reception days and activities over `years`, demo slots included
    int concerns = 20000;  // with status histories; about one in ten published with an answer
    int published = 2000;
    int years = 5;
};

/// Loads the demo station, then grows it to `shape` with deterministic data (same output for
/// the same clock). Everything older than today counts as synced (acknowledged) as on a station
/// that has been on line for years.
void loadRealSizeStation(store::StationStore& store, const platform::Clock& clock,
                         const RealSizeShape& shape = {});

}  // namespace kiosk::demo
