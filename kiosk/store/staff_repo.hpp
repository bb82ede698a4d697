#pragma once
// Staff access: the station's shared PIN and named liaison officers (联络员) with a PIN each,
// all hashed; the failure counter and lockout are kept in the settings table so a lockout
// survives a restart of the kiosk. One lockout for the whole station: trying PINs against
// several names does not multiply the tries.
#include <string>
#include <vector>

#include "kiosk/store/sqlite.hpp"
#include "kiosk/store/store_types.hpp"

namespace kiosk::store {

class StaffRepository {
public:
    explicit StaffRepository(Database& db) : m_db(db) {}
    /// Sets the station's shared PIN (hashed). Throws StoreError(InvalidInput, key) for a PIN
    /// that is not 6–12 digits.
    void setPin(const std::string& pin);
    /// Adds a named liaison officer with their own PIN. Throws StoreError(InvalidInput, key):
    /// error.pin_invalid, error.officer_name (empty, too long, not text), error.officer_exists.
    LiaisonOfficer addOfficer(const std::string& name, const std::string& pin, long long now);
    /// Sets an officer's PIN; false when no officer has that name.
    bool setOfficerPin(const std::string& name, const std::string& pin);
    /// Takes an officer off the login list (their records keep their name); false if unknown.
    bool removeOfficer(const std::string& name);
    /// The officers who may log in, by name.
    std::vector<LiaisonOfficer> officers();
    /// Whether the shared station PIN is set.
    bool hasStationPin();
    /// Checks a PIN at time now — the officer's when officerId is given, else the station's —
    /// counting failures and applying the lockout.
    StaffLoginResult login(const std::string& pin, long long now,
                           const std::string& officerId = "");
    /// Current lock state without trying a PIN.
    StaffLoginResult state();
    /// The stored PIN hash of the station ("" when none) or of an officer ("" when unknown), to
    /// check a PIN away from the UI thread.
    std::string pinHash(const std::string& officerId = "");
    /// Records the outcome of a PIN checked at now: resets or counts failures, applies the
    /// lockout. Refused (ok false, nothing counted) while locked or without any PIN.
    StaffLoginResult recordAttempt(bool ok, long long now);

private:
    Database& m_db;
};

}  // namespace kiosk::store
