// Deputy QR card pages: issued tokens verify offline with the keys stations receive, the printed
// sheet scans, revocation reaches the config, and key rotation keeps old cards working.
#include <stb_image.h>

#include <cstdlib>
#include <fstream>

#include "platform/gray_image.hpp"
#include "platform/qr_decode.hpp"
#include "sync/protocol/deputy_token.hpp"
#include "sync/server/rules.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

// Cards valid from the fixture's today (kNow, 2025-11-23 county time) for a year.
constexpr const char* kFrom = "2025-11-23";
constexpr const char* kUntil = "2026-11-22";

class CardPages : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped()) return;
        m_backend->importRoster(
            "s1",
            {{"station", json::object()},
             {"deputies", json::array({{{"id", "d01"}, {"name", "李昇华"}, {"level", "national"}},
                                       {{"id", "d02"}, {"name", "周敏"}, {"level", "county"}}})},
             {"slots", json::array()}});
    }

    // Issues a card through the page; returns its row's token.
    std::string issue(const Browser& b, const std::string& deputy) {
        const auto res = post("/cards/issue",
                              {{"deputy", "s1/" + deputy}, {"from", kFrom}, {"until", kUntil}}, b);
        EXPECT_EQ(res.status, 303);
        EXPECT_EQ(location(res), "/cards");
        auto sql = m_backend->sql();
        const auto rows = sql->query(
            "SELECT token FROM deputy_card WHERE deputy = $1 ORDER BY issued_at DESC, serial",
            {deputy});
        return rows.empty() ? "" : rows.front().text(0);
    }
    // Verifies as a station would, with what its config download carries.
    csync::TokenCheck verifyAtStation(const std::string& token, std::int64_t nowSec) {
        const json body = m_backend->stationConfig("s1").body;
        return csync::verifyDeputyToken(token, csync::signingKeysFromJson(body["sign_keys"]),
                                        body["revoked"].get<std::vector<std::string>>(), "430321",
                                        nowSec);
    }
};

TEST_P(CardPages, AnIssuedCardVerifiesWithTheCountysKeys) {
    const Browser admin = as(Role::Admin);
    const std::string token = issue(admin, "d01");
    ASSERT_FALSE(token.empty());
    const auto check = verifyAtStation(token, kNow / 1000);
    ASSERT_TRUE(check.ok()) << csync::refusalId(*check.refusal);
    EXPECT_EQ(check.token->deputyId, "d01");
    EXPECT_EQ(check.token->keyId, m_backend->county()->signKeyId);
    // Valid through the last day in county time, not after.
    const auto lastDay = *csync::server::staff::parseDate(kUntil);
    EXPECT_TRUE(verifyAtStation(token, (lastDay + 86'399'000) / 1000).ok());
    EXPECT_EQ(*verifyAtStation(token, (lastDay + 86'400'000) / 1000).refusal,
              csync::TokenRefusal::Expired);

    const auto page = get("/cards", admin);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("李昇华"), std::string::npos);
    EXPECT_NE(page.body.find("有效"), std::string::npos);
    EXPECT_NE(page.body.find(check.token->serial()), std::string::npos);

    // Bad input is refused with a message; a bare POST does not crash.
    const auto bad = post("/cards/issue", {{"deputy", "s1/d01"}, {"from", "2026-13-01"}}, admin);
    EXPECT_EQ(bad.status, 303);
    EXPECT_NE(location(bad).find("error="), std::string::npos);
    EXPECT_EQ(post("/cards/issue", {}, admin).status, 303);
    EXPECT_EQ(post("/cards/nope/revoke", {}, admin).status, 404);
    EXPECT_EQ(post("/cards/rotate", {}, admin).status, 400);
}

