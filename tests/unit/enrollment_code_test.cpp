// The typed one-time enrollment code: its form, the check digit, and the sealed enrollment.
#include <gtest/gtest.h>

#include "sample_enrollment.hpp"
#include "sync/protocol/enrollment_code.hpp"

namespace {

using csync::CodeInputError;
using csync::normalizeEnrollmentCode;

TEST(EnrollmentCode, FormAndTyping) {
    const std::string digits = csync::newEnrollmentCode();
    ASSERT_EQ(digits.size(), csync::kEnrollmentCodeDigits);
    EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string::npos);
    const std::string shown = csync::formatEnrollmentCode(digits);
    ASSERT_EQ(shown.size(), 24u);
    EXPECT_EQ(shown[4], '-');
    EXPECT_EQ(shown[19], '-');
    EXPECT_EQ(normalizeEnrollmentCode(shown), digits);
    EXPECT_EQ(normalizeEnrollmentCode(digits), digits);
    std::string spaced;
    for (char c : digits) spaced += std::string(1, c) + " ";
    EXPECT_EQ(normalizeEnrollmentCode(" " + spaced), digits);
    // Full-width digits and dash from a Chinese input method, and an ideographic space.
    std::string wide;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i == 4) wide += "－";
        if (i == 8) wide += "\u3000";
        wide += "\xEF\xBC" + std::string(1, static_cast<char>(0x90 + (digits[i] - '0')));
    }
    EXPECT_EQ(normalizeEnrollmentCode(wide), digits);

    CodeInputError why{};
    EXPECT_FALSE(normalizeEnrollmentCode(digits.substr(1), &why));
    EXPECT_EQ(why, CodeInputError::Length);
    EXPECT_FALSE(normalizeEnrollmentCode(digits + "0", &why));
    EXPECT_EQ(why, CodeInputError::Length);
    EXPECT_FALSE(normalizeEnrollmentCode("A" + digits.substr(1), &why));
    EXPECT_EQ(why, CodeInputError::Length);
    EXPECT_FALSE(normalizeEnrollmentCode("", &why));
}

// The Damm check digit catches every single wrong digit and every swap of neighbours.
TEST(EnrollmentCode, CheckDigitCatchesSlips) {
    for (int round = 0; round < 20; ++round) {
        const std::string digits = csync::newEnrollmentCode();
        for (std::size_t i = 0; i < digits.size(); ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                if (d == digits[i]) continue;
                std::string typo = digits;
                typo[i] = d;
                CodeInputError why{};
                EXPECT_FALSE(normalizeEnrollmentCode(typo, &why)) << typo;
                EXPECT_EQ(why, CodeInputError::Check);
            }
            if (i + 1 < digits.size() && digits[i] != digits[i + 1]) {
                std::string swapped = digits;
                std::swap(swapped[i], swapped[i + 1]);
                EXPECT_FALSE(normalizeEnrollmentCode(swapped)) << swapped;
            }
        }
    }
    EXPECT_EQ(normalizeEnrollmentCode("0000-0000-0000-0000-0000"), "00000000000000000000");
}

TEST(EnrollmentCode, KeysAreDeterministicAndSeparate) {
    const std::string digits = csync::newEnrollmentCode();
    const auto a = csync::deriveEnrollmentCodeKeys(digits);
    const auto b = csync::deriveEnrollmentCodeKeys(digits);
    EXPECT_EQ(a.lookupId, b.lookupId);
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.lookupId.size(), 64u);
    EXPECT_EQ(a.key.size(), 32u);
    EXPECT_NE(a.lookupId, platform::toHex(a.key));
    EXPECT_NE(csync::deriveEnrollmentCodeKeys(csync::newEnrollmentCode()).lookupId, a.lookupId);
}

TEST(EnrollmentCode, SealedEnrollmentOpensOnlyUnaltered) {
    const auto e = testsupport::sampleEnrollment("https://county.example:8443", "430321-yunxi");
    const auto keys = csync::deriveEnrollmentCodeKeys(csync::newEnrollmentCode());
    const auto sealed = csync::sealEnrollment(e, keys.key);
    EXPECT_EQ(sealed.dump().find(platform::toBase64(e.secret)), std::string::npos);
    const auto opened = csync::openSealedEnrollment(sealed, keys.key);
    EXPECT_EQ(opened.station, e.station);
    EXPECT_EQ(opened.secret, e.secret);
    EXPECT_EQ(opened.server, e.server);

    // Every flipped byte of nonce, tag or ciphertext is refused.
    const auto box = *platform::fromBase64(sealed["box"].get<std::string>());
    for (std::size_t i = 0; i < box.size(); i += 7) {
        auto bad = box;
        bad[i] ^= 0x01;
        auto altered = sealed;
        altered["box"] = platform::toBase64(bad);
        EXPECT_THROW(csync::openSealedEnrollment(altered, keys.key), std::invalid_argument) << i;
    }
    // Another code's key, a forged box under a key of the attacker's, and junk.
    const auto other = csync::deriveEnrollmentCodeKeys(csync::newEnrollmentCode());
    EXPECT_THROW(csync::openSealedEnrollment(sealed, other.key), std::invalid_argument);
    EXPECT_THROW(csync::openSealedEnrollment(csync::sealEnrollment(e, other.key), keys.key),
                 std::invalid_argument);
    EXPECT_THROW(csync::openSealedEnrollment(nlohmann::json{{"version", 1}}, keys.key),
                 std::invalid_argument);
    EXPECT_THROW(
        csync::openSealedEnrollment(nlohmann::json{{"version", 1}, {"box", "!!"}}, keys.key),
        std::invalid_argument);
}

}  // namespace
