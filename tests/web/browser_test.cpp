// Browser end-to-end tests of the staff pages: the real county-server binary on 127.0.0.1 with
// a fresh SQLite county, driven by headless Chromium (support/chromium.hpp) through the real
// forms. Screenshots land in build/…/web-screenshots/ (look at them after a change of style).
// Skipped when chromium is not installed.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "chromium.hpp"
#include "run_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace {

using testsupport::Chromium;

constexpr const char* kPassword = "browser-test-pw-1";

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

std::string shot(const std::string& name) {
    return std::string(WEB_SCREENSHOTS_DIR) + "/" + name + ".png";
}

class Browser : public ::testing::Test {
protected:
    void SetUp() override {
        if (Chromium::findExecutable().empty())
            GTEST_SKIP() << "chromium is not installed (Debian package `chromium`)";
        const std::string db = m_dir.file("county.db");
        run({"--db", "sqlite:" + db, "init", "--county", "430321", "--name", "湘潭县"});
        run({"--db", "sqlite:" + db, "user", "add", "--name", "admin", "--role", "admin",
             "--display", "张主任"},
            std::string(kPassword) + "\n");
        if (HasFatalFailure()) return;
        m_server = std::make_unique<testsupport::ServerProcess>(COUNTY_SERVER_PATH, db);
        m_browser = std::make_unique<Chromium>();
    }
    void TearDown() override {
        if (m_browser) {
            // Script errors and CSP violations (an inline script, a blocked style) show here.
            for (const auto& p : m_browser->problems())
                EXPECT_FALSE(contains(p, "exception:") || contains(p, "Content Security Policy"))
                    << p;
        }
        m_browser.reset();
        m_server.reset();
    }

    void run(const std::vector<std::string>& args, const std::optional<std::string>& input = {}) {
        const auto r = testsupport::runProcess(COUNTY_SERVER_PATH, args, 60, input);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }

    std::string url(const std::string& path) const { return m_server->url() + path; }
    std::string path() {
        const std::string u = m_browser->url();
        return u.substr(m_server->url().size());
    }

    void logIn() {
        m_browser->navigate(url("/"));
        ASSERT_EQ(path(), "/login");
        m_browser->fill("input[name=name]", "admin");
        m_browser->fill("input[name=password]", kPassword);
        m_browser->submitAndWait("form button[type=submit]");
    }

    testsupport::TempDir m_dir;
    std::unique_ptr<testsupport::ServerProcess> m_server;
    std::unique_ptr<Chromium> m_browser;
};

TEST_F(Browser, LogInThroughTheFormSeeTheStaffPagesAndLogOut) {
    m_browser->navigate(url("/"));
    EXPECT_EQ(path(), "/login");
    EXPECT_TRUE(contains(m_browser->text(), "县人大常委会工作人员登录"));
    m_browser->screenshot(shot("login-1366x768"), 1366, 768);
    m_browser->screenshot(shot("login-390x844"), 390, 844);

    // A wrong password is refused with a message and the login name kept.
    m_browser->fill("input[name=name]", "admin");
    m_browser->fill("input[name=password]", "not-the-password");
    m_browser->submitAndWait("form button[type=submit]");
    EXPECT_TRUE(contains(m_browser->text(), "登录名或密码不正确")) << m_browser->text();
    EXPECT_EQ(m_browser->evaluate("document.querySelector('input[name=name]').value"), "admin");

    m_browser->setViewport(1366, 768);
    logIn();
    EXPECT_EQ(path(), "/dashboard");
    m_browser->screenshot(shot("dashboard-1366x768"), 1366, 768);
    m_browser->screenshot(shot("dashboard-390x844"), 390, 844, true);

    // A staff page: the layout with the navigation for an admin, the user and the logout.
    m_browser->navigate(url("/exports"));
    const std::string page = m_browser->text();
    for (const char* text : {"县人大代表联络站 · 管理服务", "群众意见", "代表履职", "账号",
                             "审计日志", "张主任（管理员）", "退出", "导出内容", "下载"})
        EXPECT_TRUE(contains(page, text)) << text << " missing from:\n" << page;
    m_browser->screenshot(shot("exports-1366x768"), 1366, 768);
    m_browser->screenshot(shot("exports-390x844"), 390, 844, true);
    // Nothing sticks out sideways on a phone.
    EXPECT_LE(m_browser->evaluate("document.documentElement.scrollWidth").get<int>(), 390);

    m_browser->setViewport(1366, 768);
    m_browser->submitAndWait("header .who button[type=submit]");
    EXPECT_EQ(path(), "/login");
    EXPECT_TRUE(contains(m_browser->text(), "您已安全退出")) << m_browser->text();
    // The session is over: staff pages lead back to the login.
    m_browser->navigate(url("/exports"));
    EXPECT_TRUE(path().starts_with("/login?next=")) << path();
}

