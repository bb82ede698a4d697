#include "kiosk/store/station_roster.hpp"

#include <stdexcept>

namespace kiosk::store {

void applyRoster(StationStore& store, const csync::model::StationRoster& roster) {
    const auto& station = roster.station;
    if (!station || station->id.empty() || station->name.empty() || station->countyCode.empty())
        throw std::invalid_argument("station needs id, name and county_code");
    Transaction tx(store.db());
    store.station().put(*station);
    auto repo = store.roster();
    for (const auto& d : roster.deputies) repo.putDeputy(d);
    std::vector<std::string> slotIds;
    for (const auto& slot : roster.slots) {
        repo.putSlot(slot);
        slotIds.push_back(slot.id);
    }
    // A schedule from the county is the whole schedule: a day it cancelled disappears here too.
    if (roster.hasSlots) repo.removeSlotsExcept(slotIds);
    tx.commit();
}

csync::model::StationRoster currentRoster(StationStore& store) {
    csync::model::StationRoster r;
    r.station = store.station().get();
    r.deputies = store.roster().deputies(true);
    r.slots = store.roster().slots();
    r.hasSlots = true;
    return r;
}

}  // namespace kiosk::store
