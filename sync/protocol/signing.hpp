#pragma once
// Request signing (DESIGN.md §4): HMAC-SHA-256 with the station's secret over the method, the
// path (with query), the timestamp and the SHA-256 of the body (uncompressed). The server accepts
// a timestamp within the replay window of its own clock and each signature only once, and tells
// the client its clock in every response so a kiosk with a wrong clock can correct itself.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/crypto.hpp"

namespace csync {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::string_view kApiPrefix = "/api/v1";
inline constexpr std::int64_t kReplayWindowMs = 5 * 60 * 1000;

// Header names (lower case: HTTP header names are case-insensitive).
inline constexpr const char* kHeaderStation = "x-station-id";
inline constexpr const char* kHeaderTimestamp = "x-timestamp";     // client clock, Unix ms
inline constexpr const char* kHeaderSignature = "x-signature";     // hex HMAC-SHA-256
inline constexpr const char* kHeaderServerTime = "x-server-time";  // server clock, Unix ms

/// The text that is signed: METHOD \n PATH \n TIMESTAMP \n hex(SHA-256(body)).
std::string canonicalRequest(std::string_view method, std::string_view pathAndQuery,
                             std::int64_t timestampMs, std::string_view body);

/// Hex signature of a request under the station secret.
std::string signRequest(const platform::Bytes& secret, std::string_view method,
                        std::string_view pathAndQuery, std::int64_t timestampMs,
                        std::string_view body);

enum class SignatureCheck { Ok, Missing, Malformed, Stale, BadSignature };

/// Checks a request's signature and timestamp against the server clock (nowMs).
SignatureCheck checkRequest(const platform::Bytes& secret, std::string_view method,
                            std::string_view pathAndQuery, std::string_view timestampHeader,
                            std::string_view signatureHeader, std::string_view body,
                            std::int64_t nowMs);

/// Stable name of a check result for logs and error bodies.
const char* signatureCheckId(SignatureCheck c);

}  // namespace csync
