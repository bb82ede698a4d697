#pragma once
// What the attendance, station and dashboard pages read from the county database: stations
// with their sync state, deputies and planned slots of the imported rosters, check-ins and
// concerns as stations sent them. Loading is plain SQL (both backends); the tallies of plan
// against check-ins are computed here in C++ (days are county days, "YYYY-MM-DD").
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sync/server/sql.hpp"

namespace csync::server::staff {

/// A station with its sync state.
struct StationState {
    std::string id;
    std::string name;
    std::int64_t createdAt = 0;
    std::int64_t lastSeen = 0;     // 0: never synced
    std::int64_t clockOffset = 0;  // station clock minus server clock, ms
    std::string appVersion;
    std::int64_t waiting = -1;  // records waiting at the station as last reported, -1: unknown
    std::int64_t waitingReportedAt = 0;
    std::int64_t concerns = 0;    // concerns received from it
    std::int64_t unanswered = 0;  // of those, not answered or closed yet
};

/// A deputy on a station's roster.
struct DeputyEntry {
    std::string station;
    std::string id;
    std::string name;
    std::string level;
};

/// A planned slot (reception day or another activity) of a station's schedule.
struct PlanSlot {
    std::string station;
    std::string date;  // county day
    std::string kind;
    std::string start, end, place;
    std::vector<std::string> deputies;
};

/// A deputy's "in" check-in at a station.
struct CheckinDay {
    std::string station;
    std::string deputy;
    std::string date;  // county day of the check-in
    std::int64_t at = 0;
};

/// A concern as received, with what the dashboard and the deputy page need.
struct ConcernFact {
    std::string id;
    std::string station;
    std::string receipt;
    std::string status;
    std::string category;
    std::string deputy;
    std::int64_t createdAt = 0;
    std::int64_t answeredAt = 0;  // first answer or close published, 0: none yet
};

/// A ledger entry (station activity record).
struct LedgerFact {
    std::string station;
    std::int64_t at = 0;
    std::string activity;
    std::int64_t people = 0;
    std::vector<std::string> deputies;
    std::string notes;
};

/// How long a station may stay silent before it is flagged (ms).
inline constexpr std::int64_t kSilentAfterMs = 2 * 86'400'000LL;

/// Whether a concern status counts as answered (answered or closed).
bool isAnswered(const std::string& status);

/// Every station with sync state, waiting records and concern counts, ordered by id.
std::vector<StationState> loadStations(SqlSession& sql);
/// Deputies of every roster (or of one station when station is not empty).
std::vector<DeputyEntry> loadDeputies(SqlSession& sql, const std::string& station = "");
/// Planned slots with fromDate <= date < toDate (or of one station).
std::vector<PlanSlot> loadSlots(SqlSession& sql, const std::string& fromDate,
                                const std::string& toDate, const std::string& station = "");
/// "in" check-ins on county days fromDate <= day < toDate (or of one station).
std::vector<CheckinDay> loadCheckins(SqlSession& sql, const std::string& fromDate,
                                     const std::string& toDate, const std::string& station = "");
/// Concerns received in [fromMs, toMs), oldest first, with category, deputy and first answer.
std::vector<ConcernFact> loadConcerns(SqlSession& sql, std::int64_t fromMs, std::int64_t toMs);
/// Ledger entries made in [fromMs, toMs).
std::vector<LedgerFact> loadLedger(SqlSession& sql, std::int64_t fromMs, std::int64_t toMs);

/// Plan against check-ins of one deputy at one station over a period.
struct AttendanceTally {
    std::string station;
    std::string deputy;
    int planned = 0;                  // planned days
    int attended = 0;                 // planned days with a check-in
    int unplanned = 0;                // check-in days that were not planned
    std::vector<std::string> missed;  // planned days before today without a check-in
    /// attended / (attended + missed): days still to come do not count yet; nullopt when none.
    std::optional<double> rate() const;
};

/// Tallies per (station, deputy), ordered by station then deputy; today is the county day now.
std::vector<AttendanceTally> tallyAttendance(const std::vector<PlanSlot>& slots,
                                             const std::vector<CheckinDay>& checkins,
                                             const std::string& today);

/// A rate as "66.7%", or "—" when there is none.
std::string percentText(std::optional<double> rate);
/// The name of a concern category id (the id itself when unknown).
std::string categoryName(const std::string& id);

/// "YYYY-MM" is well-formed.
bool isMonth(const std::string& month);
/// The month after "YYYY-MM".
std::string nextMonth(const std::string& month);
/// The month before "YYYY-MM".
std::string previousMonth(const std::string& month);

}  // namespace csync::server::staff
