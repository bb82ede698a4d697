#pragma once
// The embedded demo station (assets/demo/station.json) and the demo county's keys. A county's
// roster is applied by kiosk/store/station_roster.hpp.
#include <nlohmann/json.hpp>

#include "kiosk/store/station_store.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"

namespace kiosk::demo {

/// The demo county's Ed25519 signing key for deputy QR cards (embedded; demo only).
struct DemoCountyKeys {
    std::string county;
    std::uint16_t keyId = 0;
    platform::SignKeyPair sign;
};
DemoCountyKeys demoCountyKeys();

/// Initialises the embedded demo station: settings, 12 deputies with generated portraits, a
/// year of reception days and activities around `clock`'s current month, and past concerns,
/// check-ins and ledger entries in the shape real ones have.
void loadDemoStation(store::StationStore& store, const platform::Clock& clock);

}  // namespace kiosk::demo
