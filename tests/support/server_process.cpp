#include "server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace testsupport {

ServerProcess::ServerProcess(const std::string& program, const std::string& db) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    m_pid = fork();
    if (m_pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(program.c_str(), program.c_str(), "--db", ("sqlite:" + db).c_str(), "--listen",
              "127.0.0.1:0", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char c;
    while (out.find('\n') == std::string::npos && read(fds[0], &c, 1) == 1) out += c;
    close(fds[0]);
    const auto colon = out.rfind(':');
    if (out.rfind("listening on", 0) != 0 || colon == std::string::npos) {
        stop(SIGKILL);
        throw std::runtime_error("county-server did not start: " + out);
    }
    m_port = std::stoi(out.substr(colon + 1));
}

void ServerProcess::stop(int signal) {
    if (m_pid <= 0) return;
    kill(m_pid, signal);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

}  // namespace testsupport
