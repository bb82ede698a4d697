#pragma once
// The county store: the sync API's storage, written once on the portable SQL session (sql.hpp)
// over either engine (sql_engine.hpp: one SQLite file or PostgreSQL). Handlers, desks and
// commands talk to Backend and its sessions only. Safe to call from several HTTP worker threads
// at once: each call is one session and one transaction.
#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/crypto.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/sql.hpp"

namespace csync::server {

/// A refused operation with a message for the operator (unknown station, already initialised…).
class BackendError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The county this server belongs to and its keys (secrets stay on the server).
struct County {
    std::string code;  // administrative code, e.g. 430321
    std::string name;
    platform::SealKeyPair seal;  // contact data is sealed to seal.publicKey
    std::uint16_t signKeyId = 1;
    platform::SignKeyPair sign;  // signs deputies' duty QR cards
};

/// An enrolled station as the server knows it.
struct StationRow {
    std::string id;
    std::string name;
    platform::Bytes secret;  // 32 bytes, the HMAC key shared with the station
    std::int64_t createdAtMs = 0;
    std::int64_t lastSeenMs = 0;
    std::int64_t clockOffsetMs = 0;  // station clock minus server clock at its last request
    std::string appVersion;
};

/// A record as received, with where and when it came in.
struct StoredRecord {
    Record record;
    std::string station;
    std::int64_t receivedAtMs = 0;
};

/// A station's config download and its entity tag.
struct StationConfig {
    std::string etag;
    nlohmann::json body;  // carries "etag" as well
};

class SqlEngine;

class Backend {
public:
    /// A store on engine, whose schema is already up to date (see openBackend).
    explicit Backend(std::unique_ptr<SqlEngine> engine);
    ~Backend();
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    /// The county, or nullopt before init.
    std::optional<County> county();
    /// Stores the county and its keys; throws BackendError if already initialised.
    void init(const County& county, std::int64_t nowMs);
    /// The public signing keys stations should trust (several during a rotation).
    std::vector<SigningKey> signingKeys();
    /// Makes a fresh signing key (the next key id) the one county() signs new cards with; the
    /// earlier keys stay active, i.e. trusted, so cards already issued keep working. Returns
    /// the new key id; throws BackendError before init or when the ids are used up.
    std::uint16_t rotateSigningKey(std::int64_t nowMs);

    /// Registers a station; throws BackendError if the id is taken.
    void addStation(const StationRow& station);
    /// The station with this id, if enrolled.
    std::optional<StationRow> station(const std::string& id);
    /// Records an authenticated request: false (and nothing changed) when its signature was
    /// already seen (a replay); otherwise remembers the signature until expiresAtMs and updates
    /// the station's last-seen time, clock offset and app version (when not empty).
    bool noteRequest(const std::string& station, const std::string& signature,
                     std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t clockOffsetMs,
                     const std::string& appVersion);

    /// Stores a batch in one transaction and says what happened to each record.
    BatchResponse storeBatch(const BatchRequest& batch, std::int64_t nowMs);

    /// Replaces a station's roster and schedule ({"station", "deputies", "slots"}).
    void importRoster(const std::string& station, const nlohmann::json& config);
    /// What GET …/config returns for the station.
    StationConfig stationConfig(const std::string& station);

    /// Updates after cursor for the station, oldest first, at most limit.
    std::vector<ConcernUpdate> updates(const std::string& station, std::int64_t cursor,
                                       std::size_t limit);

    /// Every stored record of a type, in arrival order.
    std::vector<StoredRecord> records(std::string_view type);
    /// How many conflicting copies are waiting for review.
    std::int64_t conflictCount();

    /// A session on the county database (sql.hpp); keep it for one request only.
    std::unique_ptr<SqlSession> sql();

private:
    std::unique_ptr<SqlEngine> m_engine;
    std::atomic<std::int64_t> m_lastPruneMs{0};
};

/// Opens the store named by url: "sqlite:PATH" (create=false refuses a missing file) or a
/// libpq URI "postgresql://…" / "postgres://…" (the database must exist), and brings its schema
/// up to date (county_schema.hpp; create=false refuses a database without one). Throws
/// std::invalid_argument for an unknown scheme, BackendError when the database cannot be used.
std::unique_ptr<Backend> openBackend(std::string_view url, bool create);

}  // namespace csync::server
