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
    randombytes_buf(out.data(), out.size());
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

}  // namespace platform
