#pragma once
// Backend on one SQLite file (WAL, synchronous=FULL). One connection guarded by a mutex: SQLite
// has a single writer anyway, and a batch is one short transaction. WAL checkpoints run on a
// thread of their own (with its own connection), so no request waits for one.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "platform/sqlite_db.hpp"
#include "sync/server/backend.hpp"

namespace csync::server {

/// The county schema version of SQLite files (PRAGMA user_version) this build writes.
inline constexpr int kSqliteSchemaVersion = 2;

class SqliteBackend final : public Backend {
public:
    /// Opens (or creates) the database at path and brings its schema up to date.
    explicit SqliteBackend(const std::string& path);
    ~SqliteBackend() override;

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
    std::optional<County> countyLocked();
    std::vector<SigningKey> signingKeysLocked();
    RecordResult storeRecord(const std::string& station, const std::string& batchId,
                             const Record& record, std::int64_t nowMs);
    void project(const std::string& station, const Record& record, const nlohmann::json& payload);

    void checkpointLoop(std::string path);

    std::mutex m_mutex;
    platform::SqliteDb m_db;
    std::int64_t m_lastPruneMs = 0;
    std::mutex m_stopMutex;
    std::condition_variable m_stopCv;
    bool m_stop = false;
    std::thread m_checkpointer;
};

}  // namespace csync::server
