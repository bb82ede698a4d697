#pragma once
// Helpers for county-server tests: run the real binary on a fresh database of each backend (a
// temp SQLite file, or a new database in a throwaway PostgreSQL cluster), start it as a server
// on 127.0.0.1 with port 0, and make signed requests with httplib::Client.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pg_cluster.hpp"
#include "platform/sqlite_db.hpp"
#include "run_process.hpp"
#include "sync/protocol/messages.hpp"
#include "temp_dir.hpp"

namespace servertest {

using nlohmann::json;

inline std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// county-server on a database; the process is stopped with SIGTERM by stop() or at scope end.
class ServerProcess {
public:
    /// Starts the server; its stderr goes to logPath.
    ServerProcess(const std::string& dbUrl, const std::string& logPath,
                  const std::vector<std::string>& extraArgs = {}) {
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        m_pid = fork();
        if (m_pid < 0) throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            dup2(out[1], 1);
            close(out[0]);
            close(out[1]);
            // Batch log lines would flood the test output; the log is shown when a test fails.
            const int log = open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (log >= 0) dup2(log, 2);
            std::vector<std::string> args{COUNTY_SERVER_PATH, "--db", dbUrl, "--listen",
                                          "127.0.0.1:0"};
            args.insert(args.end(), extraArgs.begin(), extraArgs.end());
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(COUNTY_SERVER_PATH, argv.data());
            _exit(127);
        }
        close(out[1]);
        m_out = out[0];
        // Wait (at most 20 s) for "listening on http(s)://127.0.0.1:PORT".
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        std::string text;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{m_out, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char buf[256];
            const ssize_t n = read(m_out, buf, sizeof buf);
            if (n <= 0) break;
            text.append(buf, static_cast<std::size_t>(n));
            const auto at = text.find("://127.0.0.1:", text.find("listening on "));
            const auto eol = text.find('\n', at);
            if (at != std::string::npos && eol != std::string::npos) {
                m_port = std::stoi(text.substr(at + 13, eol - at - 13));
                return;
            }
        }
        stop();
        throw std::runtime_error("county-server did not start: " + text);
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }

    /// SIGTERM, then waits (at most 15 s, then SIGKILL); returns the exit code (-1 if killed).
    int stop() {
        if (m_pid <= 0) return m_exit;
        kill(m_pid, SIGTERM);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        pid_t done = 0;
        while ((done = waitpid(m_pid, &status, WNOHANG)) == 0 &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (done == 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
        }
        m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        m_pid = -1;
        close(m_out);
        return m_exit;
    }

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_port = 0;
    int m_exit = -1;
};

struct StationKey {
    std::string id;
    platform::Bytes secret;
};

/// The storage a test runs on; every backend test runs once for each.
enum class Db { Sqlite, Postgres };

/// Test name suffix: …/sqlite or …/postgresql.
inline std::string dbName(const ::testing::TestParamInfo<Db>& info) {
    return info.param == Db::Sqlite ? "sqlite" : "postgresql";
}

/// How gtest (and so ctest's test names) prints the parameter.
inline void PrintTo(Db db, std::ostream* os) {
    *os << (db == Db::Sqlite ? "sqlite" : "postgresql");
}

/// Fresh, empty databases on the backend of the test's parameter. The PostgreSQL cluster is
/// started by the suite's first PostgreSQL test and lives until the suite ends; each test gets
/// new databases in it. Without PostgreSQL binaries the PostgreSQL tests are skipped.
class BackendTest : public ::testing::TestWithParam<Db> {
protected:
    static void TearDownTestSuite() { s_cluster.reset(); }

    void SetUp() override {
        if (GetParam() != Db::Postgres || s_cluster) return;
        const std::string why = testsupport::PgCluster::unavailableReason();
        if (!why.empty()) GTEST_SKIP() << "PostgreSQL tests skipped: " << why;
        s_cluster = std::make_unique<testsupport::PgCluster>();
    }

