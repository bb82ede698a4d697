#pragma once
// Deputies' duty QR tokens (DESIGN.md §5): signed by the county with Ed25519, verifiable offline
// by any station holding the county's public keys. Binary, then base32 after a fixed prefix, so
// the whole text is in QR alphanumeric mode and fits a version ≤ 9 code at error level Q.
//
// Layout (big-endian): version u8 | key id u16 | valid from u32 | valid until u32 (Unix seconds)
// | seed 8 bytes | county len u8 + ASCII | deputy len u8 + ASCII | Ed25519 signature 64 bytes over
// the prefix and everything before the signature.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/crypto.hpp"

namespace csync {

inline constexpr std::string_view kDeputyTokenPrefix = "DQ1:";
inline constexpr std::uint8_t kDeputyTokenVersion = 1;

struct DeputyToken {
    std::string deputyId;  // [A-Za-z0-9._-], 1–16 characters
    std::string county;    // same alphabet, 1–12 characters (e.g. the county's admin code)
    std::uint16_t keyId = 0;
    std::int64_t validFrom = 0;          // Unix seconds
    std::int64_t validUntil = 0;         // Unix seconds, exclusive
    std::array<std::uint8_t, 8> seed{};  // random: tells two cards of one deputy apart

    /// This card's serial (hex of the seed): what a revocation list names.
    std::string serial() const;
};

/// A county's public signing key as stations hold it (several during a key rotation).
struct SigningKey {
    std::string county;
    std::uint16_t keyId = 0;
    platform::Bytes publicKey;  // Ed25519, 32 bytes
};

enum class TokenRefusal {
    BadFormat,
    BadSignature,
    UnknownKey,
    WrongCounty,
    NotYetValid,
    Expired,
    Revoked
};

struct TokenCheck {
    std::optional<DeputyToken> token;  // set when the token could be parsed
    std::optional<TokenRefusal> refusal;
    bool ok() const { return token && !refusal; }
};

/// Signs token with the county's Ed25519 secret key and returns the QR text. A zero seed is
/// replaced by a random one. Throws std::invalid_argument for ids outside the alphabet.
std::string issueDeputyToken(DeputyToken token, const platform::Bytes& secretKey);

/// Parses the QR text without checking the signature; nullopt if it is not a well-formed token.
std::optional<DeputyToken> parseDeputyToken(std::string_view text);

/// Full offline check at nowSec: format, county, key, signature, revocation, validity.
TokenCheck verifyDeputyToken(std::string_view text, const std::vector<SigningKey>& keys,
                             const std::vector<std::string>& revokedSerials,
                             std::string_view stationCounty, std::int64_t nowSec);

/// Whether text claims to be a deputy token (has the prefix); used to route scans.
bool looksLikeDeputyToken(std::string_view text);

/// Stable id of a refusal ("bad_format", "bad_signature", …) for messages and logs.
const char* refusalId(TokenRefusal r);

}  // namespace csync
