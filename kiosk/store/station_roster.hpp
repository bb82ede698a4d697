#pragma once
// A county roster (sync/model/roster.hpp) applied to the station store, and the store's roster
// read back in the same form: stationctl init --config and roster export, and the county's
// config on sync, all go through here.
#include "kiosk/store/station_store.hpp"
#include "sync/model/roster.hpp"

namespace kiosk::store {

/// Applies the roster in one transaction: the station (required, with id, name and county
/// code), its deputies, and, when the roster states its slots, the whole schedule (a slot left
/// out is removed). Throws std::invalid_argument when the station is missing or incomplete.
void applyRoster(StationStore& store, const csync::model::StationRoster& roster);

/// The station, every deputy (inactive ones too) and every slot, as the county imports them.
csync::model::StationRoster currentRoster(StationStore& store);

}  // namespace kiosk::store
