#include "kiosk/store/staff_repo.hpp"

#include "kiosk/domain/staff_access.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"

namespace kiosk::store {
namespace {
constexpr const char* kHash = "staff.pin_hash";
constexpr const char* kFailures = "staff.failures";
constexpr const char* kLockedUntil = "staff.locked_until";
}  // namespace

void StaffRepository::setPin(const std::string& pin) {
    if (!domain::isValidPin(pin))
        throw StoreError(StoreErrorKind::InvalidInput, "error.pin_invalid",
                         domain::InputError::TextEmpty);
    StationRepository s(m_db);
    Transaction tx(m_db);
    s.setSetting(kHash, platform::hashSecret(pin));
    s.setSetting(kFailures, "0");
    s.setSetting(kLockedUntil, "0");
    tx.commit();
}

StaffLoginResult StaffRepository::state() {
    StationRepository s(m_db);
    StaffLoginResult r;
    r.noPin = !s.setting(kHash).has_value();
    r.failures = std::stoi(s.setting(kFailures).value_or("0"));
    r.lockedUntil = std::stoll(s.setting(kLockedUntil).value_or("0"));
    return r;
}

StaffLoginResult StaffRepository::login(const std::string& pin, long long now) {
    const StaffLoginResult r = state();
    if (r.noPin || r.lockedUntil > now) return r;
    return recordAttempt(platform::verifySecret(pinHash(), pin), now);
}

std::string StaffRepository::pinHash() {
    return StationRepository(m_db).setting(kHash).value_or("");
}

StaffLoginResult StaffRepository::recordAttempt(bool ok, long long now) {
    StaffLoginResult r = state();
    if (r.noPin || r.lockedUntil > now) return r;
    StationRepository s(m_db);
    Transaction tx(m_db);
    r.failures = ok ? 0 : r.failures + 1;
    const long long lock = domain::lockoutMs(r.failures);
    r.lockedUntil = lock ? now + lock : 0;
    s.setSetting(kFailures, std::to_string(r.failures));
    s.setSetting(kLockedUntil, std::to_string(r.lockedUntil));
    tx.commit();
    r.ok = ok;
    return r;
}

}  // namespace kiosk::store
