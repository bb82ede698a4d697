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
#include "kiosk/store/store_types.hpp"
#include "sync/protocol/announcement.hpp"

namespace kiosk::store {
class StationStore;  // screens see the model and the controller, never the store
}  // namespace kiosk::store

namespace kiosk::app {

using domain::PublishedResult;

/// How many published answers the model holds: the board pages through the latest ones.
inline constexpr int kResultsShown = 200;

class KioskModel {
public:
    /// Reloads everything from the store for time `now`.
    void refresh(store::StationStore& store, domain::EpochMs now);

    domain::Station station;
    std::vector<domain::Deputy> deputies;  // public view: hidden fields emptied
    std::vector<domain::ReceptionSlot> slots;
    std::vector<domain::DutyEntry> onDuty;
    std::optional<domain::ReceptionSlot> nextReception;
    std::vector<PublishedResult> results;            // the latest kResultsShown, newest first
    std::int64_t resultsTotal = 0;                   // published in all
    domain::ConcernTotals yearTotals;                // concerns received this calendar year
    std::vector<csync::Announcement> announcements;  // showing now, the newest first
    std::int64_t pendingUploads = 0;
    store::SyncStatus sync;                            // last exchange with the county server
    std::optional<domain::OpeningHours> openingHours;  // unset: always open
    bool openNow = true;                               // within opening hours at `now`
    bool largeTextDefault = false;                     // how each visit starts (stationctl)
    bool readAloudDefault = false;
    domain::EpochMs now = 0;

    /// The public view of a deputy, or nullptr.
    const domain::Deputy* deputy(const std::string& id) const;
    /// Every text the model holds (for baking glyphs).
    std::string allText() const;
    int offset() const { return station.utcOffsetMinutes; }

private:
    std::int64_t m_boardStamp = -1;  // the store's change stamp when the totals were last read
    std::int64_t m_boardCount = -1;  // its board and roster counters when those were read
    std::int64_t m_rosterCount = -1;
    int m_boardYear = 0;
    std::string m_announcementsJson;  // the setting last parsed
    std::vector<csync::Announcement> m_allAnnouncements;
};

}  // namespace kiosk::app
