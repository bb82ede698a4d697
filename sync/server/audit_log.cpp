#include "sync/server/audit_log.hpp"

#include "platform/crypto.hpp"

namespace csync::server {

void writeAudit(SqlSession& sql, std::int64_t nowMs, const std::string& user,
                std::string_view action, std::string_view subject, std::string_view detail,
                const std::string& remote) {
    sql.exec(
        "INSERT INTO audit_log(id, at, user_name, action, subject, detail, remote) "
        "VALUES($1, $2, $3, $4, $5, $6, $7)",
        {platform::newUuid(), nowMs, user, std::string(action), std::string(subject),
         std::string(detail), remote});
}

}  // namespace csync::server
