#pragma once
// A throwaway PostgreSQL cluster for tests: initdb in a temp dir, a postgres server reachable
// only through a Unix socket in that dir, and everything stopped and deleted at scope end.
// Run as root, initdb and postgres run as the `postgres` system user (they refuse root).
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace testsupport {

class PgCluster {
public:
    /// Why no cluster can be started here ("" when one can): no PostgreSQL binaries, or root
    /// without a `postgres` user. Tests skip with this message.
    static std::string unavailableReason();

    /// Creates and starts the cluster (bounded: throws std::runtime_error after ~30 s).
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// The libpq URI of a database in this cluster (whether or not it exists).
    std::string uri(const std::string& database) const;
    /// Creates an empty database (name: [a-z0-9_]) and returns its URI.
    std::string createDatabase(const std::string& database);
    /// Whether a database of that name exists.
    bool hasDatabase(const std::string& database);
    /// Runs SQL (several statements allowed) in a database; throws std::runtime_error on error.
    void exec(const std::string& database, const std::string& sql);
    /// The first value of the first row of a query ("" when it returns no rows).
    std::string queryValue(const std::string& database, const std::string& sql);

private:
    void stop();

    std::filesystem::path m_dir;  // data/ and the server's socket
    pid_t m_pid = -1;             // the postmaster, a child of this process
    int m_port = 5432;
};

}  // namespace testsupport
