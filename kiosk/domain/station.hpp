#pragma once
// The station itself and its ledger (台账, seed 002 §12): every activity is recorded and counts
// towards the deputies' record.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/local_time.hpp"
#include "sync/model/roster.hpp"

namespace kiosk::domain {

using csync::model::Station;

struct LedgerEntry {
    std::string id;  // uuid
    EpochMs at = 0;
    std::string activity;  // slot kind id or free activity name
    std::string slotId;    // the reception slot it belongs to, if any
    int peopleReceived = 0;
    std::vector<std::string> deputies;
    std::string notes;
    std::string officer;  // the liaison officer who entered it, by name ("" if none)
};

/// Which ledger entries, check-ins and concerns a monthly export covers: [first, last) instants.
struct MonthRange {
    EpochMs begin = 0;
    EpochMs end = 0;
};

/// Parses "YYYY-MM" into the instants the month spans at the station's offset.
std::optional<MonthRange> monthRange(std::string_view yyyyMm, int utcOffsetMinutes);

}  // namespace kiosk::domain
