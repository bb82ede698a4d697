// Deputy QR tokens: round trip, every refusal reason, key rotation, revocation, QR size.
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <gtest/gtest.h>

#include "platform/crypto.hpp"
#include "sync/protocol/deputy_token.hpp"

namespace {

using csync::DeputyToken;
using csync::SigningKey;
using csync::TokenRefusal;

constexpr std::int64_t kNow = 1'795'000'000;  // 2026-11-18
// ZXing-cpp 1.4 maps its 0–8 scale to QR levels as 0–2 L, 3–4 M, 5–6 Q, 7–8 H (measured).
constexpr int kQrEccLevelQ = 6;

struct County {
    platform::SignKeyPair key = platform::makeSignKeyPair();
    std::uint16_t keyId = 1;
    SigningKey pub() const { return {"430321", keyId, key.publicKey}; }
    std::string issue(const std::string& deputy, std::int64_t from = kNow - 86400,
                      std::int64_t until = kNow + 365 * 86400,
                      const std::string& county = "430321") const {
        DeputyToken t;
        t.deputyId = deputy;
        t.county = county;
        t.keyId = keyId;
        t.validFrom = from;
        t.validUntil = until;
        return csync::issueDeputyToken(t, key.secretKey);
    }
};

std::optional<TokenRefusal> check(const std::string& text, const std::vector<SigningKey>& keys,
                                  const std::vector<std::string>& revoked = {},
                                  std::int64_t now = kNow) {
    return csync::verifyDeputyToken(text, keys, revoked, "430321", now).refusal;
}

}  // namespace

TEST(DeputyToken, RoundTripCarriesEveryField) {
    County c;
    const std::string text = c.issue("d07");
    EXPECT_EQ(text.rfind("DQ1:", 0), 0u);
    const auto r = csync::verifyDeputyToken(text, {c.pub()}, {}, "430321", kNow);
    ASSERT_TRUE(r.ok()) << csync::refusalId(*r.refusal);
    EXPECT_EQ(r.token->deputyId, "d07");
    EXPECT_EQ(r.token->county, "430321");
    EXPECT_EQ(r.token->keyId, 1);
    EXPECT_EQ(r.token->validFrom, kNow - 86400);
    EXPECT_EQ(r.token->validUntil, kNow + 365 * 86400);
    EXPECT_EQ(r.token->serial().size(), 16u);
    EXPECT_NE(c.issue("d07"), text) << "each card gets its own random seed";
}

TEST(DeputyToken, FitsQrVersion9AtLevelQInAlphanumericMode) {
    County c;
    // The longest ids allowed.
    DeputyToken t;
    t.deputyId = std::string(16, 'D');
    t.county = std::string(12, '4');
    t.keyId = 65535;
    t.validFrom = kNow;
    t.validUntil = kNow + 1;
    const std::string text = csync::issueDeputyToken(t, c.key.secretKey);
    for (char ch : text)
        EXPECT_NE(std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:").find(ch),
                  std::string::npos)
            << "not QR alphanumeric: " << ch;
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setEccLevel(kQrEccLevelQ).setMargin(0);
    const ZXing::BitMatrix m = writer.encode(std::wstring(text.begin(), text.end()), 0, 0);
    const int version = (m.width() - 17) / 4;
    EXPECT_LE(version, 9) << text.size() << " characters";
    RecordProperty("characters", static_cast<int>(text.size()));
    RecordProperty("qr_version", version);
}

