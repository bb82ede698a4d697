#pragma once
// Who acts on the county's data, for the history and the audit log.
#include <string>

namespace csync::server::desk {

/// A staff login (or "命令行" on county-server's command line) and the remote address ("" on
/// the command line).
struct Actor {
    std::string user;
    std::string remote;
};

}  // namespace csync::server::desk