    /// A --db URL for a new empty database (the SQLite file is created by county-server init).
    std::string freshDb(const std::string& name) {
        if (GetParam() == Db::Sqlite) return "sqlite:" + m_dir.file(name + ".db");
        return s_cluster->createDatabase(pgName(name));
    }
    /// A --db URL for a database that does not exist.
    std::string missingDb(const std::string& name) {
        if (GetParam() == Db::Sqlite) return "sqlite:" + m_dir.file(name + ".db");
        return s_cluster->uri(pgName(name));
    }
    /// Whether the database of freshDb/missingDb(name) exists.
    bool dbExists(const std::string& name) {
        if (GetParam() == Db::Sqlite) return std::filesystem::exists(m_dir.file(name + ".db"));
        return s_cluster->hasDatabase(pgName(name));
    }
    /// Runs SQL directly in the database of freshDb(name), past the server: sqliteSql or pgSql.
    void runSql(const std::string& name, const std::string& sqliteSql, const std::string& pgSql) {
        if (GetParam() == Db::Postgres) return s_cluster->exec(pgName(name), pgSql);
        platform::SqliteDb db(m_dir.file(name + ".db"));
        db.exec("PRAGMA busy_timeout=5000");
        db.exec(sqliteSql);
    }

    /// Takes the database of freshDb(name) back to an earlier county schema version as the
    /// earlier releases made it (version 1: before summaries; 2: before the versioned office and
    /// enrollment-code tables; 3: before the typed concern columns).
    void downgradeTo(const std::string& name, int version) {
        std::string sql;
        if (version < 4)
            sql +=
                "DROP INDEX concern_created; ALTER TABLE concern DROP COLUMN category; "
                "ALTER TABLE concern DROP COLUMN deputy; ALTER TABLE concern DROP COLUMN place; "
                "ALTER TABLE concern DROP COLUMN taken_by; "
                "ALTER TABLE concern DROP COLUMN text; ALTER TABLE concern DROP COLUMN officer; ";
        if (version < 3) sql += "DROP TABLE audit_log; DROP TABLE enrollment_code; ";
        if (version < 2) sql += "ALTER TABLE concern_update DROP COLUMN summary; ";
        const std::string v = std::to_string(version);
        runSql(name, sql + "PRAGMA user_version = " + v + ";",
               sql + "UPDATE schema_version SET version = " + v + ";");
    }

    /// The first value a query returns in the PostgreSQL database of freshDb(name).
    std::string pgValue(const std::string& name, const std::string& sql) {
        return s_cluster->queryValue(pgName(name), sql);
    }

    testsupport::TempDir m_dir;

private:
    // Databases are per test: unique in the suite's cluster.
    std::string pgName(const std::string& name) {
        if (m_pgPrefix.empty()) m_pgPrefix = "t" + std::to_string(++s_tests) + "_";
        return m_pgPrefix + name;
    }

