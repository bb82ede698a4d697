#pragma once
// The v1 messages of DESIGN.md §4, shared by the station client and the county server. Parsers
// validate everything a peer sends and say which field is wrong (std::invalid_argument).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/deputy_token.hpp"
#include "sync/protocol/record.hpp"
#include "sync/protocol/signing.hpp"

namespace csync {

inline constexpr std::size_t kMaxBatchRecords = 500;
inline constexpr std::size_t kMaxBodyBytes = 8u << 20;       // as sent (gzip)
inline constexpr std::size_t kMaxInflatedBytes = 32u << 20;  // after gunzip
inline constexpr std::size_t kMaxPayloadBytes = 64u << 10;   // one record's payload

/// POST /api/v1/batches
struct BatchRequest {
    int version = kProtocolVersion;
    std::string station;
    std::string batchId;
    std::vector<Record> records;
};

enum class Outcome { Accepted, Duplicate, Conflict, Rejected };

struct RecordResult {
    std::string id;
    Outcome outcome = Outcome::Rejected;
    std::string reason;  // for Rejected (and Conflict: what differs)
};

struct BatchResponse {
    std::vector<RecordResult> results;  // one per record, in request order
    std::int64_t serverTimeMs = 0;
};

nlohmann::json toJson(const BatchRequest& b);
/// Throws std::invalid_argument naming the field (version, station, batch_id, records[i].…).
BatchRequest batchRequestFromJson(const nlohmann::json& j);
nlohmann::json toJson(const BatchResponse& r);
BatchResponse batchResponseFromJson(const nlohmann::json& j);
const char* outcomeId(Outcome o);
std::optional<Outcome> parseOutcome(std::string_view id);

/// One change the county made to a concern from this station (GET …/updates?cursor=N).
struct ConcernUpdate {
    std::int64_t cursor = 0;  // strictly increasing per station
    std::string concernId;    // the record id of the concern
    std::string receipt;
    std::string status;  // domain status id: accepted, referred, in_progress, answered, closed
    std::string answer;  // the published answer (empty when none)
    std::string note;
    std::int64_t atMs = 0;
    // 公示摘要: what was raised, in county staff's own anonymised words, for the results board
    // (empty when none; an update without one keeps the station's earlier summary).
    std::string summary;
};

struct UpdatesResponse {
    std::vector<ConcernUpdate> updates;
    std::int64_t nextCursor = 0;  // ask again with this
    std::int64_t serverTimeMs = 0;
};

nlohmann::json toJson(const UpdatesResponse& u);
UpdatesResponse updatesResponseFromJson(const nlohmann::json& j);

/// The enrollment file a county gives a new station (county-server station add → stationctl
/// enroll): where to sync, who the station is, its secret, and the county's public keys.
struct Enrollment {
    std::string server;      // e.g. https://county.example:8443
    std::string station;     // station id
    platform::Bytes secret;  // 32 bytes, HMAC key
    std::string county;
    std::string sealPublicKey;  // base64 X25519: citizens' contact data is sealed to it
    std::vector<SigningKey> signKeys;
    std::string caCertPem;  // optional: trust this certificate (self-signed county server)
};

nlohmann::json toJson(const Enrollment& e);
Enrollment enrollmentFromJson(const nlohmann::json& j);

/// Signing keys as JSON [{county, key_id, public_key}] (config downloads, enrollment).
nlohmann::json toJson(const std::vector<SigningKey>& keys);
std::vector<SigningKey> signingKeysFromJson(const nlohmann::json& j);

}  // namespace csync
