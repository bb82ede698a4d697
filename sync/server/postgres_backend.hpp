#pragma once
// Backend on a PostgreSQL database (libpq), for a county or a province that outgrows one SQLite
// file. Same tables and rules as sqlite_backend.*; each call borrows a pooled connection, so
// requests from many HTTP worker threads run in parallel and PostgreSQL's row locks and unique
// keys (not a process-wide mutex) keep concurrent batches consistent.
#include <atomic>

#include "sync/server/backend.hpp"
#include "sync/server/pg.hpp"

namespace csync::server {

class PostgresBackend final : public Backend {
public:
    /// Connects with a libpq conninfo/URI and checks the schema; create=true creates it in an
    /// empty database, create=false refuses one without it (BackendError).
    PostgresBackend(const std::string& conninfo, bool create);

    std::optional<County> county() override;
    void init(const County& county, std::int64_t nowMs) override;
    std::vector<SigningKey> signingKeys() override;
    std::uint16_t rotateSigningKey(std::int64_t nowMs) override;
    void addStation(const StationRow& station) override;
    std::optional<StationRow> station(const std::string& id) override;
    bool noteRequest(const std::string& station, const std::string& signature,
                     std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t clockOffsetMs,
                     const std::string& appVersion) override;
    BatchResponse storeBatch(const BatchRequest& batch, std::int64_t nowMs) override;
    void importRoster(const std::string& station, const nlohmann::json& config) override;
    StationConfig stationConfig(const std::string& station) override;
    std::vector<ConcernUpdate> updates(const std::string& station, std::int64_t cursor,
                                       std::size_t limit) override;
    std::vector<StoredRecord> records(std::string_view type) override;
    std::int64_t conflictCount() override;
    std::unique_ptr<SqlSession> sql() override;

private:
    void openSchema(bool create);
    RecordResult storeRecord(pg::Connection& db, const std::string& station,
                             const std::string& batchId, const Record& record, std::int64_t nowMs);

    pg::Pool m_pool;
    std::atomic<std::int64_t> m_lastPruneMs{0};
};

}  // namespace csync::server
