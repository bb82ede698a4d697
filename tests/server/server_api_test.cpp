// The county server's HTTP API against a real county-server process on 127.0.0.1 (port 0), on
// a real SQLite file and on a real PostgreSQL database: batch outcomes, authentication, limits,
// config, updates, export, restart.
#include <algorithm>
#include <map>
#include <thread>

#include "server_fixture.hpp"
#include "sync/protocol/gzip.hpp"

namespace {

using namespace servertest;

void expectError(const httplib::Result& r, int status, const std::string& id) {
    ASSERT_TRUE(r) << "no response";
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_TRUE(r->has_header(csync::kHeaderServerTime)) << "status " << r->status;
    const json body = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r->body;
    EXPECT_EQ(body.value("error", ""), id) << r->body;
    EXPECT_FALSE(body.value("message", "").empty());
}

TEST_P(CountyFixture, BatchOutcomesAcceptedDuplicateConflictRejected) {
    start();
    auto concern = concernRecord("23456789A", "路灯坏了");
    const auto checkin = checkinRecord("d01");
    const csync::Record unknown{platform::newUuid(), "mystery", 1, "{}"};
    const auto body = batchBody("s1", {concern, checkin, unknown});
    const auto first = postBatch(m_s1, body);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200) << first->body;
    EXPECT_TRUE(first->has_header(csync::kHeaderServerTime));
    EXPECT_EQ(outcomes(first), (std::vector<std::string>{"accepted", "accepted", "rejected"}));
    const auto response = csync::batchResponseFromJson(json::parse(first->body));
    EXPECT_EQ(response.results[2].reason, "unknown type");
    EXPECT_NEAR(static_cast<double>(response.serverTimeMs), static_cast<double>(nowMs()), 60000);

    // The same records again (a lost response): duplicates, nothing stored twice.
    EXPECT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {concern, checkin}))),
              (std::vector<std::string>{"duplicate", "duplicate"}));
    // The same id with other content, or from another station: conflict, the original is kept.
    auto altered = concern;
    json alteredPayload = json::parse(concern.payload);
    alteredPayload["text"] = "篡改";
    altered.payload = csync::canonicalJson(alteredPayload);
    EXPECT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {altered}))),
              (std::vector<std::string>{"conflict"}));
    EXPECT_EQ(outcomes(postBatch(m_s2, batchBody("s2", {checkin}))),
              (std::vector<std::string>{"conflict"}));

    const json concerns = exportJson("concerns");
    ASSERT_EQ(concerns.size(), 1u);
    EXPECT_EQ(concerns[0]["text"], "路灯坏了");
    EXPECT_EQ(concerns[0]["station"], "s1");
    EXPECT_EQ(exportJson("checkins").size(), 1u);
}

