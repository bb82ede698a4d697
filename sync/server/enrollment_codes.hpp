#pragma once
// One-time enrollment codes on the county side (docs/PROTOCOL.md, "Enrollment by code"). Only
// what the code derives is stored: its lookup id and the enrollment file sealed under its key;
// never the code. Portable SQL (sql.hpp), so both backends hold them alike.
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/server/backend.hpp"
#include "sync/server/desk/actor.hpp"

namespace csync::server {

/// How long a new code stays valid unless the county says otherwise.
inline constexpr std::int64_t kDefaultCodeValidMs = 72LL * 3600 * 1000;

/// A code just issued: shown once, never stored.
struct IssuedCode {
    std::string code;  // formatted, "1234-5678-…"
    std::int64_t expiresAtMs = 0;
};

/// A code's state, as the county sees it.
struct CodeState {
    std::string station;
    std::int64_t createdAtMs = 0;
    std::int64_t expiresAtMs = 0;
    std::int64_t usedAtMs = 0;  // 0: not used
    std::string usedFrom;       // the address that used it
    std::int64_t revokedAtMs = 0;
    std::string revokedWhy;  // "revoked" or "replaced"
};

/// Issues a code that delivers station's enrollment (pointing at serverUrl, trusting caCertPem
/// if given) until nowMs + validMs; an earlier open code of the station is replaced; the audit
/// line (never the code) is written in the same transaction, whoever asks. Throws BackendError
/// for an unknown station or a database that is not initialised.
IssuedCode issueEnrollmentCode(Backend& backend, const std::string& station,
                               const std::string& serverUrl, const std::string& caCertPem,
                               std::int64_t validMs, const desk::Actor& actor, std::int64_t nowMs);

/// Revokes the station's open codes, with the audit line; returns how many.
int revokeEnrollmentCodes(Backend& backend, const std::string& station, const desk::Actor& actor,
                          std::int64_t nowMs);

/// The station's codes, newest first.
std::vector<CodeState> enrollmentCodes(Backend& backend, const std::string& station);

/// What presenting a lookup id gave.
enum class Redeem { Sealed, Unknown, Used, Expired, Revoked };

/// Consumes the code with this lookup id (once: atomically) and returns its sealed enrollment.
Redeem redeemEnrollmentCode(Backend& backend, const std::string& lookupId,
                            const std::string& remote, std::int64_t nowMs, nlohmann::json* sealed);

/// Wrong codes per client address in a fixed amount of memory: kMaxFailures in kWindowMs locks
/// an address out for the rest of the window. Thread-safe.
class CodeThrottle {
public:
    static constexpr int kMaxFailures = 5;
    static constexpr std::int64_t kWindowMs = 15 * 60 * 1000;
    static constexpr std::size_t kMaxAddresses = 4096;

    /// 0 if address may try now, else the milliseconds until it may.
    std::int64_t waitMs(const std::string& address, std::int64_t nowMs);
    /// Counts a wrong code from address.
    void fail(const std::string& address, std::int64_t nowMs);

private:
    struct Entry {
        int failures = 0;
        std::int64_t firstAtMs = 0;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::deque<std::string> m_order;  // insertion order: the oldest is dropped when full
};

}  // namespace csync::server
