#pragma once
// Enrollment by a typed one-time code, the station's half (docs/PROTOCOL.md): derive the code's
// lookup id and key, POST the id to /api/v1/enroll, open the sealed answer with the key.
#include <cstdint>
#include <string>

#include "sync/protocol/messages.hpp"

namespace csync::client {

/// Why fetching an enrollment by code failed.
enum class EnrollFetchError {
    None,
    BadUrl,       // not http(s)://host…
    Network,      // no answer (DNS, refused, timeout, TLS)
    UnknownCode,  // the server knows no such code (wrong, or never issued)
    UsedCode,     // already used
    ExpiredCode,  // past its time
    RevokedCode,  // revoked, or replaced by a newer code
    Throttled,    // too many wrong codes from this address (for up to 15 minutes)
    Server,       // another HTTP status
    Tampered      // the answer did not open with the code's key: altered or forged
};

/// The outcome: enrollment when error is None.
struct EnrollFetchResult {
    EnrollFetchError error = EnrollFetchError::None;
    std::string detail;  // for the log: transport error, HTTP status, parser message
    Enrollment enrollment;
};

/// Fetches and opens the enrollment for a normalised code (normalizeEnrollmentCode) from the
/// server at serverUrl. Blocks at most about timeoutMs plus the key derivation (~0.1 s).
EnrollFetchResult fetchEnrollmentByCode(const std::string& serverUrl, const std::string& digits,
                                        int timeoutMs);

}  // namespace csync::client
