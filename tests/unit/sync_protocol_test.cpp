// The shared sync protocol: signing, gzip limits, message validation, backoff policy.
#include <gtest/gtest.h>

#include "kiosk/app/sync_worker.hpp"
#include "sync/protocol/checkin.hpp"
#include "sync/protocol/gzip.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/public_summary.hpp"
#include "sync/protocol/signing.hpp"

namespace {

using csync::SignatureCheck;

const platform::Bytes kSecret(32, 7);
constexpr std::int64_t kNow = 1'795'000'000'000;

}  // namespace

TEST(Signing, AcceptsItsOwnSignatureAndRefusesEveryChange) {
    const std::string body = R"({"x":1})";
    const std::string sig = csync::signRequest(kSecret, "POST", "/api/v1/batches", kNow, body);
    auto check = [&](std::string_view method, std::string_view path, const std::string& ts,
                     const std::string& s, std::string_view b, const platform::Bytes& key) {
        return csync::checkRequest(key, method, path, ts, s, b, kNow);
    };
    const std::string ts = std::to_string(kNow);
    EXPECT_EQ(check("POST", "/api/v1/batches", ts, sig, body, kSecret), SignatureCheck::Ok);
    EXPECT_EQ(check("GET", "/api/v1/batches", ts, sig, body, kSecret),
              SignatureCheck::BadSignature);
    EXPECT_EQ(check("POST", "/api/v1/other", ts, sig, body, kSecret), SignatureCheck::BadSignature);
    EXPECT_EQ(check("POST", "/api/v1/batches", ts, sig, R"({"x":2})", kSecret),
              SignatureCheck::BadSignature);
    EXPECT_EQ(check("POST", "/api/v1/batches", std::to_string(kNow + 1), sig, body, kSecret),
              SignatureCheck::BadSignature);
    EXPECT_EQ(check("POST", "/api/v1/batches", ts, sig, body, platform::Bytes(32, 8)),
              SignatureCheck::BadSignature);
    EXPECT_EQ(check("POST", "/api/v1/batches", "", sig, body, kSecret), SignatureCheck::Missing);
    EXPECT_EQ(check("POST", "/api/v1/batches", "12x", sig, body, kSecret),
              SignatureCheck::Malformed);
    EXPECT_EQ(check("POST", "/api/v1/batches", ts, "zz", body, kSecret), SignatureCheck::Malformed);
    // Correctly signed but outside the replay window of the server clock.
    const std::int64_t old = kNow - csync::kReplayWindowMs - 1;
    EXPECT_EQ(csync::checkRequest(kSecret, "POST", "/p", std::to_string(old),
                                  csync::signRequest(kSecret, "POST", "/p", old, ""), "", kNow),
              SignatureCheck::Stale);
}

TEST(Gzip, RoundTripsAndRefusesBombsAndTruncation) {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += R"({"id":"记录)" + std::to_string(i) + "\"},";
    const std::string z = csync::gzipCompress(text);
    EXPECT_LT(z.size(), text.size() / 5);
    EXPECT_EQ(csync::gzipDecompress(z, text.size()), text);
    EXPECT_FALSE(csync::gzipDecompress(z, text.size() - 1).has_value()) << "over the limit";
    EXPECT_FALSE(csync::gzipDecompress(z.substr(0, z.size() / 2), 1 << 30).has_value());
    EXPECT_FALSE(csync::gzipDecompress("not gzip", 1 << 20).has_value());
}

TEST(Messages, BatchRequestRoundTripsAndNamesTheBadField) {
    csync::BatchRequest b;
    b.station = "430321-yunxi";
    b.batchId = "b1";
    b.records.push_back({"r1", "concern", 5, R"({"text":"路灯坏了"})"});
    const auto back = csync::batchRequestFromJson(toJson(b));
    ASSERT_EQ(back.records.size(), 1u);
    EXPECT_EQ(back.records[0].payload, R"({"text":"路灯坏了"})");

    auto refuse = [](nlohmann::json j, const std::string& field) {
        try {
            csync::batchRequestFromJson(j);
            ADD_FAILURE() << "accepted: " << j.dump();
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
        }
    };
    auto j = toJson(b);
    j["version"] = 2;
    refuse(j, "version");
    j = toJson(b);
    j.erase("station");
    refuse(j, "station");
    j = toJson(b);
    j["records"] = nlohmann::json::array();
    for (int i = 0; i < 501; ++i) j["records"].push_back(toJson(b.records[0]));
    refuse(j, "500");
    j = toJson(b);
    j["records"][0].erase("id");
    refuse(j, "records[0]");
}