TEST(DeputyToken, RefusesEachWayWithItsReason) {
    County c;
    const std::string good = c.issue("d01");
    EXPECT_EQ(check(good, {c.pub()}), std::nullopt);

    EXPECT_EQ(check("", {c.pub()}), TokenRefusal::BadFormat);
    EXPECT_EQ(check("RC1:ABCDEFGHJ", {c.pub()}), TokenRefusal::BadFormat);
    EXPECT_EQ(check("DQ1:not base32!", {c.pub()}), TokenRefusal::BadFormat);
    EXPECT_EQ(check(good.substr(0, good.size() - 8), {c.pub()}), TokenRefusal::BadFormat);
    EXPECT_EQ(check(good + "AAAAAAAA", {c.pub()}), TokenRefusal::BadFormat);

    // A forged card: the same content signed by someone else's key.
    County forger;
    EXPECT_EQ(check(forger.issue("d01"), {c.pub()}), TokenRefusal::BadSignature);
    // One changed character in the body breaks the signature (or the format).
    std::string tampered = good;
    tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
    const auto t = check(tampered, {c.pub()});
    ASSERT_TRUE(t.has_value());
    EXPECT_TRUE(*t == TokenRefusal::BadSignature || *t == TokenRefusal::BadFormat);

    County otherKey;
    otherKey.keyId = 2;
    EXPECT_EQ(check(otherKey.issue("d01"), {c.pub()}), TokenRefusal::UnknownKey);
    EXPECT_EQ(check(c.issue("d01", kNow - 10, kNow + 10, "430302"), {c.pub()}),
              TokenRefusal::WrongCounty);
    EXPECT_EQ(check(c.issue("d01", kNow + 3600, kNow + 7200), {c.pub()}),
              TokenRefusal::NotYetValid);
    EXPECT_EQ(check(c.issue("d01", kNow - 7200, kNow - 3600), {c.pub()}), TokenRefusal::Expired);
    EXPECT_EQ(check(good, {c.pub()}, {}, csync::parseDeputyToken(good)->validUntil),
              TokenRefusal::Expired)
        << "valid-until is exclusive";
}

TEST(DeputyToken, KeyRotationAcceptsOldAndNewKeysWhileBothAreListed) {
    County oldKey, newKey;
    newKey.keyId = 2;
    const std::string oldCard = oldKey.issue("d03"), newCard = newKey.issue("d03");
    const std::vector<SigningKey> both{oldKey.pub(), newKey.pub()};
    EXPECT_EQ(check(oldCard, both), std::nullopt);
    EXPECT_EQ(check(newCard, both), std::nullopt);
    // Once the county retires key 1, its cards stop working.
    EXPECT_EQ(check(oldCard, {newKey.pub()}), TokenRefusal::UnknownKey);
    EXPECT_EQ(check(newCard, {newKey.pub()}), std::nullopt);
}

TEST(DeputyToken, RevocationNamesOneCardNotTheDeputy) {
    County c;
    const std::string lost = c.issue("d05"), replacement = c.issue("d05");
    const std::string serial = csync::parseDeputyToken(lost)->serial();
    EXPECT_EQ(check(lost, {c.pub()}, {serial}), TokenRefusal::Revoked);
    EXPECT_EQ(check(replacement, {c.pub()}, {serial}), std::nullopt);
}

TEST(DeputyToken, IssuingRefusesIdsOutsideTheAlphabet) {
    County c;
    EXPECT_THROW(c.issue("李四"), std::invalid_argument);
    EXPECT_THROW(c.issue(""), std::invalid_argument);
    EXPECT_THROW(c.issue(std::string(17, 'x')), std::invalid_argument);
    EXPECT_THROW(c.issue("d01", kNow, kNow), std::invalid_argument);
}

TEST(Base32, RoundTripsAndRejectsNonCanonicalText) {
    for (std::size_t n = 0; n < 40; ++n) {
        const auto data = platform::randomBytes(n);
        const std::string text = platform::toBase32(data);
        EXPECT_EQ(platform::fromBase32(text), data) << n;
    }
    EXPECT_EQ(platform::toBase32({'f', 'o', 'o', 'b', 'a', 'r'}), "MZXW6YTBOI");
    EXPECT_FALSE(platform::fromBase32("MZXW6YTBOJ").has_value()) << "stray low bits";
    EXPECT_FALSE(platform::fromBase32("mzxw6ytboi").has_value());
    EXPECT_FALSE(platform::fromBase32("A").has_value());
}
