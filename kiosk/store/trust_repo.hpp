#pragma once
// What the station trusts for deputy QR codes: the county's public signing keys (more than one
// during a key rotation) and the revocation list. Both arrive from the county (enrollment and
// sync; the demo station ships with a demo key) and live in the settings table.
#include <string>
#include <vector>

#include "kiosk/store/sqlite.hpp"
#include "sync/protocol/deputy_token.hpp"

namespace kiosk::store {

class TrustRepository {
public:
    explicit TrustRepository(Database& db) : m_db(db) {}
    /// The county's public signing keys; empty before enrollment.
    std::vector<csync::SigningKey> signingKeys();
    /// Replaces the signing keys.
    void setSigningKeys(const std::vector<csync::SigningKey>& keys);
    /// Serials of revoked deputy cards.
    std::vector<std::string> revokedSerials();
    /// Replaces the revocation list.
    void setRevokedSerials(const std::vector<std::string>& serials);

private:
    Database& m_db;
};

}  // namespace kiosk::store
