// The whole loop of issue 6, with every part real: a demo station (stationctl + the headless
// kiosk), the county-server binary on 127.0.0.1, and headless Chromium driving the staff pages.
// A citizen's concern and a deputy's QR check-in made at the kiosk reach the county; a staff
// member logs in, assigns and answers the concern and publishes the answer; the station syncs and
// the kiosk's progress page and results board show the answer; the attendance page counts the
// check-in; a check-in export downloads and parses; the public progress page shows the answer
// and nothing personal. Screenshots of each page land in build/…/web-screenshots/e2e-*.png.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <sstream>

#include "chromium.hpp"
#include "run_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testsupport::Chromium;

constexpr const char* kPassword = "e2e-staff-pw-1";
constexpr const char* kConcernText = "村口到小学那段路的路灯坏了三个月，晚上孩子放学很不安全。";
constexpr const char* kAnswer = "县城管局已于本周更换村口至小学路段的 6 盏路灯，现已恢复照明。";
constexpr const char* kOrgan = "县城市管理和综合执法局";
constexpr const char* kSummary = "反映村口至小学路段路灯损坏";
// The kiosk runs on a fixed day (the demo schedule is built around it): d07 is planned then.
constexpr const char* kKioskDay = "2026-11-15T10:00";

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

std::string shot(const std::string& name) {
    return std::string(WEB_SCREENSHOTS_DIR) + "/e2e-" + name + ".png";
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class StaffLoop : public ::testing::Test {
protected:
    void SetUp() override {
        if (Chromium::findExecutable().empty())
            GTEST_SKIP() << "chromium is not installed (Debian package `chromium`)";
        const std::string county = "sqlite:" + m_dir.file("county.db");
        county_({"--db", county, "init", "--county", "430321", "--demo"});
        county_({"--db", county, "user", "add", "--name", "li.na", "--role", "staff", "--display",
                 "李娜"},
                std::string(kPassword) + "\n");
        m_server = std::make_unique<testsupport::ServerProcess>(COUNTY_SERVER_PATH,
                                                                m_dir.file("county.db"));
        county_({"--db", county, "station", "add", "--id", "430321-yunxi", "--name",
                 "云溪镇人大代表联络站", "--out", m_dir.file("enroll.json"), "--server",
                 m_server->url()});
        station({"--now", "2026-11-14T18:00", "init", "--demo"});
        station({"enroll", m_dir.file("enroll.json")});
        // The county starts from the station's roster and schedule.
        station({"roster", "export", "--out", m_dir.file("roster.json")});
        county_({"--db", county, "roster", "import", "--station", "430321-yunxi",
                 m_dir.file("roster.json")});
        if (HasFatalFailure()) return;
        m_browser = std::make_unique<Chromium>();
    }
    void TearDown() override {
        if (m_browser) {
            for (const auto& p : m_browser->problems()) {
                EXPECT_FALSE(contains(p, "exception:") || contains(p, "Content Security Policy"))
                    << p;
            }
        }
        m_browser.reset();
        m_server.reset();
    }

    void county_(const std::vector<std::string>& args,
                 const std::optional<std::string>& input = {}) {
        const auto r = testsupport::runProcess(COUNTY_SERVER_PATH, args, 60, input);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }
    std::string station(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", m_dir.file("station.db")});
        const auto r = testsupport::runProcess(STATIONCTL_PATH, args, 60);
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        return r.out;
    }
    void sync() { station({"sync", "--once", "--server", m_server->url()}); }
    // Runs the headless kiosk with a script; its screenshots go beside the browser's.
    void kiosk(const std::string& script, const std::vector<std::string>& extra = {}) {
        const std::string path = m_dir.file("script.txt");
        std::ofstream(path) << script;
        fs::create_directories(WEB_SCREENSHOTS_DIR);
        std::vector<std::string> args{"--db",
                                      m_dir.file("station.db"),
                                      "--headless",
                                      "--size",
                                      "1080x1920",
                                      "--now",
                                      kKioskDay,
                                      "--script",
                                      path,
                                      "--screenshots",
                                      std::string(WEB_SCREENSHOTS_DIR) + "/e2e-kiosk"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = testsupport::runProcess(KIOSK_PATH, args, 120);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }
    std::string url(const std::string& path) const { return m_server->url() + path; }

    testsupport::TempDir m_dir;
    std::unique_ptr<testsupport::ServerProcess> m_server;
    std::unique_ptr<Chromium> m_browser;
};

TEST_F(StaffLoop, AnswerPublishedInTheBrowserReachesTheKioskAndAttendanceCountsItsCheckIn) {
    // At the station: a citizen leaves a concern, deputy d07 signs in with the QR card at the
    // kiosk's camera, and the station syncs.
    const std::string receipt =
        station({"concern", "add", "--category", "infrastructure", "--text", kConcernText,
                 "--place", "云溪村", "--name", "王秀英", "--phone", "13800001111", "--consent"})
            .substr(0, 9);
    ASSERT_TRUE(std::regex_match(receipt, std::regex("[2-9A-Y]{9}"))) << receipt;
    const std::string cards = m_dir.file("cards");
    station({"--now", "2026-11-15T09:00", "qr", "demo-cards", "--out", cards});
    const fs::path camera = m_dir.path() / "camera";
    fs::create_directories(camera);
    fs::copy_file(cards + "/d07.png", camera / "card.png");
    kiosk("tap \"代表签到\"\nwait-for \"签到成功，欢迎您！\" 10000\ntap \"完成\"\n",
          {"--camera", "file:" + camera.string()});
    sync();

    // The county: a staff member logs in and finds the concern by its receipt.
    m_browser->navigate(url("/"));
    m_browser->fill("input[name=name]", "li.na");
    m_browser->fill("input[name=password]", kPassword);
    m_browser->submitAndWait("form button[type=submit]");
    ASSERT_TRUE(m_browser->url().ends_with("/dashboard")) << m_browser->url();
    m_browser->screenshot(shot("dashboard"), 1366, 768);
    m_browser->navigate(url("/concerns?q=" + receipt));
    ASSERT_TRUE(contains(m_browser->text(), receipt)) << m_browser->text();
    m_browser->screenshot(shot("inbox"), 1366, 768);
    m_browser->submitAndWait("table a[href^='/concerns/']");
    const std::string detail = m_browser->text();
    EXPECT_TRUE(contains(detail, kConcernText)) << detail;
    EXPECT_FALSE(contains(detail, "13800001111")) << "contact only on request";

    // Contact on request (audited), assignment, answer, publish.
    m_browser->submitAndWait("form[action$='/contact'] button[type=submit]");
    EXPECT_TRUE(contains(m_browser->text(), "13800001111")) << m_browser->text();
    m_browser->fill("input[name=organ]", kOrgan);
    m_browser->submitAndWait("form[action$='/assign'] button[type=submit]");
    m_browser->fill("textarea[name=answer]", kAnswer);
    m_browser->fill("input[name=summary]", kSummary);
    m_browser->submitAndWait("button[formaction$='/publish']");
    const std::string published = m_browser->text();
    EXPECT_TRUE(contains(published, kAnswer)) << published;
    EXPECT_TRUE(contains(published, kOrgan)) << published;
    m_browser->screenshot(shot("concern-published"), 1366, 768, true);
    m_browser->screenshot(shot("concern-published-phone"), 390, 844);
    m_browser->setViewport(1366, 768);

    // The station syncs: the kiosk's progress page and results board show the answer.
    sync();
    kiosk("tap \"进度查询\"\ntap \"##receipt\"\ntype \"" + receipt + "\"\ntap \"查询\"\n" +
          "expect \"" + kAnswer + "\"\nshot track\ntap \"首页\"\ntap \"办理公示\"\n" +
          "expect \"答复：" + kAnswer + "\"\nexpect \"反映的问题：" + kSummary +
          "\"\nshot results\n");

    // Attendance counts d07's check-in made at the kiosk on the 15th.
    m_browser->navigate(url("/attendance?month=2026-11&station=430321-yunxi"));
    const auto row = m_browser->evaluate(
        "(() => { const r = [...document.querySelectorAll('tr')].find("
        "t => t.textContent.includes('陈𬌗') && t.querySelectorAll('td').length > 4);"
        " return r ? [...r.querySelectorAll('td')].map(td => td.textContent.trim()) : null; })()");
    ASSERT_TRUE(row.is_array()) << m_browser->text();
    // 代表, 联络站, 计划天数, 到岗天数, …
    EXPECT_GE(std::stoi(row[3].get<std::string>()), 1) << row.dump();
    m_browser->screenshot(shot("attendance"), 1366, 768, true);

    // The check-in export downloads and parses: d07 at the station, in, by QR.
    const auto folder = m_dir.path() / "downloads";
    m_browser->allowDownloads(folder);
    m_browser->navigate(url("/exports"));
    m_browser->fill("select[name=what]", "checkins");
    m_browser->fill("input[name=from]", "2026-11-15");
    m_browser->fill("input[name=to]", "2026-11-15");
    m_browser->click("input[name=format][value=csv]");
    m_browser->click("form.export-form button[type=submit]");
    const std::string csv = readAll(m_browser->waitForDownload());
    std::istringstream lines(csv);
    std::string line;
    bool found = false;
    while (std::getline(lines, line))
        found = found ||
                (line.starts_with("d07,陈𬌗,云溪镇人大代表联络站,2026-11-15 10:00,"));
    EXPECT_TRUE(found) << csv;

    // The citizen's phone: the public progress page shows the answer and nothing personal.
    m_browser->navigate(url("/track/" + receipt));
    const std::string track = m_browser->text();
    EXPECT_TRUE(contains(track, kAnswer)) << track;
    EXPECT_FALSE(contains(track, kConcernText));
    EXPECT_FALSE(contains(track, "王秀英"));
    m_browser->screenshot(shot("track-phone"), 390, 844, true);
}

}  // namespace
