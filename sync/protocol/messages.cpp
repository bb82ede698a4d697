#include "sync/protocol/messages.hpp"

#include <stdexcept>

namespace csync {

namespace {

using nlohmann::json;

const json& field(const json& j, const char* name) {
    if (!j.is_object() || !j.contains(name))
        throw std::invalid_argument(std::string(name) + " is missing");
    return j.at(name);
}

std::string text(const json& j, const char* name, std::size_t maxLen = 200) {
    const json& v = field(j, name);
    if (!v.is_string()) throw std::invalid_argument(std::string(name) + " must be a string");
    auto s = v.get<std::string>();
    if (s.size() > maxLen) throw std::invalid_argument(std::string(name) + " is too long");
    return s;
}

std::int64_t integer(const json& j, const char* name) {
    const json& v = field(j, name);
    if (!v.is_number_integer())
        throw std::invalid_argument(std::string(name) + " must be an integer");
    return v.get<std::int64_t>();
}

}  // namespace

json toJson(const BatchRequest& b) {
    json records = json::array();
    for (const auto& r : b.records) records.push_back(toJson(r));
    return {{"version", b.version},
            {"station", b.station},
            {"batch_id", b.batchId},
            {"records", std::move(records)}};
}

BatchRequest batchRequestFromJson(const json& j) {
    BatchRequest b;
    b.version = static_cast<int>(integer(j, "version"));
    if (b.version != kProtocolVersion)
        throw std::invalid_argument("version " + std::to_string(b.version) + " is not supported");
    b.station = text(j, "station", 64);
    b.batchId = text(j, "batch_id", 64);
    const json& records = field(j, "records");
    if (!records.is_array()) throw std::invalid_argument("records must be an array");
    if (records.size() > kMaxBatchRecords)
        throw std::invalid_argument("records: at most " + std::to_string(kMaxBatchRecords) +
                                    " per batch");
    b.records.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        try {
            b.records.push_back(recordFromJson(records[i]));
        } catch (const std::exception& e) {
            throw std::invalid_argument("records[" + std::to_string(i) + "]: " + e.what());
        }
        if (b.records.back().payload.size() > kMaxPayloadBytes)
            throw std::invalid_argument("records[" + std::to_string(i) + "]: payload too large");
    }
    return b;
}

const char* outcomeId(Outcome o) {
    switch (o) {
        case Outcome::Accepted:
            return "accepted";
        case Outcome::Duplicate:
            return "duplicate";
        case Outcome::Conflict:
            return "conflict";
        case Outcome::Rejected:
            return "rejected";
    }
    return "rejected";
}

std::optional<Outcome> parseOutcome(std::string_view id) {
    for (Outcome o : {Outcome::Accepted, Outcome::Duplicate, Outcome::Conflict, Outcome::Rejected})
        if (id == outcomeId(o)) return o;
    return std::nullopt;
}

json toJson(const BatchResponse& r) {
    json results = json::array();
    for (const auto& x : r.results) {
        json o{{"id", x.id}, {"outcome", outcomeId(x.outcome)}};
        if (!x.reason.empty()) o["reason"] = x.reason;
        results.push_back(std::move(o));
    }
    return {{"results", std::move(results)}, {"server_time", r.serverTimeMs}};
}

BatchResponse batchResponseFromJson(const json& j) {
    BatchResponse r;
    r.serverTimeMs = integer(j, "server_time");
    const json& results = field(j, "results");
    if (!results.is_array()) throw std::invalid_argument("results must be an array");
    for (const auto& x : results) {
        RecordResult rr;
        rr.id = text(x, "id", 64);
        const auto o = parseOutcome(text(x, "outcome", 16));
        if (!o) throw std::invalid_argument("unknown outcome");
        rr.outcome = *o;
        if (x.contains("reason")) rr.reason = text(x, "reason", 1000);
        r.results.push_back(std::move(rr));
    }
    return r;
}

json toJson(const UpdatesResponse& u) {
    json updates = json::array();
    for (const auto& x : u.updates)
        updates.push_back({{"cursor", x.cursor},
                           {"concern", x.concernId},
                           {"receipt", x.receipt},
                           {"status", x.status},
                           {"answer", x.answer},
                           {"note", x.note},
                           {"at", x.atMs},
                           {"summary", x.summary}});
    return {{"updates", std::move(updates)},
            {"next_cursor", u.nextCursor},
            {"server_time", u.serverTimeMs}};
}

UpdatesResponse updatesResponseFromJson(const json& j) {
    UpdatesResponse u;
    u.nextCursor = integer(j, "next_cursor");
    u.serverTimeMs = integer(j, "server_time");
    const json& updates = field(j, "updates");
    if (!updates.is_array()) throw std::invalid_argument("updates must be an array");
    for (const auto& x : updates) {
        u.updates.push_back({integer(x, "cursor"), text(x, "concern", 64), text(x, "receipt", 32),
                             text(x, "status", 32), text(x, "answer", 20000), text(x, "note", 2000),
                             integer(x, "at")});
        // Servers before the results board's summaries do not send one.
        if (x.is_object() && x.contains("summary"))
            u.updates.back().summary = text(x, "summary", 1000);
    }
    return u;
}

json toJson(const std::vector<SigningKey>& keys) {
    json a = json::array();
    for (const auto& k : keys)
        a.push_back({{"county", k.county},
                     {"key_id", k.keyId},
                     {"public_key", platform::toBase64(k.publicKey)}});
    return a;
}

std::vector<SigningKey> signingKeysFromJson(const json& j) {
    if (!j.is_array()) throw std::invalid_argument("sign_keys must be an array");
    std::vector<SigningKey> out;
    for (const auto& k : j) {
        const auto pk = platform::fromBase64(text(k, "public_key"));
        if (!pk || pk->size() != 32) throw std::invalid_argument("sign_keys: bad public_key");
        const auto id = integer(k, "key_id");
        if (id < 0 || id > 65535) throw std::invalid_argument("sign_keys: bad key_id");
        out.push_back({text(k, "county", 12), static_cast<std::uint16_t>(id), *pk});
    }
    return out;
}

json toJson(const Enrollment& e) {
    json j{{"kind", "station-enrollment"},
           {"version", kProtocolVersion},
           {"server", e.server},
           {"station", e.station},
           {"secret", platform::toBase64(e.secret)},
           {"county", e.county},
           {"seal_public", e.sealPublicKey},
           {"sign_keys", toJson(std::vector<SigningKey>(e.signKeys))}};
    if (!e.caCertPem.empty()) j["ca_cert"] = e.caCertPem;
    return j;
}

Enrollment enrollmentFromJson(const json& j) {
    if (text(j, "kind", 40) != "station-enrollment")
        throw std::invalid_argument("kind must be station-enrollment");
    Enrollment e;
    e.server = text(j, "server", 500);
    e.station = text(j, "station", 64);
    const auto secret = platform::fromBase64(text(j, "secret"));
    if (!secret || secret->size() != 32) throw std::invalid_argument("secret must be 32 bytes");
    e.secret = *secret;
    e.county = text(j, "county", 12);
    e.sealPublicKey = text(j, "seal_public");
    const auto seal = platform::fromBase64(e.sealPublicKey);
    if (!seal || seal->size() != 32) throw std::invalid_argument("seal_public must be 32 bytes");
    e.signKeys = signingKeysFromJson(field(j, "sign_keys"));
    if (j.contains("ca_cert")) e.caCertPem = text(j, "ca_cert", 20000);
    return e;
}

}  // namespace csync