TEST_P(CountyFixture, GzipBodyIsSignedOverItsUncompressedText) {
    start();
    const auto body = batchBody("s1", {checkinRecord("d02")});
    auto c = client();
    auto headers = signedHeaders(m_s1, "POST", "/api/v1/batches", body);
    headers.emplace("Content-Encoding", "gzip");
    const auto r =
        c.Post("/api/v1/batches", headers, csync::gzipCompress(body), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(outcomes(r), (std::vector<std::string>{"accepted"})) << r->body;

    // A small body that inflates past the limit (a zip bomb) is refused, not unpacked.
    const std::string bomb = std::string(csync::kMaxInflatedBytes + 1024, ' ');
    auto bombHeaders = signedHeaders(m_s1, "POST", "/api/v1/batches", bomb);
    bombHeaders.emplace("Content-Encoding", "gzip");
    const auto packed = csync::gzipCompress(bomb);
    ASSERT_LT(packed.size(), csync::kMaxBodyBytes);
    expectError(c.Post("/api/v1/batches", bombHeaders, packed, "application/json"), 413,
                "too_large");
}

TEST_P(CountyFixture, RefusedRequestsStoreNothing) {
    start();
    const auto body = batchBody("s1", {checkinRecord("d01")});
    auto c = client();
    // Unsigned, unknown station, malformed and bad signatures, stale timestamps.
    expectError(c.Post("/api/v1/batches", body, "application/json"), 401, "unsigned");
    expectError(postBatch({"nobody", m_s1.secret}, body), 401, "unknown_station");
    expectError(postBatch({"s1", m_s2.secret}, body), 401, "bad_signature");
    auto headers = signedHeaders(m_s1, "POST", "/api/v1/batches", body);
    headers.find(csync::kHeaderSignature)->second = "zz";
    expectError(c.Post("/api/v1/batches", headers, body, "application/json"), 401,
                "malformed_signature");
    expectError(postBatch(m_s1, body, -csync::kReplayWindowMs - 60000), 401, "stale_timestamp");
    expectError(postBatch(m_s1, body, csync::kReplayWindowMs + 60000), 401, "stale_timestamp");
    // A signature covers the body: another body fails the check and does not use it up.
    const auto once = signedHeaders(m_s1, "POST", "/api/v1/batches", body);
    expectError(c.Post("/api/v1/batches", once, batchBody("s1", {}), "application/json"), 401,
                "bad_signature");
    // Another station's id in the body, malformed JSON, too many records, too large a body.
    expectError(postBatch(m_s1, batchBody("s2", {checkinRecord("d01")})), 403, "wrong_station");
    expectError(postBatch(m_s1, "{\"version\":1,"), 400, "malformed");
    expectError(postBatch(m_s1, json{{"version", 1}, {"station", "s1"}}.dump()), 400, "malformed");
    std::vector<csync::Record> many;
    for (int i = 0; i < 501; ++i) many.push_back(checkinRecord("d01"));
    expectError(postBatch(m_s1, batchBody("s1", many)), 400, "malformed");
    csync::Record big = checkinRecord("d01");
    big.payload = csync::canonicalJson(json{{"pad", std::string(60000, 'x')}});
    std::vector<csync::Record> heavy(150, big);
    for (auto& r : heavy) r.id = platform::newUuid();
    const auto huge = batchBody("s1", heavy);
    ASSERT_GT(huge.size(), csync::kMaxBodyBytes);
    expectError(postBatch(m_s1, huge), 413, "too_large");
    EXPECT_TRUE(exportJson("checkins").empty());

    // Replay: the first use succeeds, the second is refused even with the same body.
    const auto ok = c.Post("/api/v1/batches", once, body, "application/json");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << ok->body;
    expectError(c.Post("/api/v1/batches", once, body, "application/json"), 401, "replayed");
    EXPECT_EQ(exportJson("checkins").size(), 1u);
}

TEST_P(CountyFixture, OneTransactionPerBatch) {
    start();
    // A trigger makes the third insert fail: the whole batch must leave nothing behind.
    runSql("county",
           "CREATE TRIGGER fail AFTER INSERT ON record WHEN NEW.payload LIKE '%d03%' "
           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
           "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           "IF NEW.payload LIKE '%d03%' THEN RAISE EXCEPTION 'injected failure'; END IF; "
           "RETURN NEW; END $$; "
           "CREATE TRIGGER fail AFTER INSERT ON record FOR EACH ROW EXECUTE FUNCTION fail()");
    const auto a = checkinRecord("d01"), b = concernRecord("3456789AC", "第二条");
    const auto r = postBatch(m_s1, batchBody("s1", {a, b, checkinRecord("d03")}));
    expectError(r, 500, "internal");
    EXPECT_TRUE(exportJson("checkins").empty());
    EXPECT_TRUE(exportJson("concerns").empty());
    runSql("county", "DROP TRIGGER fail", "DROP TRIGGER fail ON record; DROP FUNCTION fail()");
    EXPECT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {a, b}))),
              (std::vector<std::string>{"accepted", "accepted"}));
}

