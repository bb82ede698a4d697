#pragma once
// The station side of the sync protocol (DESIGN.md §4): uploads the outbox in batches of at
// most 500 records, downloads the station config (ETag) and the concern updates (cursor), signs
// every request, and corrects for a wrong station clock from the server's clock. It talks to the
// station's store only through StationSide, so sync/ needs no SQLite and no kiosk code.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "platform/crypto.hpp"
#include "sync/protocol/messages.hpp"

namespace csync::client {

struct Connection {
    std::string server;  // base URL, e.g. http://127.0.0.1:8080
    std::string station;
    platform::Bytes secret;
    std::string caCertPem;
    std::string appVersion;
    int timeoutMs = 30000;
    std::size_t batchSize = kMaxBatchRecords;  // records per request (1: the benchmark baseline)
};

/// What the client needs from the station's store.
class StationSide {
public:
    virtual ~StationSide() = default;
    /// Oldest unacknowledged records, at most limit.
    virtual std::vector<Record> pendingRecords(std::size_t limit) = 0;
    /// Marks records the server answered for (accepted, duplicate, conflict or rejected).
    virtual void acknowledge(const std::vector<std::string>& ids, std::int64_t atMs) = 0;
    /// ETag of the config applied last ("" before the first).
    virtual std::string configEtag() = 0;
    /// Applies a downloaded station config and remembers its ETag, in one store transaction.
    virtual void applyConfig(const nlohmann::json& config, const std::string& etag) = 0;
    /// Cursor of the last concern update applied.
    virtual std::int64_t updatesCursor() = 0;
    /// Applies concern updates and stores the new cursor, in one store transaction.
    virtual void applyUpdates(const UpdatesResponse& updates) = 0;
    /// Records still waiting to be uploaded, reported to the county with the config download
    /// (x-queue-length); -1 when the store cannot tell.
    virtual std::int64_t pendingCount() { return -1; }
};

enum class SyncError { None, Network, Server, Auth, Config, Protocol };

struct SyncReport {
    SyncError error = SyncError::None;
    std::string message;  // why it failed (English, for logs; the kiosk words it itself)
    std::size_t batches = 0, accepted = 0, duplicates = 0, conflicts = 0, rejected = 0;
    bool configApplied = false;
    std::size_t updatesApplied = 0;
    std::size_t bytesSent = 0;
    std::int64_t clockOffsetMs = 0;  // server clock minus station clock
    bool ok() const { return error == SyncError::None; }
    /// Network trouble and server errors are retried with backoff; auth/config errors wait for
    /// a person (a wrong secret or an unenrolled station does not fix itself).
    bool retryable() const { return error == SyncError::Network || error == SyncError::Server; }
};

/// Stable id of an error kind (logs, the kiosk's string table).
const char* syncErrorId(SyncError e);

class SyncClient {
public:
    /// nowMs: the station clock; log: one line per step (may be empty).
    SyncClient(Connection connection, StationSide& side, std::function<std::int64_t()> nowMs,
               std::function<void(const std::string&)> log = {});

    /// One full run: upload everything pending, then config, then updates. Stops at the first
    /// error; what was acknowledged and applied before it stays done.
    SyncReport runOnce();
    /// Server clock minus station clock, as last measured (starts at the given value).
    std::int64_t clockOffsetMs() const { return m_offsetMs; }
    void setClockOffsetMs(std::int64_t offset) { m_offsetMs = offset; }

private:
    struct Reply;
    Reply call(const std::string& method, const std::string& pathAndQuery, const std::string& body,
               const std::vector<std::string>& extraHeaders, SyncReport& report);
    bool upload(SyncReport& report);
    bool downloadConfig(SyncReport& report);
    bool downloadUpdates(SyncReport& report);

    Connection m_conn;
    StationSide& m_side;
    std::function<std::int64_t()> m_now;
    std::function<void(const std::string&)> m_log;
    std::int64_t m_offsetMs = 0;
};

}  // namespace csync::client
