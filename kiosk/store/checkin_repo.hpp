#pragma once
// Deputies' check-ins and check-outs, each queued for the county with the check-in itself. A
// wrong one is corrected by a record that voids it, never deleted (csync::countsAsAttendance).
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
    /// Staff (method Staff without a card) must give a reason; `officer` names who did it. Throws
    /// StoreError(UnknownDeputy) for an unknown or inactive deputy, InvalidInput for a missing or
    /// too long reason.
    domain::Checkin record(const std::string& deputyId, domain::Direction direction,
                           domain::CheckinMethod method, const std::string& keyId,
                           const std::string& reason = "", const std::string& officer = "");
    /// Records now a correction that voids check-in `id` (same deputy and direction, method
    /// Staff). Throws NotFound for an unknown id, InvalidInput when no reason is given or the
    /// record is a correction or corrected already.
    domain::Checkin correct(const std::string& id, const std::string& reason,
                            const std::string& officer = "");
    /// Check-ins in [range.begin, range.end), or all, oldest first, that count as attendance:
    /// neither corrections nor voided by one (whenever the correction was made).
    std::vector<domain::Checkin> list(std::optional<domain::MonthRange> range = std::nullopt);

private:
    domain::Checkin insert(domain::Checkin c);

    Database& m_db;
    const platform::Clock& m_clock;
};

}  // namespace kiosk::store
