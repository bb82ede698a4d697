#include "sync/server/desk/card_desk.hpp"

#include "platform/crypto.hpp"
#include "sync/server/audit_log.hpp"

namespace csync::server::desk {

std::optional<Revoked> revokeCard(SqlSession& sql, const std::string& serial, const Actor& actor,
                                  std::int64_t nowMs) {
    const auto bytes = platform::fromHex(serial);
    if (!bytes || bytes->size() != 8) return std::nullopt;
    Revoked r{platform::toHex(*bytes), false};
    SqlTransaction tx(sql);
    sql.exec("INSERT INTO revoked(serial, at) VALUES($1, $2) ON CONFLICT (serial) DO NOTHING",
             {r.serial, nowMs});
    r.listed = !sql.query("SELECT 1 FROM deputy_card WHERE serial = $1", {r.serial}).empty();
    sql.exec("UPDATE deputy_card SET revoked_at = $1 WHERE serial = $2 AND revoked_at = 0",
             {nowMs, r.serial});
    writeAudit(sql, nowMs, actor.user, "card.revoke", r.serial, "", actor.remote);
    tx.commit();
    return r;
}

}  // namespace csync::server::desk