TEST_P(CountyFixture, ConfigHasRosterKeysAndRevocationsWithEtag) {
    const auto roster = m_dir.file("roster.json");
    std::ofstream(roster) << R"({"station":{"id":"s1","name":"云溪镇人大代表联络站"},
        "deputies":[{"id":"d01","name":"李昇华","level":"national"},
                    {"id":"d02","name":"周喆","level":"provincial"}],
        "slots":[{"date":"2026-12-15","start":"09:00","end":"11:30","deputies":["d01"]}]})";
    ASSERT_EQ(cli({"roster", "import", "--station", "s1", roster}).exitCode, 0);
    start();
    const std::string path = "/api/v1/stations/s1/config";
    const auto r = get(m_s1, path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json config = json::parse(r->body);
    const std::string etag = config.at("etag");
    EXPECT_EQ(r->get_header_value("ETag"), "\"" + etag + "\"");
    EXPECT_EQ(config["station"]["id"], "s1");
    EXPECT_EQ(config["station"]["name"], "云溪镇人大代表联络站");
    EXPECT_EQ(config["station"]["county_code"], "430321");
    EXPECT_EQ(config["deputies"].size(), 2u);
    EXPECT_EQ(config["deputies"][1]["name"], "周喆");
    EXPECT_EQ(config["slots"].size(), 1u);
    EXPECT_TRUE(config["announcements"].empty());
    EXPECT_EQ(csync::signingKeysFromJson(config["sign_keys"]).size(), 1u);
    EXPECT_TRUE(config["revoked"].empty());

    const auto same = get(m_s1, path, {{"If-None-Match", "\"" + etag + "\""}});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 304);
    EXPECT_TRUE(same->body.empty());
    EXPECT_TRUE(same->has_header(csync::kHeaderServerTime));

    ASSERT_EQ(cli({"revoke", "--serial", "00112233AABBCCDD"}).exitCode, 0);
    const auto changed = get(m_s1, path, {{"If-None-Match", "\"" + etag + "\""}});
    ASSERT_TRUE(changed);
    ASSERT_EQ(changed->status, 200);
    const json after = json::parse(changed->body);
    EXPECT_NE(after["etag"], etag);
    EXPECT_EQ(after["revoked"], json::array({"00112233aabbccdd"}));

    // s2 has no roster yet, and may not read s1's config.
    const auto s2 = get(m_s2, "/api/v1/stations/s2/config");
    ASSERT_TRUE(s2);
    const json s2Config = json::parse(s2->body);
    EXPECT_FALSE(s2Config.contains("station"));  // the kiosk keeps its own until then
    EXPECT_EQ(s2Config["deputies"].size(), 0u);
    EXPECT_EQ(s2Config["sign_keys"].size(), 1u);
    expectError(get(m_s2, path), 403, "wrong_station");
}

TEST_P(CountyFixture, UpdatesFollowConcernAnswersByCursor) {
    start();
    const auto concern = concernRecord("456789ACD", "河道需要清理");
    ASSERT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {concern}))),
              (std::vector<std::string>{"accepted"}));
    // The station's own status ids, nothing else ("referred" is a disposition, not a status).
    const auto wrongWord = cli({"concern", "answer", "--receipt", "456-789-acd", "--answer",
                                "已转县水利局处理", "--status", "referred"});
    EXPECT_EQ(wrongWord.exitCode, 2);
    EXPECT_NE(wrongWord.err.find("--status must be"), std::string::npos) << wrongWord.err;
    const auto answered = cli({"concern", "answer", "--receipt", "456-789-acd", "--answer",
                               "已转县水利局处理", "--status", "forwarded", "--note", "转办"});
    ASSERT_EQ(answered.exitCode, 0) << answered.err;

    const auto r = get(m_s1, "/api/v1/stations/s1/updates?cursor=0");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const auto u = csync::updatesResponseFromJson(json::parse(r->body));
    ASSERT_EQ(u.updates.size(), 1u);
    EXPECT_EQ(u.updates[0].concernId, concern.id);
    EXPECT_EQ(u.updates[0].receipt, "456789ACD");
    EXPECT_EQ(u.updates[0].status, "forwarded");
    EXPECT_EQ(u.updates[0].answer, "已转县水利局处理");
    EXPECT_EQ(u.updates[0].note, "转办");
    EXPECT_EQ(u.nextCursor, u.updates[0].cursor);

    // The CLI takes a 公示摘要 under the staff pages' rule: never the citizen's words.
    const auto phone = cli({"concern", "answer", "--receipt", "456789ACD", "--answer", "已疏浚",
                            "--summary", "反映河道淤塞，电话 13800001111"});
    EXPECT_EQ(phone.exitCode, 2);
    EXPECT_NE(phone.err.find("电话号码"), std::string::npos) << phone.err;
    ASSERT_EQ(cli({"concern", "answer", "--receipt", "456789ACD", "--answer", "已疏浚", "--summary",
                   "反映河道淤塞"})
                  .exitCode,
              0);
    const auto next = csync::updatesResponseFromJson(json::parse(
        get(m_s1, "/api/v1/stations/s1/updates?cursor=" + std::to_string(u.nextCursor))->body));
    ASSERT_EQ(next.updates.size(), 1u);
    EXPECT_EQ(next.updates[0].status, "answered");
    EXPECT_EQ(next.updates[0].summary, "反映河道淤塞");
    // The station's rule on the command line too: an answered concern is not sent back to
    // forwarded, and nothing reaches the feed when refused.
    const auto backwards = cli(
        {"concern", "answer", "--receipt", "456789ACD", "--answer", "x", "--status", "forwarded"});
    EXPECT_EQ(backwards.exitCode, 1);
    EXPECT_NE(backwards.err.find("is answered; it cannot become forwarded"), std::string::npos)
        << backwards.err;
    std::string tooLong;
    for (int i = 0; i <= 2000; ++i) tooLong += "字";
    EXPECT_EQ(cli({"concern", "answer", "--receipt", "456789ACD", "--answer", tooLong, "--status",
                   "closed"})
                  .exitCode,
              2);
    EXPECT_GT(next.updates[0].cursor, u.nextCursor);
    const auto none = csync::updatesResponseFromJson(json::parse(
        get(m_s1, "/api/v1/stations/s1/updates?cursor=" + std::to_string(next.nextCursor))->body));
    EXPECT_TRUE(none.updates.empty());
    EXPECT_EQ(none.nextCursor, next.nextCursor);

    const auto other = csync::updatesResponseFromJson(
        json::parse(get(m_s2, "/api/v1/stations/s2/updates?cursor=0")->body));
    EXPECT_TRUE(other.updates.empty());
    expectError(get(m_s2, "/api/v1/stations/s1/updates?cursor=0"), 403, "wrong_station");
    expectError(get(m_s1, "/api/v1/stations/s1/updates?cursor=-1"), 400, "malformed");
}

