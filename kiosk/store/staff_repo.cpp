#include "kiosk/store/staff_repo.hpp"

#include "kiosk/domain/staff_access.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/store/guarded.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"
#include "sync/model/utf8.hpp"

namespace kiosk::store {
namespace {
constexpr const char* kHash = "staff.pin_hash";
constexpr const char* kFailures = "staff.failures";
constexpr const char* kLockedUntil = "staff.locked_until";

void checkPin(const std::string& pin) {
    if (!domain::isValidPin(pin))
        throw StoreError(StoreErrorKind::InvalidInput, "error.pin_invalid");
}
}  // namespace

void StaffRepository::setPin(const std::string& pin) {
    checkPin(pin);
    StationRepository s(m_db);
    Transaction tx(m_db);
    s.setSetting(kHash, platform::hashSecret(pin));
    s.setSetting(kFailures, "0");
    s.setSetting(kLockedUntil, "0");
    tx.commit();
}

LiaisonOfficer StaffRepository::addOfficer(const std::string& typed, const std::string& pin,
                                           long long now) {
    const std::string name = domain::trimSpaces(typed);
    const auto length = csync::model::textLength(name);
    if (!length || *length == 0 || *length > kOfficerNameChars ||
        name.find_first_of("\r\n\t") != std::string::npos)
        throw StoreError(StoreErrorKind::InvalidInput, "error.officer_name");
    checkPin(pin);
    LiaisonOfficer officer{platform::newUuid(), name};
    const std::string hash = platform::hashSecret(pin);
    guarded([&] {
        Transaction tx(m_db);
        auto& taken = m_db.cached("SELECT 1 FROM liaison_officer WHERE name = ?");
        taken.bindAll(name);
        const bool exists = taken.step();
        taken.reset();
        if (exists) throw StoreError(StoreErrorKind::InvalidInput, "error.officer_exists");
        m_db.cached("INSERT INTO liaison_officer(id, name, pin_hash, created_at) VALUES(?,?,?,?)")
            .bindAll(officer.id, name, hash, static_cast<std::int64_t>(now))
            .run();
        tx.commit();
    });
    return officer;
}

bool StaffRepository::setOfficerPin(const std::string& name, const std::string& pin) {
    checkPin(pin);
    const std::string hash = platform::hashSecret(pin);
    return guarded([&] {
        m_db.cached("UPDATE liaison_officer SET pin_hash = ? WHERE name = ?")
            .bindAll(hash, domain::trimSpaces(name))
            .run();
        return m_db.changes() > 0;
    });
}

bool StaffRepository::removeOfficer(const std::string& name) {
    return guarded([&] {
        m_db.cached("DELETE FROM liaison_officer WHERE name = ?")
            .bindAll(domain::trimSpaces(name))
            .run();
        return m_db.changes() > 0;
    });
}

std::vector<LiaisonOfficer> StaffRepository::officers() {
    auto& st = m_db.cached("SELECT id, name FROM liaison_officer ORDER BY created_at, name");
    std::vector<LiaisonOfficer> out;
    while (st.step()) out.push_back({st.getText(0), st.getText(1)});
    return out;
}

bool StaffRepository::hasStationPin() {
    return StationRepository(m_db).setting(kHash).has_value();
}

StaffLoginResult StaffRepository::state() {
    StationRepository s(m_db);
    StaffLoginResult r;
    r.noPin =
        !s.setting(kHash).has_value() && m_db.queryInt("SELECT COUNT(*) FROM liaison_officer") == 0;
    r.failures = std::stoi(s.setting(kFailures).value_or("0"));
    r.lockedUntil = std::stoll(s.setting(kLockedUntil).value_or("0"));
    return r;
}

StaffLoginResult StaffRepository::login(const std::string& pin, long long now,
                                        const std::string& officerId) {
    const StaffLoginResult r = state();
    if (r.noPin || r.lockedUntil > now) return r;
    const std::string hash = pinHash(officerId);
    return recordAttempt(!hash.empty() && platform::verifySecret(hash, pin), now);
}

std::string StaffRepository::pinHash(const std::string& officerId) {
    if (officerId.empty()) return StationRepository(m_db).setting(kHash).value_or("");
    auto& st = m_db.cached("SELECT pin_hash FROM liaison_officer WHERE id = ?");
    st.bindAll(officerId);
    std::string hash = st.step() ? st.getText(0) : "";
    st.reset();
    return hash;
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
