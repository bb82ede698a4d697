#pragma once
// The county's card desk: revoking a deputy's duty card (代表码), the same from the staff pages
// and from county-server's command line.
#include <cstdint>
#include <optional>
#include <string>

#include "sync/server/desk/actor.hpp"
#include "sync/server/sql.hpp"

namespace csync::server::desk {

/// What a revocation did.
struct Revoked {
    std::string serial;   // canonical: 16 lowercase hex digits
    bool listed = false;  // the card was issued on the staff pages (and is now marked there)
};

/// Revokes the card with this serial (16 hex digits, any case) in one transaction: the list the
/// stations receive with their config (they refuse the card from their next sync), the mark in
/// the staff pages' card list, and the audit line. Revoking twice is harmless. Returns nullopt
/// when serial is not 16 hex digits.
std::optional<Revoked> revokeCard(SqlSession& sql, const std::string& serial, const Actor& actor,
                                  std::int64_t nowMs);

}  // namespace csync::server::desk
