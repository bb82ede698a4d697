#pragma once
// Thin, typed wrappers over libsodium for what the station needs: randomness, ids, sealed boxes,
// Ed25519 signatures (deputy QR tokens).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platform {

using Bytes = std::vector<std::uint8_t>;

/// Fills a buffer of n bytes from the OS CSPRNG (libsodium initialised on first use).
Bytes randomBytes(std::size_t n);

/// Returns a uniformly random integer in [0, upperBound).
std::uint32_t randomBelow(std::uint32_t upperBound);

/// Returns a random RFC 4122 version-4 UUID in lower-case canonical form.
std::string newUuid();

/// Key pair for sealed boxes (X25519); sizes are crypto_box_PUBLICKEYBYTES / SECRETKEYBYTES.
struct SealKeyPair {
    Bytes publicKey;
    Bytes secretKey;
};

/// Generates a fresh sealed-box key pair.
SealKeyPair makeSealKeyPair();

/// Encrypts plaintext to publicKey so that only the holder of the secret key can read it.
/// Throws std::invalid_argument if the key has the wrong size.
Bytes seal(const Bytes& publicKey, std::string_view plaintext);

/// Opens a sealed box; nullopt if the keys do not match or the box was altered.
std::optional<std::string> openSealed(const SealKeyPair& keys, const Bytes& box);

/// A salted, memory-hard hash of a secret such as a staff PIN (libsodium argon2id string).
std::string hashSecret(std::string_view secret);

/// Whether secret matches a hash made by hashSecret.
bool verifySecret(const std::string& hash, std::string_view secret);

/// Ed25519 signing key pair; sizes are crypto_sign_PUBLICKEYBYTES (32) / SECRETKEYBYTES (64).
struct SignKeyPair {
    Bytes publicKey;
    Bytes secretKey;
};

/// Generates a fresh Ed25519 key pair.
SignKeyPair makeSignKeyPair();

/// Ed25519 detached signature (64 bytes) of message. Throws std::invalid_argument on a bad key.
Bytes signDetached(const Bytes& secretKey, const Bytes& message);

/// Whether signature is a valid Ed25519 signature of message by publicKey.
bool verifyDetached(const Bytes& publicKey, const Bytes& message, const Bytes& signature);

/// The public key belonging to an Ed25519 secret key (its second half); empty if malformed.
Bytes signPublicKeyOf(const Bytes& secretKey);

/// SHA-256 of data (32 bytes).
Bytes sha256(std::string_view data);

/// HMAC-SHA-256 of message under key (32 bytes).
Bytes hmacSha256(const Bytes& key, std::string_view message);

/// Compares two byte strings in time independent of their content (for MACs).
bool equalConstantTime(const Bytes& a, const Bytes& b);

/// argon2id (crypto_pwhash) of secret under a 16-byte salt: outLen bytes. Deterministic, so both
/// ends of a shared secret derive the same key. Throws std::invalid_argument on a bad salt size,
/// std::runtime_error when memory runs out.
Bytes deriveArgon2id(std::string_view secret, const Bytes& salt, std::size_t outLen,
                     std::uint64_t opsLimit, std::size_t memLimit);

/// Subkey number id of a 32-byte master key in an 8-character context (crypto_kdf, BLAKE2b).
Bytes deriveSubkey(const Bytes& master, std::uint64_t id, std::string_view context,
                   std::size_t outLen);

/// Authenticated encryption under a 32-byte key (crypto_secretbox): random nonce ‖ ciphertext.
Bytes secretBoxSeal(const Bytes& key, std::string_view plaintext);

/// Opens secretBoxSeal's output; nullopt if the key is wrong or anything was altered.
std::optional<std::string> secretBoxOpen(const Bytes& key, const Bytes& box);

/// Lower-case hex of data.
std::string toHex(const Bytes& data);

/// Decodes hex (either case); nullopt on odd length or other characters.
std::optional<Bytes> fromHex(std::string_view text);

/// RFC 4648 base32 (A–Z, 2–7) without padding: all QR alphanumeric-mode characters.
std::string toBase32(const Bytes& data);

/// Decodes unpadded RFC 4648 base32 (upper case); nullopt on any other character or bad length.
std::optional<Bytes> fromBase32(std::string_view text);

/// Standard base64 (with padding) of binary data.
std::string toBase64(const Bytes& data);

/// Decodes standard base64; nullopt on malformed input.
std::optional<Bytes> fromBase64(std::string_view text);

}  // namespace platform
