// Authorisation of every route for every role, CSRF on every form, login throttling, sessions
// and the audit log of the staff web application.
#include <regex>

#include "web_fixture.hpp"

namespace webtest {
namespace {

using csync::server::staff::Access;

// A concrete path for a route pattern: groups become a sample value.
std::string samplePath(std::string pattern) {
    pattern = std::regex_replace(pattern, std::regex(R"(\(\[\^/\]\+\))"), "x");
    pattern = std::regex_replace(pattern, std::regex(R"(\(\\d\+\))"), "1");
    return pattern;
}

int rank(Access a) {
    return a == Access::Public ? -1 : a == Access::Viewer ? 0 : a == Access::Staff ? 1 : 2;
}

class WebAccess : public WebFixture {};

TEST_P(WebAccess, EveryRouteChecksSessionRoleAndCsrf) {
    int checked = 0;
    for (const auto& route : m_app->routes()) {
        if (route.access == Access::Public) continue;
        // Fresh sessions per route: /logout ends the one it is given.
        const Browser roles[] = {as(Role::Viewer), as(Role::Staff), as(Role::Admin)};
        const std::string path = samplePath(route.pattern);
        SCOPED_TRACE(route.method + " " + path);
        // Anonymous: a GET goes to the login page, a POST is refused.
        const auto anon = send(route.method, path, {}, {});
        if (route.method == "GET") {
            EXPECT_EQ(anon.status, 303);
            EXPECT_TRUE(location(anon).starts_with("/login?next=")) << location(anon);
        } else {
            EXPECT_EQ(anon.status, 401);
        }
        for (int r = 0; r < 3; ++r) {
            const bool mayUse = r >= rank(route.access);
            if (route.method == "POST") {
                // Without the CSRF token nothing happens, whatever the role.
                const auto noCsrf = post(path, {}, roles[r], false);
                EXPECT_EQ(noCsrf.status, 403);
                const auto wrong = post(path, {{"_csrf", "0000"}}, roles[r], false);
                EXPECT_EQ(wrong.status, 403);
            }
            const auto res = route.method == "GET" ? get(path, roles[r]) : post(path, {}, roles[r]);
            if (mayUse)
                EXPECT_NE(res.status, 403) << "role " << r << " should be let in";
            else
                EXPECT_EQ(res.status, 403) << "role " << r << " should be refused";
        }
        ++checked;
    }
    EXPECT_GE(checked, 8);
}

TEST_P(WebAccess, AnonymousHomeLeadsToLoginAndLoginWorks) {
    const auto home = get("/");
    EXPECT_EQ(home.status, 303);
    EXPECT_EQ(location(home), "/login");
    const auto page = get("/login");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("登录"), std::string::npos);
}

TEST_P(WebAccess, LoginThrottlesAfterRepeatedFailures) {
    as(Role::Staff);  // creates user "staff" with password "password-staff"
    auto login = [&](const std::string& password) {
        WebRequest req;
        req.method = "POST";
        req.path = "/login";
        req.remoteAddr = "192.0.2.7";
        req.headers["cookie"] = "cs_login=0123456789abcdef0123456789abcdef";
        req.params = {{"_csrf", "0123456789abcdef0123456789abcdef"},
                      {"name", "staff"},
                      {"password", password}};
        return m_app->handle(req);
    };
    for (int i = 0; i < csync::server::staff::kMaxLoginFailures; ++i)
        EXPECT_EQ(login("wrong").status, 401);
    // Locked now, even with the right password, and the page says so in Chinese.
    const auto locked = login("password-staff");
    EXPECT_EQ(locked.status, 429);
    EXPECT_NE(locked.body.find("分钟后再试"), std::string::npos);
    m_clock.advance(csync::server::staff::kLoginLockMs + 1000);
    const auto ok = login("password-staff");
    EXPECT_EQ(ok.status, 303);
    bool cookie = false;
    for (const auto& [k, v] : ok.headers)
        if (k == "Set-Cookie" && v.starts_with("cs_session=")) {
            cookie = true;
            EXPECT_NE(v.find("HttpOnly"), std::string::npos);
            EXPECT_NE(v.find("SameSite=Strict"), std::string::npos);
        }
    EXPECT_TRUE(cookie);
}

TEST_P(WebAccess, LoginWithoutItsCsrfCookieIsRefused) {
    as(Role::Admin);
    WebRequest req;
    req.method = "POST";
    req.path = "/login";
    req.params = {{"name", "admin"}, {"password", "password-admin"}, {"_csrf", "x"}};
    EXPECT_EQ(m_app->handle(req).status, 403);
}

TEST_P(WebAccess, SessionsExpireAndLogoutEndsThem) {
    const auto b = as(Role::Viewer);
    EXPECT_EQ(get("/account", b).status, 200);
    EXPECT_EQ(post("/logout", {}, b).status, 303);
    EXPECT_EQ(get("/account", b).status, 303);  // back to the login page
    const auto c = as(Role::Viewer);
    m_clock.advance(csync::server::staff::kSessionIdleMs + 1000);
    EXPECT_EQ(get("/account", c).status, 303);
}

TEST_P(WebAccess, AdminManagesUsersAndTheAuditLogSaysWho) {
    const auto admin = as(Role::Admin);
    auto r = post(
        "/users",
        {{"name", "li.si"}, {"display", "李四"}, {"role", "staff"}, {"password", "long-enough-1"}},
        admin);
    EXPECT_EQ(r.status, 303);
    // The last admin can't demote themself.
    r = post("/users/admin", {{"role", "staff"}, {"active", "1"}}, admin);
    EXPECT_EQ(r.status, 400);
    r = post("/users/li.si", {{"role", "viewer"}, {"active", "1"}}, admin);
    EXPECT_EQ(r.status, 303);
    const auto audit = get("/audit", admin);
    EXPECT_NE(audit.body.find("user.add"), std::string::npos);
    EXPECT_NE(audit.body.find("li.si"), std::string::npos);
    // A short password is refused with a reason.
    r = post("/users",
             {{"name", "wang"}, {"display", "王"}, {"role", "staff"}, {"password", "short"}},
             admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("至少需要 8 个字符"), std::string::npos);
}

TEST_P(WebAccess, UnknownPagesGetAFriendlyNotFound) {
    const auto r = get("/no/such/page");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("页面不存在"), std::string::npos);
    EXPECT_EQ(get("/static/style.css").status, 200);
    EXPECT_EQ(get("/static/../strings/zh-CN.json").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebAccess, ::testing::Values(Db::Sqlite, Db::Postgres), dbName);

}  // namespace
}  // namespace webtest
