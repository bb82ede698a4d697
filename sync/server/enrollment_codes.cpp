#include "sync/server/enrollment_codes.hpp"

#include "sync/server/address_group.hpp"

#include <arpa/inet.h>

#include "sync/model/local_time.hpp"
#include "sync/protocol/enrollment_code.hpp"
#include "sync/server/audit_log.hpp"

namespace csync::server {

namespace {

int closeOpenCodes(SqlSession& sql, const std::string& station, const std::string& why,
                   std::int64_t nowMs) {
    return static_cast<int>(
        sql.exec("UPDATE enrollment_code SET revoked_at = $1, revoked_why = $2, sealed = '' "
                 "WHERE station = $3 AND used_at = 0 AND revoked_at = 0",
                 {nowMs, why, station}));
}

}  // namespace

IssuedCode issueEnrollmentCode(Backend& backend, const std::string& station,
                               const std::string& serverUrl, const std::string& caCertPem,
                               std::int64_t validMs, const desk::Actor& actor, std::int64_t nowMs) {
    // Backend calls first: a SQLite session holds the backend's lock.
    const auto county = backend.county();
    if (!county) throw BackendError("the database is not initialised (run init first)");
    const auto row = backend.station(station);
    if (!row) throw BackendError("no station " + station + " is registered");
    Enrollment e;
    e.server = serverUrl;
    e.station = station;
    e.secret = row->secret;
    e.county = county->code;
    e.sealPublicKey = platform::toBase64(county->seal.publicKey);
    e.signKeys = backend.signingKeys();
    e.caCertPem = caCertPem;

    const std::string digits = newEnrollmentCode();
    const auto keys = deriveEnrollmentCodeKeys(digits);
    const std::string sealed = sealEnrollment(e, keys.key).dump();

    auto sql = backend.sql();
    SqlTransaction tx(*sql);
    closeOpenCodes(*sql, station, "replaced", nowMs);
    sql->exec(
        "INSERT INTO enrollment_code(lookup, station, sealed, created_at, expires_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {keys.lookupId, station, sealed, nowMs, nowMs + validMs});
    writeAudit(*sql, nowMs, actor.user, "station.code", station,
               "server " + serverUrl + ", valid until " +
                   model::formatDateTime(nowMs + validMs, model::kChinaUtcOffsetMinutes),
               actor.remote);
    tx.commit();
    return {formatEnrollmentCode(digits), nowMs + validMs};
}

int revokeEnrollmentCodes(Backend& backend, const std::string& station, const desk::Actor& actor,
                          std::int64_t nowMs) {
    auto sql = backend.sql();
    SqlTransaction tx(*sql);
    const int n = closeOpenCodes(*sql, station, "revoked", nowMs);
    writeAudit(*sql, nowMs, actor.user, "station.code.revoke", station, std::to_string(n) + " open",
               actor.remote);
    tx.commit();
    return n;
}

std::vector<CodeState> enrollmentCodes(Backend& backend, const std::string& station) {
    auto sql = backend.sql();
    std::vector<CodeState> out;
    for (const auto& r :
         sql->query("SELECT station, created_at, expires_at, used_at, used_from, revoked_at, "
                    "revoked_why FROM enrollment_code WHERE station = $1 "
                    "ORDER BY created_at DESC",
                    {station}))
        out.push_back({r.text(0), r.integer(1), r.integer(2), r.integer(3), r.text(4), r.integer(5),
                       r.text(6)});
    return out;
}

Redeem redeemEnrollmentCode(Backend& backend, const std::string& lookupId,
                            const std::string& remote, std::int64_t nowMs, nlohmann::json* sealed) {
    auto sql = backend.sql();
    SqlTransaction tx(*sql);
    // The conditional update is the claim: of two requests with one code only one changes the
    // row, so a code is used exactly once even under concurrent requests.
    const auto claimed = sql->exec(
        "UPDATE enrollment_code SET used_at = $1, used_from = $2 WHERE lookup = $3 "
        "AND used_at = 0 AND revoked_at = 0 AND expires_at > $1",
        {nowMs, remote.substr(0, 64), lookupId});
    const auto rows = sql->query(
        "SELECT sealed, used_at, revoked_at, expires_at FROM enrollment_code WHERE lookup = $1",
        {lookupId});
    if (rows.empty()) return Redeem::Unknown;
    if (claimed != 1) {
        if (rows[0].integer(2) != 0) return Redeem::Revoked;
        if (rows[0].integer(1) != 0) return Redeem::Used;
        return Redeem::Expired;
    }
    if (sealed) *sealed = nlohmann::json::parse(rows[0].text(0));
    // Delivered: the sealed file has no further use, so it does not stay in the database.
    sql->exec("UPDATE enrollment_code SET sealed = '' WHERE lookup = $1", {lookupId});
    tx.commit();
    return Redeem::Sealed;
}

std::int64_t CodeThrottle::waitMs(const std::string& address, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(addressGroup(address));
    if (it == m_entries.end() || it->second.failures < kMaxFailures) return 0;
    const std::int64_t until = it->second.firstAtMs + kWindowMs;
    return until > nowMs ? until - nowMs : 0;
}

void CodeThrottle::fail(const std::string& address, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    const std::string key = addressGroup(address);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= kMaxAddresses) {
            m_entries.erase(m_order.front());
            m_order.pop_front();
        }
        it = m_entries.emplace(key, Entry{0, nowMs}).first;
        m_order.push_back(key);
    }
    if (nowMs - it->second.firstAtMs >= kWindowMs) it->second = {0, nowMs};
    ++it->second.failures;
}

}  // namespace csync::server
