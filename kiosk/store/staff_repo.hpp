#pragma once
// The staff PIN (hashed) and its failure counter and lockout, kept in the settings table so a
// lockout survives a restart of the kiosk.
#include <string>

#include "kiosk/store/sqlite.hpp"

namespace kiosk::store {

struct StaffLoginResult {
    bool ok = false;
    bool noPin = false;         // no PIN has been set on this station
    long long lockedUntil = 0;  // epoch ms; > now while locked
    int failures = 0;
};

class StaffRepository {
public:
    explicit StaffRepository(Database& db) : m_db(db) {}
    /// Sets the PIN (hashed). Throws StoreError(InvalidInput) for a PIN that is not 6–12 digits.
    void setPin(const std::string& pin);
    /// Checks a PIN at time now, counting failures and applying the lockout.
    StaffLoginResult login(const std::string& pin, long long now);
    /// Current lock state without trying a PIN.
    StaffLoginResult state();
    /// The stored PIN hash ("" when no PIN is set), to check a PIN away from the UI thread.
    std::string pinHash();
    /// Records the outcome of a PIN checked at now: resets or counts failures, applies the
    /// lockout. Refused (ok false, nothing counted) while locked or without a PIN.
    StaffLoginResult recordAttempt(bool ok, long long now);

private:
    Database& m_db;
};

}  // namespace kiosk::store
