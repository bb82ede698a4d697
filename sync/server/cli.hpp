#pragma once
// county-server's command line: init, station add, roster import, concern answer, revoke,
// export, and --listen to serve. Exit codes: 0 ok, 1 failure, 2 bad usage.
#include <string>
#include <vector>

namespace csync::server {

/// Runs county-server with its arguments (argv[1…]); returns the exit code.
int runCli(const std::vector<std::string>& args);

}  // namespace csync::server
