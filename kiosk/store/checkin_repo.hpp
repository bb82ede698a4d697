#pragma once
// Deputies' check-ins and check-outs, each queued for the county with the check-in itself.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/domain/schedule.hpp"
#include "kiosk/domain/station.hpp"
#include "kiosk/store/sqlite.hpp"
#include "platform/clock.hpp"

namespace kiosk::store {

class CheckinRepository {
public:
    CheckinRepository(Database& db, const platform::Clock& clock) : m_db(db), m_clock(clock) {}
    /// Records a check-in or check-out now; whether it was planned is taken from the schedule.
    /// Throws StoreError(UnknownDeputy) for an unknown or inactive deputy.
    domain::Checkin record(const std::string& deputyId, domain::Direction direction,
                           domain::CheckinMethod method, const std::string& keyId);
    /// Check-ins in [range.begin, range.end), or all, oldest first.
    std::vector<domain::Checkin> list(std::optional<domain::MonthRange> range = std::nullopt);

private:
    Database& m_db;
    const platform::Clock& m_clock;
};

}  // namespace kiosk::store
