#include "pg_cluster.hpp"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace testsupport {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Where initdb and postgres live: $PG_BINDIR, else Debian's /usr/lib/postgresql/N/bin (newest N,
// not on PATH), else PATH.
fs::path binDir() {
    auto complete = [](const fs::path& dir) {
        std::error_code ec;
        return fs::exists(dir / "initdb", ec) && fs::exists(dir / "postgres", ec);
    };
    if (const char* env = std::getenv("PG_BINDIR"); env && *env)
        return complete(env) ? fs::path(env) : fs::path();
    fs::path best;
    int bestVersion = -1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const int version = std::atoi(entry.path().filename().c_str());
        if (version > bestVersion && complete(entry.path() / "bin")) {
            best = entry.path() / "bin";
            bestVersion = version;
        }
    }
    if (!best.empty()) return best;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && complete(dir)) return dir;
    return {};
}

// The account the server runs as: ourselves, or `postgres` when we are root (PostgreSQL refuses
// to run as root).
struct Owner {
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

std::optional<Owner> owner() {
    if (geteuid() != 0) return Owner{};
    const passwd* pw = getpwnam("postgres");
    if (!pw) return std::nullopt;
    return Owner{true, pw->pw_uid, pw->pw_gid};
}

std::string readTail(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

// Starts argv[0] as the owner in dir with output to log. dieWithParent: the child gets SIGQUIT
// (PostgreSQL's immediate shutdown) if this process dies without stopping it.
pid_t spawn(const std::vector<std::string>& args, const Owner& who, const fs::path& dir,
            const fs::path& log, bool dieWithParent) {
    // Everything the child needs is prepared before fork: it may not allocate afterwards.
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string dirText = dir.string();
    const int logFd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int nullFd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (logFd < 0 || nullFd < 0) throw std::runtime_error("cannot open " + log.string());
    if (who.drop && fchown(logFd, who.uid, who.gid) != 0)
        throw std::runtime_error("cannot chown " + log.string());
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(nullFd, 0);
        dup2(logFd, 1);
        dup2(logFd, 2);
        if (who.drop &&
            (setgroups(0, nullptr) != 0 || setgid(who.gid) != 0 || setuid(who.uid) != 0))
            _exit(126);
        // Set after setuid, which clears it.
        if (dieWithParent && (prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0 || getppid() != parent))
            _exit(1);
        if (chdir(dirText.c_str()) != 0) _exit(125);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(logFd);
    close(nullFd);
    return pid;
}

// Waits for pid until the deadline; the exit status, or nullopt if it is still running.
std::optional<int> waitUntil(pid_t pid, Clock::time_point deadline) {
    while (true) {
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (done < 0) return -1;
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

struct PgConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};

std::unique_ptr<PGconn, PgConnDeleter> connect(const std::string& uri) {
    std::unique_ptr<PGconn, PgConnDeleter> conn(PQconnectdb(uri.c_str()));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to " + uri + ": " +
                                 (conn ? PQerrorMessage(conn.get()) : "out of memory"));
    PQsetNoticeProcessor(
        conn.get(), [](void*, const char*) {}, nullptr);
    return conn;
}

std::unique_ptr<PGresult, PgResultDeleter> run(PGconn* conn, const std::string& sql) {
    std::unique_ptr<PGresult, PgResultDeleter> r(PQexec(conn, sql.c_str()));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error("SQL failed: " + sql + ": " + PQerrorMessage(conn));
    return r;
}

}  // namespace

std::string PgCluster::unavailableReason() {
    if (binDir().empty())
        return "PostgreSQL server binaries (initdb, postgres) not found: install the postgresql "
               "package or set PG_BINDIR";
    if (!owner())
        return "running as root, and there is no postgres user to run the PostgreSQL server as";
    return "";
}

PgCluster::PgCluster() {
    const fs::path bin = binDir();
    const auto who = owner();
    if (bin.empty() || !who) throw std::runtime_error(unavailableReason());
    std::string pattern = (fs::temp_directory_path() / "pg-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
    try {
        if (who->drop && chown(m_dir.c_str(), who->uid, who->gid) != 0)
            throw std::runtime_error("cannot chown " + m_dir.string() + " to postgres");
        const auto initLog = m_dir / "initdb.log";
        // Trust authentication is safe here: the only way in is the socket in our private dir.
        const pid_t init =
            spawn({(bin / "initdb").string(), "-D", (m_dir / "data").string(), "-U", "postgres",
                   "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                  *who, m_dir, initLog, false);
        const auto initExit = waitUntil(init, Clock::now() + std::chrono::seconds(60));
        if (!initExit) {
            kill(init, SIGKILL);
            waitpid(init, nullptr, 0);
        }
        if (initExit != 0)
            throw std::runtime_error(initExit == 125
                                         ? "the postgres user cannot enter " + m_dir.string() +
                                               " (set TMPDIR to a folder it can reach)"
                                         : "initdb failed: " + readTail(initLog));
        // No TCP at all (listen_addresses empty): the port only names the socket file in our
        // dir, so it cannot clash with another cluster. Durability is not needed in a test.
        m_pid = spawn(
            {(bin / "postgres").string(), "-D", (m_dir / "data").string(), "-k", m_dir.string(),
             "-p", std::to_string(m_port), "-c", "listen_addresses=", "-c", "fsync=off", "-c",
             "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=16MB"},
            *who, m_dir, m_dir / "postgres.log", true);
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        const std::string probe = uri("postgres");
        while (PQping(probe.c_str()) != PQPING_OK) {
            if (waitUntil(m_pid, Clock::now())) {
                m_pid = -1;
                throw std::runtime_error("postgres exited: " + readTail(m_dir / "postgres.log"));
            }
            if (Clock::now() >= deadline)
                throw std::runtime_error("postgres did not start within 30 s: " +
                                         readTail(m_dir / "postgres.log"));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    } catch (...) {
        stop();
        throw;
    }
}

PgCluster::~PgCluster() {
    stop();
}

void PgCluster::stop() {
    if (m_pid > 0) {
        // SIGQUIT is the immediate shutdown: nothing here needs to survive.
        kill(m_pid, SIGQUIT);
        if (!waitUntil(m_pid, Clock::now() + std::chrono::seconds(10))) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        m_pid = -1;
    }
    std::error_code ec;
    if (!m_dir.empty()) fs::remove_all(m_dir, ec);
}

std::string PgCluster::uri(const std::string& database) const {
    return "postgresql://postgres@/" + database + "?host=" + m_dir.string() +
           "&port=" + std::to_string(m_port);
}

std::string PgCluster::createDatabase(const std::string& database) {
    if (database.empty() ||
        database.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        throw std::invalid_argument("database names here are [a-z0-9_]: " + database);
    exec("postgres", "CREATE DATABASE " + database);
    return uri(database);
}

bool PgCluster::hasDatabase(const std::string& database) {
    auto conn = connect(uri("postgres"));
    const char* values[] = {database.c_str()};
    std::unique_ptr<PGresult, PgResultDeleter> r(
        PQexecParams(conn.get(), "SELECT count(*) FROM pg_database WHERE datname = $1", 1, nullptr,
                     values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        throw std::runtime_error(std::string("pg_database query failed: ") +
                                 PQerrorMessage(conn.get()));
    return std::string(PQgetvalue(r.get(), 0, 0)) != "0";
}

void PgCluster::exec(const std::string& database, const std::string& sql) {
    auto conn = connect(uri(database));
    run(conn.get(), sql);
}

std::string PgCluster::queryValue(const std::string& database, const std::string& sql) {
    auto conn = connect(uri(database));
    const auto r = run(conn.get(), sql);
    return PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

}  // namespace testsupport