// Issue 18: a second station uploading a receipt code already taken made the first concern
// unreachable on /track and unpublishable. Receipts are unique county-wide.
TEST_P(CountyFixture, AReceiptCodeOfAnotherStationsConcernIsRejected) {
    start();
    const auto first = concernRecord("56789ACDE", "桥面有裂缝");
    ASSERT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {first}))),
              (std::vector<std::string>{"accepted"}));
    const auto stolen = concernRecord("567-89a-cde", "冒用的回执");
    const auto r = postBatch(m_s2, batchBody("s2", {stolen}));
    ASSERT_EQ(outcomes(r), (std::vector<std::string>{"rejected"}));
    EXPECT_NE(r->body.find("already belongs to another concern"), std::string::npos) << r->body;
    // The first station's concern is still the one found and answered by its code.
    const auto answered = cli({"concern", "answer", "--receipt", "56789ACDE", "--answer",
                               "已安排检修", "--summary", "反映桥面的问题"});
    EXPECT_EQ(answered.exitCode, 0) << answered.err;
    auto c = client();
    const auto track = c.Get("/track/567-89A-CDE");
    ASSERT_TRUE(track);
    EXPECT_EQ(track->status, 200);
    EXPECT_NE(track->body.find("已安排检修"), std::string::npos);
    // Sending its own record again is still a plain duplicate.
    EXPECT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {first}))),
              (std::vector<std::string>{"duplicate"}));
}

