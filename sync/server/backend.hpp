#pragma once
// The county server's storage seam. Handlers and commands talk to Backend only, so the SQLite
// implementation (sqlite_backend.*) and the PostgreSQL one (postgres_backend.*) are alike to them.
// Implementations must be safe to call from several HTTP worker threads at once.
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

/// What county staff send a station about one of its concerns (its updates feed).
class Backend {
public:
    virtual ~Backend() = default;

    /// The county, or nullopt before init.
    virtual std::optional<County> county() = 0;
    /// Stores the county and its keys; throws BackendError if already initialised.
    virtual void init(const County& county, std::int64_t nowMs) = 0;
    /// The public signing keys stations should trust (several during a rotation).
    virtual std::vector<SigningKey> signingKeys() = 0;
    /// Makes a fresh signing key (the next key id) the one county() signs new cards with; the
    /// earlier keys stay active, i.e. trusted, so cards already issued keep working. Returns
    /// the new key id; throws BackendError before init or when the ids are used up.
    virtual std::uint16_t rotateSigningKey(std::int64_t nowMs) = 0;

    /// Registers a station; throws BackendError if the id is taken.
    virtual void addStation(const StationRow& station) = 0;
    /// The station with this id, if enrolled.
    virtual std::optional<StationRow> station(const std::string& id) = 0;
    /// Records an authenticated request: false (and nothing changed) when its signature was
    /// already seen (a replay); otherwise remembers the signature until expiresAtMs and updates
    /// the station's last-seen time, clock offset and app version (when not empty).
    virtual bool noteRequest(const std::string& station, const std::string& signature,
                             std::int64_t expiresAtMs, std::int64_t nowMs,
                             std::int64_t clockOffsetMs, const std::string& appVersion) = 0;

    /// Stores a batch in one transaction and says what happened to each record.
    virtual BatchResponse storeBatch(const BatchRequest& batch, std::int64_t nowMs) = 0;

    /// Replaces a station's roster and schedule ({"station", "deputies", "slots"}).
    virtual void importRoster(const std::string& station, const nlohmann::json& config) = 0;
    /// What GET …/config returns for the station.
    virtual StationConfig stationConfig(const std::string& station) = 0;

    /// Updates after cursor for the station, oldest first, at most limit.
    virtual std::vector<ConcernUpdate> updates(const std::string& station, std::int64_t cursor,
                                               std::size_t limit) = 0;

    /// Every stored record of a type, in arrival order.
    virtual std::vector<StoredRecord> records(std::string_view type) = 0;
    /// How many conflicting copies are waiting for review.
    virtual std::int64_t conflictCount() = 0;

    /// A connection for the staff pages' portable SQL (sql.hpp); keep it for one request only.
    virtual std::unique_ptr<SqlSession> sql() = 0;
};

/// Opens the backend named by url: "sqlite:PATH" (create=false refuses a missing file) or a
/// libpq URI "postgresql://…" / "postgres://…". Throws std::invalid_argument for an unknown
/// scheme, BackendError when the database cannot be used.
std::unique_ptr<Backend> openBackend(std::string_view url, bool create);

/// Opens a PostgreSQL database by libpq conninfo or URI ("postgresql://user@host/db?…"); the
/// database must exist. create=false refuses one without the county schema (BackendError).
std::unique_ptr<Backend> openPostgresBackend(std::string_view conninfo, bool create);

}  // namespace csync::server
