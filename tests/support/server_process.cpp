#include "server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace testsupport {

ServerProcess::ServerProcess(const std::string& program, const std::string& db,
                             const std::vector<std::string>& extraArgs) {
    // A bare path is a SQLite file; a URL (sqlite:… or postgresql://…) is taken as it is.
    const bool url = db.starts_with("sqlite:") || db.starts_with("postgres");
    std::vector<std::string> args{program, "--db", url ? db : "sqlite:" + db, "--listen",
                                  "127.0.0.1:0"};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    m_pid = fork();
    if (m_pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execv(program.c_str(), argv.data());
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
    m_tls = out.find("https://") != std::string::npos;
}

void ServerProcess::stop(int signal) {
    if (m_pid <= 0) return;
    kill(m_pid, signal);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

}  // namespace testsupport
