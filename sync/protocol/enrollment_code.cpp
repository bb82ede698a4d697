#include "sync/protocol/enrollment_code.hpp"

#include <array>
#include <stdexcept>

namespace csync {
namespace {

// Damm's quasigroup of order 10: a check digit that catches every single wrong digit and every
// swap of neighbours, so a slip of the finger is reported before the server is asked.
constexpr std::array<std::array<std::uint8_t, 10>, 10> kDamm{{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

std::uint8_t damm(std::string_view digits) {
    std::uint8_t interim = 0;
    for (char c : digits) interim = kDamm[interim][static_cast<std::uint8_t>(c - '0')];
    return interim;
}

// Why argon2id with a fixed salt: the code is the only secret, and an eavesdropper who saw the
// lookup id or the sealed file could test guesses offline, so each guess must be slow and
// memory-hard. A salt only stops one precomputation serving many targets; a table over 10^19
// random single-use codes is out of reach anyway, and a fixed salt and fixed costs let the
// station derive everything before its first request: nothing a man in the middle sends can
// weaken the derivation. The server never runs argon2id per request (it looks the id up), so
// wrong codes cost it nothing.
constexpr std::string_view kSalt = "cs-enroll-code-1";  // 16 bytes: crypto_pwhash_SALTBYTES
constexpr std::uint64_t kOpsLimit = 2;                  // crypto_pwhash_OPSLIMIT_INTERACTIVE
constexpr std::size_t kMemLimit = 64u << 20;            // crypto_pwhash_MEMLIMIT_INTERACTIVE
constexpr std::string_view kKdfContext = "CSenrol1";    // crypto_kdf_CONTEXTBYTES
constexpr int kSealVersion = 1;

}  // namespace

std::string newEnrollmentCode() {
    std::string digits;
    while (digits.size() < kEnrollmentCodeDigits - 1)
        digits.push_back(static_cast<char>('0' + platform::randomBelow(10)));
    digits.push_back(static_cast<char>('0' + damm(digits)));
    return digits;
}

std::string formatEnrollmentCode(std::string_view digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back('-');
        out.push_back(digits[i]);
    }
    return out;
}

std::optional<std::string> normalizeEnrollmentCode(std::string_view typed, CodeInputError* error) {
    std::string digits;
    bool other = false;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const auto c = static_cast<unsigned char>(typed[i]);
        if (c >= '0' && c <= '9') {
            digits.push_back(static_cast<char>(c));
        } else if (c == ' ' || c == '-' || c == '\t' || c == '_') {
            continue;
        } else if (c == 0xEF && i + 2 < typed.size() &&
                   static_cast<unsigned char>(typed[i + 1]) == 0xBC) {
            // Full-width forms from a Chinese IME: ０–９ (EF BC 90–99), － (EF BC 8D).
            const auto d = static_cast<unsigned char>(typed[i + 2]);
            if (d >= 0x90 && d <= 0x99)
                digits.push_back(static_cast<char>('0' + (d - 0x90)));
            else if (d != 0x8D)
                other = true;
            i += 2;
        } else if (c == 0xE3 && typed.substr(i, 3) == "\u3000") {
            i += 2;  // an ideographic space
        } else {
            other = true;
        }
    }
    CodeInputError why = CodeInputError::None;
    if (other || digits.size() != kEnrollmentCodeDigits)
        why = CodeInputError::Length;
    else if (damm(digits) != 0)
        why = CodeInputError::Check;
    if (error) *error = why;
    if (why != CodeInputError::None) return std::nullopt;
    return digits;
}

EnrollmentCodeKeys deriveEnrollmentCodeKeys(const std::string& digits) {
    const platform::Bytes salt(kSalt.begin(), kSalt.end());
    const auto master = platform::deriveArgon2id(digits, salt, 32, kOpsLimit, kMemLimit);
    return {platform::toHex(platform::deriveSubkey(master, 1, kKdfContext, 32)),
            platform::deriveSubkey(master, 2, kKdfContext, 32)};
}

bool isServerUrl(const std::string& url) {
    std::string rest;
    if (url.starts_with("http://"))
        rest = url.substr(7);
    else if (url.starts_with("https://"))
        rest = url.substr(8);
    else
        return false;
    if (rest.empty() || rest.front() == '/' || rest.front() == ':' || rest.size() > 500)
        return false;
    for (unsigned char c : rest)
        if (c <= ' ' || c >= 0x7f || c == '?' || c == '#' || c == '\\' || c == '"' || c == '\'' ||
            c == '<' || c == '>')
            return false;
    return true;
}

nlohmann::json sealEnrollment(const Enrollment& e, const platform::Bytes& key) {
    const auto box = platform::secretBoxSeal(key, toJson(e).dump());
    return {{"version", kSealVersion}, {"box", platform::toBase64(box)}};
}

Enrollment openSealedEnrollment(const nlohmann::json& sealed, const platform::Bytes& key) {
    if (!sealed.is_object() || sealed.value("version", 0) != kSealVersion ||
        !sealed.contains("box") || !sealed["box"].is_string())
        throw std::invalid_argument("not a sealed enrollment of version 1");
    const auto box = platform::fromBase64(sealed["box"].get<std::string>());
    if (!box) throw std::invalid_argument("box is not base64");
    const auto plain = platform::secretBoxOpen(key, *box);
    if (!plain) throw std::invalid_argument("the sealed enrollment does not open with this code");
    const auto j = nlohmann::json::parse(*plain, nullptr, false);
    if (j.is_discarded()) throw std::invalid_argument("the sealed enrollment is not JSON");
    return enrollmentFromJson(j);
}

}  // namespace csync
