#include "sync/protocol/signing.hpp"

#include <charconv>

namespace csync {

std::string canonicalRequest(std::string_view method, std::string_view pathAndQuery,
                             std::int64_t timestampMs, std::string_view body) {
    std::string s;
    s.append(method).append("\n").append(pathAndQuery).append("\n");
    s.append(std::to_string(timestampMs)).append("\n");
    s.append(platform::toHex(platform::sha256(body)));
    return s;
}

std::string signRequest(const platform::Bytes& secret, std::string_view method,
                        std::string_view pathAndQuery, std::int64_t timestampMs,
                        std::string_view body) {
    return platform::toHex(
        platform::hmacSha256(secret, canonicalRequest(method, pathAndQuery, timestampMs, body)));
}

SignatureCheck checkRequest(const platform::Bytes& secret, std::string_view method,
                            std::string_view pathAndQuery, std::string_view timestampHeader,
                            std::string_view signatureHeader, std::string_view body,
                            std::int64_t nowMs) {
    if (timestampHeader.empty() || signatureHeader.empty()) return SignatureCheck::Missing;
    std::int64_t ts = 0;
    const auto [end, ec] = std::from_chars(timestampHeader.data(),
                                           timestampHeader.data() + timestampHeader.size(), ts);
    const auto sig = platform::fromHex(signatureHeader);
    if (ec != std::errc() || end != timestampHeader.data() + timestampHeader.size() || !sig ||
        sig->size() != 32)
        return SignatureCheck::Malformed;
    const auto expected =
        platform::hmacSha256(secret, canonicalRequest(method, pathAndQuery, ts, body));
    if (!platform::equalConstantTime(expected, *sig)) return SignatureCheck::BadSignature;
    if (ts < nowMs - kReplayWindowMs || ts > nowMs + kReplayWindowMs) return SignatureCheck::Stale;
    return SignatureCheck::Ok;
}

const char* signatureCheckId(SignatureCheck c) {
    switch (c) {
        case SignatureCheck::Ok:
            return "ok";
        case SignatureCheck::Missing:
            return "unsigned";
        case SignatureCheck::Malformed:
            return "malformed_signature";
        case SignatureCheck::Stale:
            return "stale_timestamp";
        case SignatureCheck::BadSignature:
            return "bad_signature";
    }
    return "bad_signature";
}

}  // namespace csync
