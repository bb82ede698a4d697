#pragma once
// The monthly ledger (台账) as CSV: activities, check-ins and concerns in time order, UTF-8 with
// a byte-order mark and CRLF line ends so Excel opens the Chinese text correctly.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/concern.hpp"
#include "kiosk/domain/schedule.hpp"
#include "kiosk/domain/station.hpp"

namespace kiosk::domain {

struct LedgerSources {
    std::vector<LedgerEntry> entries;
    std::vector<Checkin> checkins;
    std::vector<Concern> concerns;
    std::map<std::string, std::string> deputyNames;  // id → name
    int utcOffsetMinutes = kChinaUtcOffsetMinutes;
};

/// Looks up user-visible text by string-table key.
using Translate = std::function<std::string(std::string_view key)>;

/// The ledger CSV: header row then one row per activity, check-in and concern, oldest first.
std::string ledgerCsv(const LedgerSources& sources, const Translate& tr);

}  // namespace kiosk::domain
