#include "kiosk/store/trust_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/store/station_repo.hpp"

namespace kiosk::store {

namespace {
constexpr const char* kKeys = "county.sign_keys";
constexpr const char* kRevoked = "county.revoked";
}  // namespace

std::vector<csync::SigningKey> TrustRepository::signingKeys() {
    std::vector<csync::SigningKey> out;
    const auto text = StationRepository(m_db).setting(kKeys);
    if (!text) return out;
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (!json.is_array()) return out;
    for (const auto& k : json) {
        if (!k.is_object()) continue;
        auto pk = platform::fromBase64(k.value("public_key", ""));
        if (!pk || pk->size() != 32) continue;  // a damaged entry trusts nothing
        out.push_back({k.value("county", ""), k.value<std::uint16_t>("key_id", 0), *pk});
    }
    return out;
}

void TrustRepository::setSigningKeys(const std::vector<csync::SigningKey>& keys) {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& k : keys)
        json.push_back({{"county", k.county},
                        {"key_id", k.keyId},
                        {"public_key", platform::toBase64(k.publicKey)}});
    StationRepository(m_db).setSetting(kKeys, json.dump());
}

std::vector<std::string> TrustRepository::revokedSerials() {
    const auto text = StationRepository(m_db).setting(kRevoked);
    if (!text) return {};
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    std::vector<std::string> out;
    if (json.is_array())
        for (const auto& s : json)
            if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

void TrustRepository::setRevokedSerials(const std::vector<std::string>& serials) {
    StationRepository(m_db).setSetting(kRevoked, nlohmann::json(serials).dump());
}

}  // namespace kiosk::store
