#pragma once
// Loading a station's settings, roster and schedule from JSON: a county-issued config file
// (stationctl init --config) or the embedded demo station (assets/demo/station.json).
#include <nlohmann/json.hpp>

#include "kiosk/store/station_store.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"

namespace kiosk::demo {

/// Applies {"station":{...}, "deputies":[...], "slots":[...]} to the store. Deputies may carry
/// a base64 "photo". Throws std::invalid_argument naming the field at fault.
void applyStationConfig(store::StationStore& store, const nlohmann::json& config);

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