TEST(SyncWorker, BacksOffWithJitterAndWaitsForStaffAfterAuthErrors) {
    csync::client::SyncReport ok, net, auth;
    net.error = csync::client::SyncError::Network;
    auth.error = csync::client::SyncError::Auth;
    using kiosk::app::SyncWorker;
    EXPECT_EQ(SyncWorker::delayAfterMs(ok, 0, 0.5), 120'000);
    EXPECT_EQ(SyncWorker::delayAfterMs(auth, 1, 0.5), -1);
    EXPECT_EQ(SyncWorker::delayAfterMs(net, 1, 0.5), 5'000);
    EXPECT_EQ(SyncWorker::delayAfterMs(net, 2, 0.5), 10'000);
    EXPECT_EQ(SyncWorker::delayAfterMs(net, 30, 0.5), 600'000) << "capped";
    EXPECT_EQ(SyncWorker::delayAfterMs(net, 1, 0.0), 4'000);
    EXPECT_EQ(SyncWorker::delayAfterMs(net, 1, 1.0), 6'000);
}

// One rule of attendance for kiosk and county: a correction cancels the record it names, in
// whatever order the two arrive, and is no attendance itself; a record naming no one counts.
TEST(CheckinRule, ACorrectionAndTheRecordItVoidsDoNotCount) {
    using csync::CheckinRef;
    EXPECT_EQ(csync::countsAsAttendance({{"a", ""}, {"b", ""}, {"c", "a"}}),
              (std::vector<bool>{false, true, false}));
    EXPECT_EQ(csync::countsAsAttendance({{"c", "a"}, {"a", ""}}),
              (std::vector<bool>{false, false}));
    EXPECT_EQ(csync::countsAsAttendance({{"c", "gone"}, {"b", ""}}),
              (std::vector<bool>{false, true}));
    EXPECT_TRUE(csync::countsAsAttendance({}).empty());
}

TEST(PublicSummary, AnonymisedOwnWordsOnly) {
    const std::string citizen =
        "我家门口的村道坏了好几年，一下雨就积水，老人小孩走路很危险。我叫王五，电话13800001111。";
    EXPECT_EQ(csync::publicSummaryProblem("反映村道破损、雨天积水，老人出行不便", citizen), "");
    // Required, short, text.
    EXPECT_NE(csync::publicSummaryProblem("", citizen).find("请填写公示摘要"), std::string::npos);
    EXPECT_NE(csync::publicSummaryProblem(" ，。 ", citizen).find("请填写"), std::string::npos);
    std::string longText;
    for (std::size_t i = 0; i <= csync::kPublicSummaryChars; ++i) longText += "路";
    EXPECT_NE(csync::publicSummaryProblem(longText, citizen).find("太长：现有 61 字"),
              std::string::npos);
    EXPECT_NE(csync::publicSummaryProblem("\xff\xfe", citizen).find("无法识别"), std::string::npos);
    // Numbers that identify someone, however spaced or written.
    for (const char* s :
         {"反映路灯损坏，联系13800001111", "身份证 4303 2119 8001", "电话０７３１－８８８８８８"})
        EXPECT_NE(csync::publicSummaryProblem(s, "").find("电话号码"), std::string::npos) << s;
    EXPECT_EQ(csync::publicSummaryProblem("2026年反映的路灯问题", ""), "");
    // Ten characters of the citizen's words in a row, punctuation and spaces aside, quote them.
    EXPECT_NE(csync::publicSummaryProblem("一下雨就积水老人小孩走路", citizen).find("照抄"),
              std::string::npos);
    EXPECT_NE(csync::publicSummaryProblem("“一下雨，就积水！老人 小孩走路”", citizen).find("照抄"),
              std::string::npos);
    EXPECT_EQ(csync::publicSummaryProblem("一下雨就积水的路", citizen), "");  // 7 in a row
}

TEST(Messages, UpdatesCarryTheSummaryAndOlderServersNeedNone) {
    csync::UpdatesResponse u;
    u.updates.push_back({7, "c1", "ACD234EFG", "answered", "已修复", "", 1000, "反映路灯损坏"});
    u.nextCursor = 7;
    const auto back = csync::updatesResponseFromJson(csync::toJson(u));
    ASSERT_EQ(back.updates.size(), 1u);
    EXPECT_EQ(back.updates[0].summary, "反映路灯损坏");
    auto old = csync::toJson(u);
    old["updates"][0].erase("summary");
    EXPECT_EQ(csync::updatesResponseFromJson(old).updates[0].summary, "");
    old["updates"][0]["summary"] = 5;
    EXPECT_THROW(csync::updatesResponseFromJson(old), std::invalid_argument);
}