    std::string m_pgPrefix;
    inline static std::unique_ptr<testsupport::PgCluster> s_cluster;
    inline static int s_tests = 0;
};

/// A county database with the demo county and two stations, s1 and s2.
class CountyFixture : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_db = freshDb("county");
        ASSERT_EQ(cli({"init", "--county", "430321", "--demo"}).exitCode, 0);
        for (const char* id : {"s1", "s2"}) {
            const auto file = m_dir.file(std::string(id) + ".json");
            const auto r = cli({"station", "add", "--id", id, "--name", "站点", "--out", file});
            ASSERT_EQ(r.exitCode, 0) << r.err;
            const auto e = csync::enrollmentFromJson(json::parse(readFile(file)));
            (std::string(id) == "s1" ? m_s1 : m_s2) = {e.station, e.secret};
        }
    }

    testsupport::ProcessResult cli(std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.begin(), {"--db", dbUrl()});
        return testsupport::runProcess(
            COUNTY_SERVER_PATH, args, 60,
            input.empty() ? std::nullopt : std::optional<std::string>(input));
    }
    const std::string& dbUrl() const { return m_db; }

    void start(const std::vector<std::string>& extraArgs = {}) {
        stopServer();
        m_server = std::make_unique<ServerProcess>(dbUrl(), m_dir.file("server.log"), extraArgs);
    }

    /// Stops the server; it must exit cleanly (under ASan: no leaks, no errors).
    void stopServer() {
        if (!m_server) return;
        EXPECT_EQ(m_server->stop(), 0) << readFile(m_dir.file("server.log"));
        m_server.reset();
    }

    void TearDown() override { stopServer(); }

    httplib::Client client() {
        httplib::Client c("127.0.0.1", m_server->port());
        c.set_read_timeout(30, 0);
        c.set_write_timeout(30, 0);
        return c;
    }

    static httplib::Headers signedHeaders(const StationKey& st, const std::string& method,
                                          const std::string& path, const std::string& body,
                                          std::int64_t skewMs = 0) {
        const auto ts = nowMs() + skewMs;
        return {{csync::kHeaderStation, st.id},
                {csync::kHeaderTimestamp, std::to_string(ts)},
                {csync::kHeaderSignature, csync::signRequest(st.secret, method, path, ts, body)}};
    }

    httplib::Result postBatch(const StationKey& st, const std::string& body,
                              std::int64_t skewMs = 0) {
        auto c = client();
        return c.Post("/api/v1/batches", signedHeaders(st, "POST", "/api/v1/batches", body, skewMs),
                      body, "application/json");
    }
    httplib::Result get(const StationKey& st, const std::string& path,
                        httplib::Headers extra = {}) {
        auto h = signedHeaders(st, "GET", path, "");
        h.insert(extra.begin(), extra.end());
        auto c = client();
        return c.Get(path, h);
    }

    static std::string batchBody(const std::string& station,
                                 const std::vector<csync::Record>& records) {
        csync::BatchRequest b;
        b.station = station;
        b.batchId = platform::newUuid();
        b.records = records;
        return csync::toJson(b).dump();
    }

    /// Outcome ids of a batch response, in order.
    static std::vector<std::string> outcomes(const httplib::Result& r) {
        std::vector<std::string> out;
        if (!r || r->status != 200) return out;
        const json body = json::parse(r->body);
        for (const auto& x : body.at("results")) out.push_back(x.at("outcome").get<std::string>());
        return out;
    }

    json exportJson(const std::string& kind) {
        const auto r = cli({"export", kind, "--format", "json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.exitCode == 0 ? json::parse(r.out) : json::array();
    }

    std::string m_db;
    StationKey m_s1, m_s2;
    std::unique_ptr<ServerProcess> m_server;
};

/// A concern record as a station sends it (contact sealed to the demo county key if given).
inline csync::Record concernRecord(const std::string& receipt, const std::string& text,
                                   const std::string& contactName = "",
                                   const std::string& contactPhone = "") {
    json payload{{"receipt", receipt},          {"category", "livelihood"}, {"text", text},
                 {"place", "云溪镇"},           {"deputy", "d01"},          {"taken_by", "self"},
                 {"created_at", 1700000000000}, {"status", "received"}};
    if (!contactName.empty()) {
        const auto pub = platform::fromBase64("ne4SwurTZjjnThzX6x+Ib030nTobxlgyfK4rEIWgD1U=");
        const json contact{{"name", contactName}, {"phone", contactPhone}};
        payload["contact_sealed"] = platform::toBase64(platform::seal(*pub, contact.dump()));
    }
    return {platform::newUuid(), "concern", 1700000000000, csync::canonicalJson(payload)};
}

inline csync::Record checkinRecord(const std::string& deputy) {
    const json payload{{"deputy", deputy}, {"at", 1700000100000}, {"direction", "in"},
                       {"method", "qr"},   {"key_id", 1},         {"planned", true}};
    return {platform::newUuid(), "checkin", 1700000100000, csync::canonicalJson(payload)};
}

}  // namespace servertest
