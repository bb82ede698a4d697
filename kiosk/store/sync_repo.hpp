#pragma once
// The station's side of sync in the store: enrollment (server, secret, county keys), progress
// (config ETag, updates cursor, clock offset), and the last outcome and a short log for staff.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/store/sqlite.hpp"
#include "kiosk/store/store_types.hpp"
#include "platform/clock.hpp"
#include "sync/client/sync_client.hpp"
#include "sync/protocol/messages.hpp"

namespace kiosk::store {

class SyncRepository {
public:
    explicit SyncRepository(Database& db) : m_db(db) {}
    /// Applies an enrollment file: creates the station if the store is empty, else requires the
    /// same station id (unless force). County keys, server and secret are stored. One transaction.
    /// Throws StoreError(InvalidInput) on a station mismatch.
    void enroll(const csync::Enrollment& e, bool force);
    /// The connection to the county server; nullopt before enrollment.
    std::optional<csync::client::Connection> connection();
    /// Last outcome and clock offset.
    SyncStatus status();
    /// Records a run's outcome (and appends to the log).
    void recordRun(const csync::client::SyncReport& report, std::int64_t atMs);
    /// Appends a line to the staff-visible sync log (the newest 200 lines are kept).
    void log(const std::string& line, std::int64_t atMs);
    /// The log, oldest first: (time, text).
    std::vector<std::pair<std::int64_t, std::string>> logLines();
    /// Download progress: the applied config's ETag and the updates cursor.
    std::string configEtag();
    void setConfigEtag(const std::string& etag);
    std::int64_t updatesCursor();
    void setUpdatesCursor(std::int64_t cursor);

private:
    Database& m_db;
};

}  // namespace kiosk::store
