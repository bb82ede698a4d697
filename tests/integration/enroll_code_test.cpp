// Enrollment by a typed one-time code end to end: county-server issues a code, the real
// stationctl enrolls a fresh store with it and syncs. Every failure (wrong, used, mistyped code,
// bad or unreachable server, a forged or altered answer) says so in Chinese and leaves the
// station's store as it was.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <regex>
#include <thread>

#include "county_station_cli.hpp"
#include "sample_enrollment.hpp"
#include "server_process.hpp"
#include "sync/protocol/enrollment_code.hpp"

namespace {

using testsupport::ProcessResult;

class EnrollByCode : public testsupport::CountyStationCli {
protected:
    EnrollByCode() {
        expectOk(county({"init", "--county", "430321", "--demo"}));
        m_server = std::make_unique<testsupport::ServerProcess>(COUNTY_SERVER_PATH,
                                                                m_dir.file("county.db"));
    }
    ProcessResult enroll(const std::string& url, const std::string& code) {
        return station({"enroll", "--server", url, "--code", code, "--timeout-ms", "5000"});
    }
    static std::string codeIn(const std::string& out) {
        std::smatch m;
        static const std::regex code(R"(\d{4}(-\d{4}){4})");
        return std::regex_search(out, m, code) ? m.str() : "";
    }
    // The station's sync status: what must not change when enrolling fails.
    std::string syncStatus() {
        const auto r = station({"sync", "status"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
    void expectRefused(const ProcessResult& r, int exitCode, const std::string& words,
                       const std::string& before) {
        EXPECT_EQ(r.exitCode, exitCode) << r.out << r.err;
        EXPECT_NE(r.err.find("错误："), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_EQ(syncStatus(), before);
    }

    std::unique_ptr<testsupport::ServerProcess> m_server;
};

}  // namespace

TEST_F(EnrollByCode, AddWithCodeThenEnrollThenSync) {
    const auto added = county({"station", "add", "--id", "430321-yunxi", "--name",
                               "云溪镇人大代表联络站", "--code", "--server", m_server->url()});
    expectOk(added);
    const std::string code = codeIn(added.out);
    ASSERT_FALSE(code.empty()) << added.out;
    EXPECT_NE(added.out.find("--code " + code), std::string::npos) << added.out;

    // Typed as read aloud: spaces instead of dashes.
    const std::string typed = std::regex_replace(code, std::regex("-"), " ");
    const auto r = enroll(m_server->url() + "/", typed);
    expectOk(r);
    EXPECT_NE(r.out.find("已登记：站点 430321-yunxi"), std::string::npos) << r.out;
    EXPECT_NE(syncStatus().find("enrolled\tyes"), std::string::npos);
    expectOk(station({"sync", "--once", "--timeout-ms", "5000"}));
    EXPECT_NE(county({"station", "code", "show", "--id", "430321-yunxi"}).out.find("used"),
              std::string::npos);

    // Used once: a second use is refused, even with --force, and changes nothing.
    const auto before = syncStatus();
    expectRefused(station({"enroll", "--server", m_server->url(), "--code", code, "--force"}), 1,
                  "已经用过", before);
    // Without --force an enrolled store does not even spend a code.
    expectRefused(enroll(m_server->url(), code), 2, "已经登记过", before);
}

TEST_F(EnrollByCode, FailuresSayWhyAndChangeNothing) {
    expectOk(county({"station", "add", "--id", "s1", "--name", "站", "--code"}));
    const std::string before = syncStatus();
    EXPECT_NE(before.find("enrolled\tno"), std::string::npos);

    const std::string wrong = csync::formatEnrollmentCode(csync::newEnrollmentCode());
    expectRefused(enroll(m_server->url(), wrong), 1, "接入码不对", before);
    std::string typo = wrong;
    typo[0] = typo[0] == '9' ? '8' : static_cast<char>(typo[0] + 1);
    expectRefused(enroll(m_server->url(), typo), 2, "输错", before);
    expectRefused(enroll(m_server->url(), "1234-5678"), 2, "20 位数字", before);
    expectRefused(enroll("county.example", wrong), 2, "服务器地址不对", before);
    expectRefused(enroll("ftp://127.0.0.1/", wrong), 2, "服务器地址不对", before);
    // A port nobody listens on: the server we stop.
    const std::string gone = m_server->url();
    m_server->stop(15);
    expectRefused(enroll(gone, wrong), 1, "连不上", before);
}

// A man in the middle without the code can neither forge an enrollment nor alter the real one.
TEST_F(EnrollByCode, ForgedOrAlteredAnswerIsRefused) {
    const std::string digits = csync::newEnrollmentCode();
    const auto keys = csync::deriveEnrollmentCodeKeys(digits);
    const auto e = testsupport::sampleEnrollment("http://evil.example", "s1");
    const auto forged =
        csync::sealEnrollment(e, csync::deriveEnrollmentCodeKeys(csync::newEnrollmentCode()).key);
    auto altered = csync::sealEnrollment(e, keys.key);
    auto box = *platform::fromBase64(altered["box"].get<std::string>());
    box[box.size() / 2] ^= 0x20;
    altered["box"] = platform::toBase64(box);

    std::mutex mutex;
    std::string answer;
    httplib::Server fake;
    fake.Post("/api/v1/enroll", [&](const httplib::Request&, httplib::Response& res) {
        const std::lock_guard lock(mutex);
        res.set_content(answer, "application/json");
    });
    const int port = fake.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    std::thread serving([&] { fake.listen_after_bind(); });
    const std::string url = "http://127.0.0.1:" + std::to_string(port);
    const std::string before = syncStatus();
    for (const auto& body : {forged.dump(), altered.dump(), std::string("{\"version\":1}")}) {
        {
            const std::lock_guard lock(mutex);
            answer = body;
        }
        expectRefused(enroll(url, digits), 1, "可能被篡改", before);
    }
    fake.stop();
    serving.join();
}

// The first contact needs no trust in the county's self-signed certificate: the code carries
// the trust, and the enrollment brings the certificate, which sync then requires.
TEST_F(EnrollByCode, OverTlsWithAnUntrustedSelfSignedCertificate) {
    const std::string cert = m_dir.file("cert.pem"), key = m_dir.file("key.pem");
    const auto gen = makeSelfSignedCert(cert, key);
    if (gen.exitCode != 0) GTEST_SKIP() << "openssl cannot make a test certificate: " << gen.err;
    m_server->stop(15);
    m_server = std::make_unique<testsupport::ServerProcess>(
        COUNTY_SERVER_PATH, m_dir.file("county.db"),
        std::vector<std::string>{"--tls-cert", cert, "--tls-key", key});
    const std::string url = m_server->url();
    ASSERT_EQ(url.rfind("https://", 0), 0u);
    const auto added = county({"station", "add", "--id", "s1", "--name", "站", "--code", "--server",
                               url, "--ca-cert", cert});
    expectOk(added);
    expectOk(enroll(url, codeIn(added.out)));
    expectOk(station({"sync", "--once", "--timeout-ms", "5000"}));
}
