#pragma once
// Deputies' check-in records as both sides read them. A wrong check-in is never deleted: staff
// add a correcting record that names it ("voids"), so the station's file, the upload queue and
// the county's archive keep what happened. One rule of what counts as attendance for the
// kiosk's duty board and ledger and for the county's attendance pages.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csync {

/// Payload fields a staff sign-in and a correction add to a check-in record (absent when empty,
/// so records made before corrections existed read the same).
namespace checkin_field {
inline constexpr const char* Reason = "reason";  // why staff signed by hand, or corrected
inline constexpr const char* Voids = "voids";    // the record id a correction cancels
}  // namespace checkin_field

/// Longest reason staff may give, in characters.
inline constexpr std::size_t kCheckinReasonChars = 100;

/// What a check-in record needs for the rule: its id and, for a correction, the id it voids.
struct CheckinRef {
    std::string_view id;
    std::string_view voids;  // empty: an ordinary check-in or check-out
};

/// For each record (same order), whether it counts as attendance: a correction never does, nor
/// any record a correction among `records` voids.
std::vector<bool> countsAsAttendance(const std::vector<CheckinRef>& records);

}  // namespace csync
