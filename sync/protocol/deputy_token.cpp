#include "sync/protocol/deputy_token.hpp"

#include <algorithm>
#include <stdexcept>

namespace csync {

namespace {

constexpr std::size_t kSignatureSize = 64;
constexpr std::size_t kFixedSize = 1 + 2 + 4 + 4 + 8 + 1 + 1;  // without ids and signature

bool validId(std::string_view id, std::size_t maxLen) {
    if (id.empty() || id.size() > maxLen) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

void putU16(platform::Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

void putU32(platform::Bytes& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t getU32(const platform::Bytes& b, std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
           (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

// The signed message: the prefix (domain separation) and the body before the signature.
platform::Bytes signedMessage(const platform::Bytes& body) {
    platform::Bytes m(kDeputyTokenPrefix.begin(), kDeputyTokenPrefix.end());
    m.insert(m.end(), body.begin(), body.end());
    return m;
}

struct Parsed {
    DeputyToken token;
    platform::Bytes body;  // everything before the signature
    platform::Bytes signature;
};

std::optional<Parsed> parse(std::string_view text) {
    if (!looksLikeDeputyToken(text)) return std::nullopt;
    const auto raw = platform::fromBase32(text.substr(kDeputyTokenPrefix.size()));
    if (!raw || raw->size() < kFixedSize + 2 + kSignatureSize) return std::nullopt;
    const platform::Bytes& b = *raw;
    if (b[0] != kDeputyTokenVersion) return std::nullopt;
    Parsed p;
    p.token.keyId = static_cast<std::uint16_t>((b[1] << 8) | b[2]);
    p.token.validFrom = getU32(b, 3);
    p.token.validUntil = getU32(b, 7);
    std::copy(b.begin() + 11, b.begin() + 19, p.token.seed.begin());
    std::size_t at = 19;
    for (std::string* field : {&p.token.county, &p.token.deputyId}) {
        const std::size_t len = b[at++];
        if (at + len + (field == &p.token.county ? 1 : 0) + kSignatureSize > b.size())
            return std::nullopt;
        field->assign(reinterpret_cast<const char*>(b.data() + at), len);
        at += len;
    }
    if (at + kSignatureSize != b.size()) return std::nullopt;  // nothing may trail
    if (!validId(p.token.county, 12) || !validId(p.token.deputyId, 16)) return std::nullopt;
    if (p.token.validUntil <= p.token.validFrom) return std::nullopt;
    p.body.assign(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(at));
    p.signature.assign(b.begin() + static_cast<std::ptrdiff_t>(at), b.end());
    return p;
}

}  // namespace

std::string DeputyToken::serial() const {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (std::uint8_t v : seed) {
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

std::string issueDeputyToken(DeputyToken t, const platform::Bytes& secretKey) {
    if (!validId(t.county, 12))
        throw std::invalid_argument("county id must be 1-12 of [A-Za-z0-9._-]");
    if (!validId(t.deputyId, 16))
        throw std::invalid_argument("deputy id must be 1-16 of [A-Za-z0-9._-]");
    if (t.validFrom < 0 || t.validUntil <= t.validFrom || t.validUntil > 0xFFFFFFFFLL)
        throw std::invalid_argument("validity must be a non-empty range of Unix seconds");
    if (t.seed == std::array<std::uint8_t, 8>{}) {
        const auto r = platform::randomBytes(t.seed.size());
        std::copy(r.begin(), r.end(), t.seed.begin());
    }
    platform::Bytes body{kDeputyTokenVersion};
    putU16(body, t.keyId);
    putU32(body, static_cast<std::uint32_t>(t.validFrom));
    putU32(body, static_cast<std::uint32_t>(t.validUntil));
    body.insert(body.end(), t.seed.begin(), t.seed.end());
    for (const std::string* s : {&t.county, &t.deputyId}) {
        body.push_back(static_cast<std::uint8_t>(s->size()));
        body.insert(body.end(), s->begin(), s->end());
    }
    const platform::Bytes sig = platform::signDetached(secretKey, signedMessage(body));
    body.insert(body.end(), sig.begin(), sig.end());
    return std::string(kDeputyTokenPrefix) + platform::toBase32(body);
}

std::optional<DeputyToken> parseDeputyToken(std::string_view text) {
    auto p = parse(text);
    if (!p) return std::nullopt;
    return std::move(p->token);
}

TokenCheck verifyDeputyToken(std::string_view text, const std::vector<SigningKey>& keys,
                             const std::vector<std::string>& revokedSerials,
                             std::string_view stationCounty, std::int64_t nowSec) {
    TokenCheck r;
    auto p = parse(text);
    if (!p) {
        r.refusal = TokenRefusal::BadFormat;
        return r;
    }
    r.token = p->token;
    const DeputyToken& t = p->token;
    if (t.county != stationCounty) {
        r.refusal = TokenRefusal::WrongCounty;
        return r;
    }
    const SigningKey* key = nullptr;
    for (const SigningKey& k : keys)
        if (k.county == t.county && k.keyId == t.keyId) key = &k;
    if (!key) {
        r.refusal = TokenRefusal::UnknownKey;
    } else if (!platform::verifyDetached(key->publicKey, signedMessage(p->body), p->signature)) {
        r.refusal = TokenRefusal::BadSignature;
    } else if (std::find(revokedSerials.begin(), revokedSerials.end(), t.serial()) !=
               revokedSerials.end()) {
        r.refusal = TokenRefusal::Revoked;
    } else if (nowSec < t.validFrom) {
        r.refusal = TokenRefusal::NotYetValid;
    } else if (nowSec >= t.validUntil) {
        r.refusal = TokenRefusal::Expired;
    }
    return r;
}

bool looksLikeDeputyToken(std::string_view text) {
    return text.substr(0, kDeputyTokenPrefix.size()) == kDeputyTokenPrefix;
}

const char* refusalId(TokenRefusal r) {
    switch (r) {
        case TokenRefusal::BadFormat:
            return "bad_format";
        case TokenRefusal::BadSignature:
            return "bad_signature";
        case TokenRefusal::UnknownKey:
            return "unknown_key";
        case TokenRefusal::WrongCounty:
            return "wrong_county";
        case TokenRefusal::NotYetValid:
            return "not_yet_valid";
        case TokenRefusal::Expired:
            return "expired";
        case TokenRefusal::Revoked:
            return "revoked";
    }
    return "bad_format";
}

}  // namespace csync
