// Enrollment by a typed one-time code on the real county-server, once per backend: the code
// works once, expired, wrong, replaced and revoked codes are refused, wrong codes are throttled,
// and what the server stores is derived from the code, never the code.
#include <regex>

#include "server_fixture.hpp"
#include "sync/protocol/enrollment_code.hpp"

namespace {

using namespace servertest;

class EnrollmentCode : public CountyFixture {
protected:
    // Issues a code for station (extra: more options); returns it as printed.
    std::string issue(const std::string& station, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"station", "code",     "--id",
                                      station,   "--server", "http://county.example:8080"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = cli(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return codeIn(r.out);
    }
    static std::string codeIn(const std::string& out) {
        std::smatch m;
        static const std::regex code(R"(\d{4}(-\d{4}){4})");
        return std::regex_search(out, m, code) ? m.str() : "";
    }
    static std::string lookupOf(const std::string& code) {
        return csync::deriveEnrollmentCodeKeys(*csync::normalizeEnrollmentCode(code)).lookupId;
    }
    httplib::Result present(const std::string& lookupId) {
        auto c = client();
        return c.Post("/api/v1/enroll", json{{"version", 1}, {"code_id", lookupId}}.dump(),
                      "application/json");
    }
    // Presents code and expects it refused with this status and error id.
    void expectRefused(const std::string& code, int status, const std::string& error) {
        const auto r = present(lookupOf(code));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, status) << r->body;
        EXPECT_EQ(errorOf(r), error);
    }
    static std::string errorOf(const httplib::Result& r) {
        if (!r) return "no answer";
        const json j = json::parse(r->body, nullptr, false);
        return j.is_object() ? j.value("error", "") : "";
    }
};

TEST_P(EnrollmentCode, WorksOnceAndTheCountySeesWhen) {
    const std::string code = issue("s1");
    ASSERT_FALSE(code.empty());
    start();
    const auto r = present(lookupOf(code));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const auto keys = csync::deriveEnrollmentCodeKeys(*csync::normalizeEnrollmentCode(code));
    const auto e = csync::openSealedEnrollment(json::parse(r->body), keys.key);
    EXPECT_EQ(e.station, "s1");
    EXPECT_EQ(e.secret, m_s1.secret);
    EXPECT_EQ(e.server, "http://county.example:8080");
    EXPECT_EQ(e.county, "430321");
    // The station's secret is not readable without the code.
    EXPECT_EQ(r->body.find(platform::toBase64(m_s1.secret)), std::string::npos);

    expectRefused(code, 410, "code_used");

    const auto show = cli({"station", "code", "show", "--id", "s1"});
    ASSERT_EQ(show.exitCode, 0) << show.err;
    EXPECT_NE(show.out.find("used "), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("127.0.0.1"), std::string::npos) << show.out;
}

TEST_P(EnrollmentCode, OnlyDerivedValuesAreStored) {
    const std::string code = issue("s2");
    const std::string digits = *csync::normalizeEnrollmentCode(code);
    std::string stored;
    if (GetParam() == Db::Sqlite) {
        const std::string path = dbUrl().substr(7);
        stored = readFile(path) + readFile(path + "-wal");
    } else {
        stored = pgValue("county",
                         "SELECT string_agg(lookup || station || sealed, ',') "
                         "FROM enrollment_code");
    }
    EXPECT_NE(stored.find(lookupOf(code)), std::string::npos);
    EXPECT_EQ(stored.find(digits), std::string::npos);
    EXPECT_EQ(stored.find(code), std::string::npos);
}

TEST_P(EnrollmentCode, ExpiredCodeIsRefused) {
    const std::string code = issue("s1", {"--hours", "1"});
    runSql("county", "UPDATE enrollment_code SET expires_at = 1",
           "UPDATE enrollment_code SET expires_at = 1");
    start();
    expectRefused(code, 410, "code_expired");
    EXPECT_NE(cli({"station", "code", "show", "--id", "s1"}).out.find("expired"),
              std::string::npos);
}

TEST_P(EnrollmentCode, ReplacedAndRevokedCodesAreRefused) {
    const std::string first = issue("s1");
    const std::string second = issue("s1");
    const std::string other = issue("s2");
    ASSERT_NE(first, second);
    start();
    expectRefused(first, 410, "code_revoked");

    const auto revoke = cli({"station", "code", "revoke", "--id", "s2"});
    ASSERT_EQ(revoke.exitCode, 0) << revoke.err;
    EXPECT_NE(revoke.out.find("1 open"), std::string::npos) << revoke.out;
    expectRefused(other, 410, "code_revoked");

    const auto r = present(lookupOf(second));  // the newest code of s1 still works
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    const auto show = cli({"station", "code", "show", "--id", "s1"}).out;
    EXPECT_NE(show.find("replaced"), std::string::npos) << show;
}

TEST_P(EnrollmentCode, WrongCodesAreThrottledPerAddress) {
    const std::string code = issue("s1");
    start();
    EXPECT_EQ(present("xyz")->status, 400);
    for (int i = 0; i < 5; ++i) {  // kMaxFailures wrong codes
        const auto r = present(platform::toHex(platform::randomBytes(32)));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 404);
        EXPECT_EQ(errorOf(r), "code_unknown");
    }
    // Locked out now, even with the right code; the code itself stays unused.
    const auto r = present(lookupOf(code));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 429);
    EXPECT_EQ(errorOf(r), "too_many_attempts");
    EXPECT_FALSE(r->get_header_value("Retry-After").empty());
    EXPECT_NE(cli({"station", "code", "show", "--id", "s1"}).out.find("open until"),
              std::string::npos);
}

TEST_P(EnrollmentCode, StationAddWithCodeAndUsage) {
    const auto r = cli({"station", "add", "--id", "s3", "--name", "新站", "--code", "--server",
                        "http://county.example:8080", "--hours", "24"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("station s3 added"), std::string::npos) << r.out;
    EXPECT_FALSE(codeIn(r.out).empty()) << r.out;
    EXPECT_EQ(cli({"station", "add", "--id", "s4", "--name", "x"}).exitCode, 2);
    EXPECT_EQ(cli({"station", "code", "--id", "s1", "--hours", "0"}).exitCode, 2);
    EXPECT_EQ(cli({"station", "code", "frob", "--id", "s1"}).exitCode, 2);
    const auto unknown = cli({"station", "code", "--id", "nope"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("no station nope"), std::string::npos);
}

// A database made before enrollment codes existed gets the table when the server starts.
TEST_P(EnrollmentCode, OlderDatabaseWithoutTheTable) {
    // Schema 2, before the code table was versioned: the upgrade on opening makes it.
    downgradeTo("county", 2);
    start();
    const auto r = present(platform::toHex(platform::randomBytes(32)));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << r->body;
}

INSTANTIATE_TEST_SUITE_P(Backends, EnrollmentCode, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
