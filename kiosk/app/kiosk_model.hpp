#pragma once
// The state screens read, loaded from the station store: never a live SQL cursor, so drawing a
// frame touches no database. Refreshed after every intent and when the minute changes.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/domain/concern.hpp"
#include "kiosk/domain/deputy.hpp"
#include "kiosk/domain/opening_hours.hpp"
#include "kiosk/domain/schedule.hpp"
#include "kiosk/domain/station.hpp"
#include "kiosk/store/station_store.hpp"

namespace kiosk::app {

/// An answered concern as the results board may show it: category, dates and the county's
/// published answer. Never the citizen's own words, name, phone or receipt code.
struct PublishedResult {
    domain::Category category;
    domain::EpochMs askedAt = 0;
    domain::EpochMs answeredAt = 0;
    std::string answer;
    std::optional<domain::Satisfaction> satisfaction;
};

class KioskModel {
public:
    /// Reloads everything from the store for time `now`.
    void refresh(store::StationStore& store, domain::EpochMs now);

    domain::Station station;
    std::vector<domain::Deputy> deputies;  // public view: hidden fields emptied
    std::vector<domain::ReceptionSlot> slots;
    std::vector<domain::DutyEntry> onDuty;
    std::optional<domain::ReceptionSlot> nextReception;
    std::vector<PublishedResult> results;
    std::int64_t pendingUploads = 0;
    store::SyncStatus sync;                            // last exchange with the county server
    std::optional<domain::OpeningHours> openingHours;  // unset: always open
    bool openNow = true;                               // within opening hours at `now`
    domain::EpochMs now = 0;

    /// The public view of a deputy, or nullptr.
    const domain::Deputy* deputy(const std::string& id) const;
    /// Every text the model holds (for baking glyphs).
    std::string allText() const;
    int offset() const { return station.utcOffsetMinutes; }
};

}  // namespace kiosk::app
