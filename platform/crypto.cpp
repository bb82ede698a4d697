#include "platform/crypto.hpp"

#include <sodium.h>

#include <cstdio>
#include <stdexcept>

namespace platform {
namespace {

void ensureSodium() {
    // sodium_init is idempotent and thread-safe; a failure means no usable entropy source.
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

Bytes randomBytes(std::size_t n) {
    ensureSodium();
    Bytes out(n);
    if (n > 0) randombytes_buf(out.data(), out.size());  // data() of an empty vector is null
    return out;
}

std::uint32_t randomBelow(std::uint32_t upperBound) {
    ensureSodium();
    return randombytes_uniform(upperBound);
}

std::string newUuid() {
    Bytes b = randomBytes(16);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return text;
}

SealKeyPair makeSealKeyPair() {
    ensureSodium();
    SealKeyPair kp{Bytes(crypto_box_PUBLICKEYBYTES), Bytes(crypto_box_SECRETKEYBYTES)};
    crypto_box_keypair(kp.publicKey.data(), kp.secretKey.data());
    return kp;
}

Bytes seal(const Bytes& publicKey, std::string_view plaintext) {
    ensureSodium();
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES)
        throw std::invalid_argument("sealing public key has the wrong size");
    Bytes box(plaintext.size() + crypto_box_SEALBYTES);
    crypto_box_seal(box.data(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                    plaintext.size(), publicKey.data());
    return box;
}

std::optional<std::string> openSealed(const SealKeyPair& keys, const Bytes& box) {
    ensureSodium();
    if (box.size() < crypto_box_SEALBYTES || keys.publicKey.size() != crypto_box_PUBLICKEYBYTES ||
        keys.secretKey.size() != crypto_box_SECRETKEYBYTES)
        return std::nullopt;
    std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(),
                             keys.publicKey.data(), keys.secretKey.data()) != 0)
        return std::nullopt;
    return plain;
}

std::string hashSecret(std::string_view secret) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory hashing a secret");
    return out;
}

bool verifySecret(const std::string& hash, std::string_view secret) {
    ensureSodium();
    return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

Bytes deriveArgon2id(std::string_view secret, const Bytes& salt, std::size_t outLen,
                     std::uint64_t opsLimit, std::size_t memLimit) {
    ensureSodium();
    if (salt.size() != crypto_pwhash_SALTBYTES)
        throw std::invalid_argument("argon2id salt has the wrong size");
    Bytes out(outLen);
    if (crypto_pwhash(out.data(), out.size(), secret.data(), secret.size(), salt.data(), opsLimit,
                      memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory deriving a key");
    return out;
}

Bytes deriveSubkey(const Bytes& master, std::uint64_t id, std::string_view context,
                   std::size_t outLen) {
    ensureSodium();
    if (master.size() != crypto_kdf_KEYBYTES || context.size() != crypto_kdf_CONTEXTBYTES ||
        outLen < crypto_kdf_BYTES_MIN || outLen > crypto_kdf_BYTES_MAX)
        throw std::invalid_argument("bad key, context or length for a subkey");
    Bytes out(outLen);
    crypto_kdf_derive_from_key(out.data(), out.size(), id, context.data(), master.data());
    return out;
}

Bytes secretBoxSeal(const Bytes& key, std::string_view plaintext) {
    ensureSodium();
    if (key.size() != crypto_secretbox_KEYBYTES)
        throw std::invalid_argument("secretbox key has the wrong size");
    Bytes box = randomBytes(crypto_secretbox_NONCEBYTES);
    box.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), box.data(), key.data());
    return box;
}

std::optional<std::string> secretBoxOpen(const Bytes& key, const Bytes& box) {
    ensureSodium();
    constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (key.size() != crypto_secretbox_KEYBYTES || box.size() < kOverhead) return std::nullopt;
    std::string plain(box.size() - kOverhead, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   box.data() + crypto_secretbox_NONCEBYTES,
                                   box.size() - crypto_secretbox_NONCEBYTES, box.data(),
                                   key.data()) != 0)
        return std::nullopt;
    return plain;
}

std::string toBase64(const Bytes& data) {
    ensureSodium();
    std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL written by libsodium
    return out;
}

std::optional<Bytes> fromBase64(std::string_view text) {
    ensureSodium();
    Bytes out(text.size() * 3 / 4 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

SignKeyPair makeSignKeyPair() {
    ensureSodium();
    SignKeyPair k{Bytes(crypto_sign_PUBLICKEYBYTES), Bytes(crypto_sign_SECRETKEYBYTES)};
    crypto_sign_keypair(k.publicKey.data(), k.secretKey.data());
    return k;
}

Bytes signDetached(const Bytes& secretKey, const Bytes& message) {
    ensureSodium();
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES)
        throw std::invalid_argument("Ed25519 secret key must be 64 bytes");
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secretKey.data());
    return sig;
}

bool verifyDetached(const Bytes& publicKey, const Bytes& message, const Bytes& signature) {
    ensureSodium();
    return publicKey.size() == crypto_sign_PUBLICKEYBYTES &&
           signature.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       publicKey.data()) == 0;
}

Bytes signPublicKeyOf(const Bytes& secretKey) {
    ensureSodium();
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES) return {};
    Bytes pk(crypto_sign_PUBLICKEYBYTES);
    crypto_sign_ed25519_sk_to_pk(pk.data(), secretKey.data());
    return pk;
}

namespace {
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string toBase32(const Bytes& data) {
    std::string out;
    out.reserve((data.size() * 8 + 4) / 5);
    unsigned buffer = 0;
    int bits = 0;
    for (std::uint8_t b : data) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out += kBase32[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<Bytes> fromBase32(std::string_view text) {
    // Lengths 1, 3 and 6 mod 8 cannot come from whole bytes.
    const std::size_t rem = text.size() % 8;
    if (rem == 1 || rem == 3 || rem == 6) return std::nullopt;
    Bytes out;
    out.reserve(text.size() * 5 / 8);
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        if (c >= '2' && c <= '7') v = c - '2' + 26;
        if (v < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<unsigned>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // canonical only
    return out;
}

Bytes sha256(std::string_view data) {
    ensureSodium();
    Bytes out(crypto_hash_sha256_BYTES);
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
    return out;
}

Bytes hmacSha256(const Bytes& key, std::string_view message) {
    ensureSodium();
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    Bytes out(crypto_auth_hmacsha256_BYTES);
    crypto_auth_hmacsha256_final(&st, out.data());
    return out;
}

bool equalConstantTime(const Bytes& a, const Bytes& b) {
    ensureSodium();
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string toHex(const Bytes& data) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (std::uint8_t b : data) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

std::optional<Bytes> fromHex(std::string_view text) {
    if (text.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    Bytes out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
    }
    return out;
}

}  // namespace platform
