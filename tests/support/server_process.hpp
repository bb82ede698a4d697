#pragma once
// A county-server process on 127.0.0.1 with a port the OS picked, for sync tests.
#include <sys/types.h>

#include <string>
#include <vector>

namespace testsupport {

class ServerProcess {
public:
    /// Starts `program --db sqlite:DB --listen 127.0.0.1:0` (or --db DB when DB is a sqlite: or
    /// postgresql:// URL) and waits for its "listening on" line. Throws std::runtime_error when
    /// it does not start.
    ServerProcess(const std::string& program, const std::string& db,
                  const std::vector<std::string>& extraArgs = {});
    ~ServerProcess() { stop(15); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    /// Sends the signal (SIGTERM = 15, SIGKILL = 9) and waits for the process.
    void stop(int signal);
    int port() const { return m_port; }
    std::string url() const {
        return (m_tls ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(m_port);
    }

private:
    pid_t m_pid = -1;
    int m_port = 0;
    bool m_tls = false;
};

}  // namespace testsupport
