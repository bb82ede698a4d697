#pragma once
// The county's audit log (审计日志): who did what to which record, from where. Written in the
// same transaction as the action it records, by the desks and the staff pages alike.
#include <cstdint>
#include <string>
#include <string_view>

#include "sync/server/sql.hpp"

namespace csync::server {

/// Appends one line: user (login, or "命令行"), action ("concern.publish"), subject (a receipt,
/// a station id), detail, and the remote address ("" on the command line).
void writeAudit(SqlSession& sql, std::int64_t nowMs, const std::string& user,
                std::string_view action, std::string_view subject, std::string_view detail,
                const std::string& remote);

}  // namespace csync::server