TEST_P(CardPages, TheSheetIsA4At300DpiAndItsCodeScans) {
    const Browser admin = as(Role::Admin);
    const std::string token = issue(admin, "d02");
    const std::string serial = csync::parseDeputyToken(token)->serial();
    issue(admin, "d01");

    for (const std::string& query : {"?serial=" + serial, std::string("?station=s1")}) {
        const auto res = get("/cards/sheet.png" + query, admin);
        ASSERT_EQ(res.status, 200) << res.body;
        EXPECT_EQ(res.contentType, "image/png");
        int w = 0, h = 0, n = 0;
        unsigned char* px =
            stbi_load_from_memory(reinterpret_cast<const unsigned char*>(res.body.data()),
                                  static_cast<int>(res.body.size()), &w, &h, &n, 1);
        ASSERT_NE(px, nullptr);
        stbi_image_free(px);
        EXPECT_EQ(w, 2480);
        EXPECT_EQ(h, 3508);
        // CARD_SHEET_OUT=dir keeps the sheets for a look by eye.
        if (const char* dir = std::getenv("CARD_SHEET_OUT"))
            std::ofstream(std::string(dir) + "/sheet-" +
                              (query[1] == 's' && query[2] == 'e' ? "one" : "station") + ".png",
                          std::ios::binary)
                << res.body;
    }
    // A sheet of one card: the scanner reads that card's token from the printed page.
    const auto res = get("/cards/sheet.png?serial=" + serial, admin);
    const platform::GrayImage page = platform::grayFromEncoded(res.body);
    ASSERT_FALSE(page.empty());
    EXPECT_EQ(platform::decodeQr(page).value_or(""), token);
    EXPECT_EQ(get("/cards/sheet.png?station=s2", admin).status, 404);
}

TEST_P(CardPages, RevokingPutsTheSerialInTheStationsList) {
    const Browser admin = as(Role::Admin);
    const std::string token = issue(admin, "d01");
    const std::string serial = csync::parseDeputyToken(token)->serial();
    const auto before = m_backend->stationConfig("s1");
    ASSERT_EQ(post("/cards/" + serial + "/revoke", {}, admin).status, 303);
    const auto after = m_backend->stationConfig("s1");
    EXPECT_NE(after.etag, before.etag);
    EXPECT_EQ(after.body["revoked"], json::array({serial}));
    EXPECT_EQ(*verifyAtStation(token, kNow / 1000).refusal, csync::TokenRefusal::Revoked);
    {
        auto sql = m_backend->sql();
        EXPECT_EQ(
            sql->query("SELECT revoked_at FROM deputy_card WHERE serial = $1", {serial})[0].integer(
                0),
            kNow);
        EXPECT_EQ(sql->query("SELECT COUNT(*) FROM audit_log WHERE action = 'card.revoke'", {})[0]
                      .integer(0),
                  1);
    }
    EXPECT_NE(get("/cards", admin).body.find("已吊销"), std::string::npos);
    EXPECT_EQ(get("/cards/sheet.png?serial=" + serial, admin).status, 404);  // not printed again
}

TEST_P(CardPages, AfterRotationNewCardsUseTheNewKeyAndOldOnesStillWork) {
    const Browser admin = as(Role::Admin);
    const std::uint16_t oldKey = m_backend->county()->signKeyId;
    const std::string oldToken = issue(admin, "d01");
    ASSERT_EQ(post("/cards/rotate", {{"confirm", "1"}}, admin).status, 303);
    const std::uint16_t newKey = m_backend->county()->signKeyId;
    EXPECT_EQ(newKey, oldKey + 1);
    EXPECT_EQ(m_backend->stationConfig("s1").body["sign_keys"].size(), 2u);

    const std::string newToken = issue(admin, "d02");
    EXPECT_EQ(csync::parseDeputyToken(newToken)->keyId, newKey);
    EXPECT_EQ(csync::parseDeputyToken(oldToken)->keyId, oldKey);
    EXPECT_TRUE(verifyAtStation(newToken, kNow / 1000).ok());
    EXPECT_TRUE(verifyAtStation(oldToken, kNow / 1000).ok());

    // A second rotation goes on counting; the page names the key in use.
    ASSERT_EQ(post("/cards/rotate", {{"confirm", "1"}}, admin).status, 303);
    EXPECT_EQ(m_backend->county()->signKeyId, oldKey + 2);
    EXPECT_NE(
        get("/cards", admin).body.find("新签发的代表码使用密钥 " + std::to_string(oldKey + 2)),
        std::string::npos);
}

TEST_P(CardPages, StaffCannotIssueOrRevoke) {
    const Browser staff = as(Role::Staff);
    EXPECT_EQ(
        post("/cards/issue", {{"deputy", "s1/d01"}, {"from", kFrom}, {"until", kUntil}}, staff)
            .status,
        403);
    EXPECT_EQ(post("/cards/rotate", {{"confirm", "1"}}, staff).status, 403);
    EXPECT_EQ(m_backend->signingKeys().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CardPages, ::testing::Values(Db::Sqlite, Db::Postgres), dbName);

}  // namespace
}  // namespace webtest