// A batch is stored set-based (a few statements per batch), with each record's outcome as if
// the records were stored one after another: an id or a receipt met earlier in the same batch
// counts as stored.
TEST_P(CountyFixture, RepeatsWithinOneBatchAreJudgedInOrder) {
    start();
    const auto concern = concernRecord("3456789AC", "水渠堵了");
    auto altered = concern;
    altered.createdAtMs += 1;
    auto sameReceipt = concernRecord("345-678-9ac", "另一条，同一个回执");
    const auto noReceipt = csync::Record{platform::newUuid(), "concern", 1, "{\"text\":\"x\"}"};
    const auto badStatus = concernRecord("456789ACD", "状态不明");
    auto badStatusRecord = badStatus;
    json badPayload = json::parse(badStatus.payload);
    badPayload["status"] = "lost";
    badStatusRecord.payload = csync::canonicalJson(badPayload);
    const auto r =
        postBatch(m_s1, batchBody("s1", {concern, concern, altered, sameReceipt, noReceipt,
                                         checkinRecord("d01"), badStatusRecord}));
    EXPECT_EQ(outcomes(r),
              (std::vector<std::string>{"accepted", "duplicate", "conflict", "rejected", "rejected",
                                        "accepted", "rejected"}));
    const auto response = csync::batchResponseFromJson(json::parse(r->body));
    EXPECT_EQ(response.results[2].reason, "differs in created_at");
    EXPECT_NE(response.results[3].reason.find("already belongs to another concern"),
              std::string::npos);
    EXPECT_EQ(response.results[4].reason, "concern payload needs a receipt");
    // Refused alone, with the reason; the rest of the batch is stored.
    EXPECT_EQ(response.results[6].reason, "concern payload: status \"lost\" is not known");
    EXPECT_EQ(exportJson("concerns").size(), 1u);

    // A full batch of 500 (chunks of 256, 128, 64, 32, 16, 4 rows) with every tenth record
    // already stored: each stored once, in order, the repeats duplicates.
    std::vector<csync::Record> first, full;
    for (int i = 0; i < 500; ++i) {
        char receipt[10];
        std::snprintf(receipt, sizeof receipt, "B%08d", i);
        full.push_back(concernRecord(receipt, "第" + std::to_string(i) + "条"));
        if (i % 10 == 0) first.push_back(full.back());
    }
    ASSERT_EQ(outcomes(postBatch(m_s1, batchBody("s1", first))).size(), 50u);
    const auto all = outcomes(postBatch(m_s1, batchBody("s1", full)));
    ASSERT_EQ(all.size(), 500u);
    for (int i = 0; i < 500; ++i) EXPECT_EQ(all[i], i % 10 == 0 ? "duplicate" : "accepted") << i;
    const json concerns = exportJson("concerns");
    ASSERT_EQ(concerns.size(), 501u);
    EXPECT_EQ(concerns[500]["text"], "第499条");
}

// Record ids appear in staff page paths: one with a "/" or of a megabyte is rejected, alone.
TEST_P(CountyFixture, RecordIdsAreShortAndPlain) {
    start();
    auto slash = concernRecord("6789ACDEF", "有斜杠的编号");
    slash.id = "abc/def";
    auto huge = concernRecord("789ACDEFG", "很长的编号");
    huge.id = std::string(100'000, 'a');
    const auto fine = concernRecord("89ACDEFGH", "正常的编号");
    const auto r = postBatch(m_s1, batchBody("s1", {slash, huge, fine}));
    EXPECT_EQ(outcomes(r), (std::vector<std::string>{"rejected", "rejected", "accepted"}));
}

TEST_P(CountyFixture, ExportOpensSealedContact) {
    start();
    const auto withContact =
        concernRecord("56789ACDE", "反映噪音, \"夜间\"施工", "张三", "13800000000");
    const auto without = concernRecord("6789ACDEF", "=1+1");
    ASSERT_EQ(outcomes(postBatch(m_s1, batchBody("s1", {withContact, without}))),
              (std::vector<std::string>{"accepted", "accepted"}));
    const json rows = exportJson("concerns");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["id"], withContact.id);
    EXPECT_EQ(rows[0]["receipt"], "56789ACDE");
    EXPECT_EQ(rows[0]["category"], "livelihood");
    EXPECT_EQ(rows[0]["contact_name"], "张三");
    EXPECT_EQ(rows[0]["contact_phone"], "13800000000");
    EXPECT_FALSE(rows[0].contains("contact_sealed"));
    EXPECT_TRUE(rows[0]["received_at"].is_number_integer());
    EXPECT_EQ(rows[1]["contact_name"], "");

    const auto csv = cli({"export", "concerns", "--format", "csv"});
    ASSERT_EQ(csv.exitCode, 0) << csv.err;
    ASSERT_TRUE(csv.out.starts_with("\xEF\xBB\xBFid,station,received_at,receipt,"));
    EXPECT_NE(csv.out.find("\r\n"), std::string::npos);
    EXPECT_NE(csv.out.find(",张三,13800000000"), std::string::npos);
    EXPECT_NE(csv.out.find("\"反映噪音, \"\"夜间\"\"施工\""), std::string::npos);
    EXPECT_NE(csv.out.find(",'=1+1,"), std::string::npos);  // no formula injection
    EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3);
    // The server's log never carries contact data.
    EXPECT_EQ(csv.err.find("张三"), std::string::npos);
}

