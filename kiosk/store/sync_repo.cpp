#include "kiosk/store/sync_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/store/trust_repo.hpp"

namespace kiosk::store {

namespace {
constexpr const char* kServer = "sync.server";
constexpr const char* kSecret = "sync.secret";
constexpr const char* kCaCert = "sync.ca_cert";
constexpr const char* kEtag = "sync.config_etag";
constexpr const char* kCursor = "sync.cursor";
constexpr const char* kOffset = "sync.clock_offset_ms";
constexpr const char* kLastSuccess = "sync.last_success_ms";
constexpr const char* kLastAttempt = "sync.last_attempt_ms";
constexpr const char* kLastError = "sync.last_error";
constexpr const char* kLastMessage = "sync.last_message";
constexpr const char* kLog = "sync.log";
constexpr std::size_t kLogLines = 200;

std::int64_t number(StationRepository& s, const char* key) {
    try {
        return std::stoll(s.setting(key).value_or("0"));
    } catch (...) {
        return 0;  // a hand-edited value: start over rather than fail
    }
}
}  // namespace

void SyncRepository::enroll(const csync::Enrollment& e, bool force) {
    Transaction tx(m_db);
    StationRepository stations(m_db);
    auto station = stations.get();
    if (station && station->id != e.station && !force)
        throw StoreError(
            StoreErrorKind::InvalidInput,
            "this store belongs to station " + station->id + ", the file to " + e.station);
    domain::Station s = station.value_or(domain::Station{});
    if (!station || station->id != e.station) {
        s = domain::Station{};
        s.id = e.station;
        s.name = e.station;  // the county's config brings the real name on the first sync
    }
    s.countyCode = e.county;
    s.countySealKey = e.sealPublicKey;
    stations.put(s);
    TrustRepository(m_db).setSigningKeys(e.signKeys);
    stations.setSetting(kServer, e.server);
    stations.setSetting(kSecret, platform::toBase64(e.secret));
    stations.setSetting(kCaCert, e.caCertPem);
    stations.setSetting(kEtag, "");
    stations.setSetting(kCursor, "0");
    tx.commit();
}

std::optional<csync::client::Connection> SyncRepository::connection() {
    StationRepository stations(m_db);
    const auto server = stations.setting(kServer);
    const auto secret = platform::fromBase64(stations.setting(kSecret).value_or(""));
    const auto station = stations.get();
    if (!server || server->empty() || !secret || secret->size() != 32 || !station)
        return std::nullopt;
    csync::client::Connection c;
    c.server = *server;
    c.station = station->id;
    c.secret = *secret;
    c.caCertPem = stations.setting(kCaCert).value_or("");
    c.appVersion = "station-kiosk 0.1.0";
    return c;
}

SyncStatus SyncRepository::status() {
    StationRepository s(m_db);
    SyncStatus st;
    st.enrolled = connection().has_value();
    st.lastSuccessMs = number(s, kLastSuccess);
    st.lastAttemptMs = number(s, kLastAttempt);
    st.lastError = s.setting(kLastError).value_or("");
    st.lastMessage = s.setting(kLastMessage).value_or("");
    st.clockOffsetMs = number(s, kOffset);
    return st;
}

void SyncRepository::recordRun(const csync::client::SyncReport& r, std::int64_t atMs) {
    Transaction tx(m_db);
    StationRepository s(m_db);
    s.setSetting(kLastAttempt, std::to_string(atMs));
    s.setSetting(kOffset, std::to_string(r.clockOffsetMs));
    if (r.ok()) s.setSetting(kLastSuccess, std::to_string(atMs));
    s.setSetting(kLastError, r.ok() ? "" : csync::client::syncErrorId(r.error));
    s.setSetting(kLastMessage, r.message);
    log(r.ok() ? "sync ok: " + std::to_string(r.accepted) + " accepted, " +
                     std::to_string(r.duplicates) + " duplicate, " + std::to_string(r.conflicts) +
                     " conflict, " + std::to_string(r.rejected) + " rejected, " +
                     std::to_string(r.updatesApplied) + " updates" +
                     (r.configApplied ? ", config applied" : "")
               : std::string("sync failed (") + csync::client::syncErrorId(r.error) +
                     "): " + r.message,
        atMs);
    tx.commit();
}

void SyncRepository::log(const std::string& line, std::int64_t atMs) {
    StationRepository s(m_db);
    auto json = nlohmann::json::parse(s.setting(kLog).value_or("[]"), nullptr, false);
    if (!json.is_array()) json = nlohmann::json::array();
    json.push_back({atMs, line});
    while (json.size() > kLogLines) json.erase(json.begin());
    s.setSetting(kLog, json.dump());
}

std::vector<std::pair<std::int64_t, std::string>> SyncRepository::logLines() {
    StationRepository s(m_db);
    const auto json = nlohmann::json::parse(s.setting(kLog).value_or("[]"), nullptr, false);
    std::vector<std::pair<std::int64_t, std::string>> out;
    if (json.is_array())
        for (const auto& l : json)
            if (l.is_array() && l.size() == 2 && l[0].is_number() && l[1].is_string())
                out.emplace_back(l[0].get<std::int64_t>(), l[1].get<std::string>());
    return out;
}

std::string SyncRepository::configEtag() {
    return StationRepository(m_db).setting(kEtag).value_or("");
}

void SyncRepository::setConfigEtag(const std::string& etag) {
    StationRepository(m_db).setSetting(kEtag, etag);
}

std::int64_t SyncRepository::updatesCursor() {
    StationRepository s(m_db);
    return number(s, kCursor);
}

void SyncRepository::setUpdatesCursor(std::int64_t cursor) {
    StationRepository(m_db).setSetting(kCursor, std::to_string(cursor));
}

}  // namespace kiosk::store