TEST_F(Browser, AnAnnouncementIsPublishedThroughTheForm) {
    m_browser->setViewport(1366, 768);
    logIn();
    m_browser->navigate(url("/announcements"));
    EXPECT_TRUE(contains(m_browser->text(), "还没有发布过公告")) << m_browser->text();
    // Too long a title is refused with the count and the form kept as typed (the browser's own
    // maxlength is taken off, as a pasted text or an old browser would get past it).
    m_browser->evaluate("document.querySelector('input[name=title]').removeAttribute('maxlength')");
    m_browser->fill("input[name=title]",
                    "这是一个超过三十个字的公告标题用来检查县服务器会不会拒绝它并说明原因");
    m_browser->fill("textarea[name=text]", "正文保留。");
    m_browser->submitAndWait("form button.primary");
    EXPECT_TRUE(contains(m_browser->text(), "标题太长")) << m_browser->text();
    EXPECT_EQ(m_browser->evaluate("document.querySelector('textarea[name=text]').value"),
              "正文保留。");
    m_browser->fill("input[name=title]", "十二月份代表接待日安排");
    m_browser->fill("textarea[name=text]", "12月5日的接待日改到12月6日上午，地点不变。");
    m_browser->submitAndWait("form button.primary");
    const std::string page = m_browser->text();
    EXPECT_TRUE(contains(page, "公告已发布")) << page;
    EXPECT_TRUE(contains(page, "十二月份代表接待日安排")) << page;
    EXPECT_TRUE(contains(page, "展示中")) << page;
    m_browser->screenshot(shot("announcements-1366x768"), 1366, 768, true);
    m_browser->screenshot(shot("announcements-390x844"), 390, 844, true);
    EXPECT_LE(m_browser->evaluate("document.documentElement.scrollWidth").get<int>(), 390);
}

TEST_F(Browser, ExportDownloadsAsCsvAndXlsx) {
    logIn();
    const auto folder = m_dir.path() / "downloads";
    m_browser->allowDownloads(folder);
    m_browser->navigate(url("/exports"));
    m_browser->fill("select[name=what]", "checkins");
    m_browser->fill("input[name=from]", "");
    m_browser->fill("input[name=to]", "");
    m_browser->click("input[name=format][value=csv]");
    m_browser->click("form.export-form button[type=submit]");
    const auto csv = m_browser->waitForDownload();
    EXPECT_EQ(csv.filename().string(), "代表签到-全部.csv");
    std::ifstream in(csv, std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(
        body,
        "\xEF\xBB\xBF代表编号,代表姓名,联络站,时间,签到/签退,方式,计划内,说明,更正,经办联络员\r\n");

    m_browser->fill("select[name=what]", "concerns");
    m_browser->click("input[name=format][value=xlsx]");
    m_browser->click("form.export-form button[type=submit]");
    const auto xlsx = m_browser->waitForDownload();
    EXPECT_EQ(xlsx.extension(), ".xlsx");
    EXPECT_TRUE(contains(xlsx.filename().string(), "群众意见-")) << xlsx;
    std::ifstream x(xlsx, std::ios::binary);
    char magic[2] = {};
    x.read(magic, 2);
    EXPECT_EQ(std::string(magic, 2), "PK");
}

}  // namespace