TEST_P(CountyFixture, HomePageAndUnknownPaths) {
    start();
    auto c = client();
    // The staff pages: an anonymous visitor goes to the login page.
    const auto home = c.Get("/");
    ASSERT_TRUE(home);
    EXPECT_EQ(home->status, 303);
    EXPECT_EQ(home->get_header_value("Location"), "/login");
    EXPECT_TRUE(home->has_header(csync::kHeaderServerTime));
    const auto login = c.Get("/login");
    ASSERT_TRUE(login);
    EXPECT_EQ(login->status, 200);
    EXPECT_NE(login->get_header_value("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(login->body.find("<title>登录 · 县人大代表联络站</title>"), std::string::npos);
    // Outside the API an unknown page is a friendly page; inside it, a JSON error.
    const auto page = c.Get("/nope");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 404);
    EXPECT_NE(page->body.find("页面不存在"), std::string::npos);
    expectError(c.Get("/api/v1/nope"), 404, "not_found");
    expectError(c.Get("/api/v1/stations/s1/config"), 401, "unsigned");
}

TEST_P(CountyFixture, AnUploadTooLargeForTheServerGetsAPageNotJson) {
    start();
    auto c = client();
    // A 9 MB photo posted to a staff page is refused unread, with a page a person can read.
    const std::string photo(9u << 20, 'x');
    const auto res = c.Post("/roster/s1/deputy/d01/photo", photo, "image/jpeg");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_NE(res->get_header_value("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(res->body.find("文件太大"), std::string::npos);
    EXPECT_NE(res->body.find("8 MB"), std::string::npos);
    // The API keeps answering in JSON.
    expectError(c.Post("/api/v1/batches", photo, "application/json"), 413, "too_large");
}

TEST_P(CountyFixture, DataAndSeenSignaturesSurviveARestart) {
    start();
    const auto record = checkinRecord("d05");
    const auto body = batchBody("s1", {record});
    const auto headers = signedHeaders(m_s1, "POST", "/api/v1/batches", body);
    {
        auto c = client();
        EXPECT_EQ(outcomes(c.Post("/api/v1/batches", headers, body, "application/json")),
                  (std::vector<std::string>{"accepted"}));
    }
    stopServer();  // SIGTERM stops it cleanly (exit code 0)
    start();
    auto c = client();
    expectError(c.Post("/api/v1/batches", headers, body, "application/json"), 401, "replayed");
    EXPECT_EQ(outcomes(postBatch(m_s1, body)), (std::vector<std::string>{"duplicate"}));
    EXPECT_EQ(exportJson("checkins").size(), 1u);
}

TEST_P(CountyFixture, ConcurrentBatchesStoreEachIdOnce) {
    start();
    // Eight uploads of the same twenty records at once, half from each station and half in
    // reverse order: each id is accepted exactly once, the rest are duplicates (same station)
    // or conflicts (the other station), and nothing fails.
    std::vector<csync::Record> records;
    for (int i = 0; i < 20; ++i) records.push_back(checkinRecord("d" + std::to_string(i)));
    struct Upload {
        std::string station;
        std::vector<csync::Record> records;
        int status = 0;
        std::vector<std::string> outcomes;
    };
    std::vector<Upload> uploads(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < uploads.size(); ++t) {
        auto& u = uploads[t];
        u.station = t % 2 ? "s2" : "s1";
        u.records = records;
        if (t % 4 >= 2) std::reverse(u.records.begin(), u.records.end());
        threads.emplace_back([&, body = batchBody(u.station, u.records)] {
            const auto r = postBatch(u.station == "s1" ? m_s1 : m_s2, body);
            u.status = r ? r->status : -1;
            u.outcomes = outcomes(r);
        });
    }
    for (auto& t : threads) t.join();
    std::map<std::string, std::string> acceptedBy;
    for (const auto& u : uploads) {
        ASSERT_EQ(u.status, 200) << readFile(m_dir.file("server.log"));
        ASSERT_EQ(u.outcomes.size(), records.size());
        for (std::size_t i = 0; i < u.records.size(); ++i) {
            if (u.outcomes[i] == "accepted") {
                EXPECT_TRUE(acceptedBy.emplace(u.records[i].id, u.station).second)
                    << u.records[i].id << " accepted twice";
            }
        }
    }
    ASSERT_EQ(acceptedBy.size(), records.size());
    for (const auto& u : uploads)
        for (std::size_t i = 0; i < u.records.size(); ++i) {
            const std::string& first = acceptedBy[u.records[i].id];
            if (u.outcomes[i] != "accepted") {
                EXPECT_EQ(u.outcomes[i], first == u.station ? "duplicate" : "conflict");
            }
        }
    EXPECT_EQ(exportJson("checkins").size(), records.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, CountyFixture, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
