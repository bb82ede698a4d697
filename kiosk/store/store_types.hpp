#pragma once
// Plain values the store hands to the kiosk's model and controller. Kept apart from the
// repositories so screens can read them without reaching SQLite, even indirectly.
#include <cstddef>
#include <cstdint>
#include <string>

namespace kiosk::store {

/// The last exchange with the county server, for staff.
struct SyncStatus {
    bool enrolled = false;
    std::int64_t lastSuccessMs = 0;  // 0: never
    std::int64_t lastAttemptMs = 0;
    std::string lastError;           // csync::syncErrorId of the last failed run, "" after success
    std::string lastMessage;         // its detail, for staff
    std::int64_t clockOffsetMs = 0;  // county clock minus station clock
};

/// The outcome of a staff PIN.
struct StaffLoginResult {
    bool ok = false;
    bool noPin = false;         // neither a station PIN nor any officer is set on this station
    long long lockedUntil = 0;  // epoch ms; > now while locked
    int failures = 0;
};

/// A liaison officer who may log in by name (staff mode shows their names).
struct LiaisonOfficer {
    std::string id;
    std::string name;
};

/// Longest officer name, in characters (a name and a place to tell two alike apart).
inline constexpr std::size_t kOfficerNameChars = 20;

}  // namespace kiosk::store
