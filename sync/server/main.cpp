// county-server: receives stations' batches and publishes config and updates back (sync/server).
#include <string>
#include <vector>

#include "sync/server/cli.hpp"

int main(int argc, char** argv) {
    return csync::server::runCli(std::vector<std::string>(argv + 1, argv + argc));
}
