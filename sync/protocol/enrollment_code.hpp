#pragma once
// The typed one-time enrollment code (docs/PROTOCOL.md, "Enrollment by code"): 20 digits the
// county reads out, from which both ends derive a lookup id (sent) and a key (never sent) that
// seals the enrollment file, so the first contact needs neither TLS nor any prior trust.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/crypto.hpp"
#include "sync/protocol/messages.hpp"

namespace csync {

/// Digits in a code: 19 random (≈ 63 bits) and a Damm check digit.
inline constexpr std::size_t kEnrollmentCodeDigits = 20;

/// A fresh random code, as 20 digits without separators.
std::string newEnrollmentCode();

/// The code as read aloud and printed: five groups of four digits, "1234-5678-…".
std::string formatEnrollmentCode(std::string_view digits);

/// Why typed text is not a code.
enum class CodeInputError { None, Length, Check };

/// Typed text to its 20 digits: spaces, dashes and full-width forms are ignored; error says why
/// not (wrong number of digits, or a mistyped digit caught by the check digit).
std::optional<std::string> normalizeEnrollmentCode(std::string_view typed,
                                                   CodeInputError* error = nullptr);

/// What both ends derive from a code: lookupId (hex, sent to the server) and key (32 bytes, never
/// sent: it seals the enrollment file).
struct EnrollmentCodeKeys {
    std::string lookupId;
    platform::Bytes key;
};

/// Derives the lookup id and the key from a normalised code (argon2id, ~0.1 s and 64 MiB).
EnrollmentCodeKeys deriveEnrollmentCodeKeys(const std::string& digits);

/// Whether url is an absolute http:// or https:// URL with a host and no spaces, quotes,
/// query or fragment: what an enrollment may name as its server.
bool isServerUrl(const std::string& url);

/// The enrollment sealed under key: {"version", "box"} (box: base64 nonce ‖ secretbox).
nlohmann::json sealEnrollment(const Enrollment& e, const platform::Bytes& key);

/// Opens sealEnrollment's output; throws std::invalid_argument if it was altered, sealed under
/// another key, or does not hold a valid enrollment.
Enrollment openSealedEnrollment(const nlohmann::json& sealed, const platform::Bytes& key);

}  // namespace csync
