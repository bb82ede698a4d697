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

namespace {
WebRequest loginRequest(const std::string& name, const std::string& password,
                        const std::string& address, const std::string& next = "") {
    WebRequest req;
    req.method = "POST";
    req.path = "/login";
    req.remoteAddr = address;
    req.headers["cookie"] = "cs_login=0123456789abcdef0123456789abcdef";
    req.params = {
        {"_csrf", "0123456789abcdef0123456789abcdef"}, {"name", name}, {"password", password}};
    if (!next.empty()) req.params.emplace("next", next);
    return req;
}
}  // namespace

// Issue 18: five wrong passwords used to lock the account for everyone, everywhere.
TEST_P(WebAccess, ALoginLockHoldsOnlyForThatNameFromThatAddress) {
    as(Role::Staff);
    for (int i = 0; i < csync::server::staff::kMaxLoginFailures; ++i)
        EXPECT_EQ(m_app->handle(loginRequest("staff", "wrong", "192.0.2.7")).status, 401);
    EXPECT_EQ(m_app->handle(loginRequest("staff", "password-staff", "192.0.2.7")).status, 429);
    // The real user at another desk still gets in.
    EXPECT_EQ(m_app->handle(loginRequest("staff", "password-staff", "198.51.100.9")).status, 303);
}

TEST_P(WebAccess, ManyWrongNamesFromOneAddressDoNotLockItsStaff) {
    as(Role::Staff);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(
            m_app->handle(loginRequest("nobody" + std::to_string(i), "wrong", "192.0.2.7")).status,
            401);
    EXPECT_EQ(m_app->handle(loginRequest("staff", "password-staff", "192.0.2.7")).status, 303);
}

TEST_P(WebAccess, AnIpv6HostIsThrottledByItsSlash64) {
    as(Role::Staff);
    for (int i = 0; i < csync::server::staff::kMaxLoginFailures; ++i)
        m_app->handle(loginRequest("staff", "wrong", "2001:db8:1:2::" + std::to_string(i + 1)));
    EXPECT_EQ(m_app->handle(loginRequest("staff", "password-staff", "2001:db8:1:2::99")).status,
              429);
    EXPECT_EQ(m_app->handle(loginRequest("staff", "password-staff", "2001:db8:1:3::1")).status,
              303);
}

TEST_P(WebAccess, AFailedLoginOfAnUnknownNameKeepsNotTheName) {
    const auto admin = as(Role::Admin);
    // What people type into the name field by mistake is often their password.
    m_app->handle(loginRequest("hunter2-secret", "x", "192.0.2.8"));
    m_app->handle(loginRequest("admin", "wrong", "192.0.2.8"));
    const auto audit = get("/audit", admin);
    EXPECT_EQ(audit.body.find("hunter2-secret"), std::string::npos);
    EXPECT_NE(audit.body.find("login.failed"), std::string::npos);
}

TEST_P(WebAccess, LoginRedirectsOnlyToPathsOfThisSite) {
    as(Role::Staff);
    for (const std::string evil :
         {"/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example",
          "https://evil.example", "/ /evil.example", "/\r\n/x"}) {
        const auto r = m_app->handle(loginRequest("staff", "password-staff", "192.0.2.9", evil));
        ASSERT_EQ(r.status, 303) << evil;
        std::string where;
        for (const auto& [k, v] : r.headers)
            if (k == "Location") where = v;
        EXPECT_EQ(where, "/dashboard") << evil;
    }
    const auto ok =
        m_app->handle(loginRequest("staff", "password-staff", "192.0.2.9", "/concerns?status=new"));
    for (const auto& [k, v] : ok.headers)
        if (k == "Location") EXPECT_EQ(v, "/concerns?status=new");
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

// Issue 18: a session used every hour lived for ever.
TEST_P(WebAccess, ASessionEndsTwelveHoursAfterLoginHoweverBusy) {
    const auto b = as(Role::Viewer);
    for (int hour = 1; hour < 12; ++hour) {
        m_clock.advance(3600 * 1000);
        ASSERT_EQ(get("/account", b).status, 200) << "hour " << hour;
    }
    m_clock.advance(3600 * 1000 + 1000);
    EXPECT_EQ(get("/account", b).status, 303);
}

// Issue 18: staff pages had no no-store, and no HSTS over TLS.
TEST_P(WebAccess, StaffPagesAreNeverCachedAndTlsPagesAskForHsts) {
    const auto admin = as(Role::Admin);
    auto header = [](const WebResponse& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return std::string();
    };
    const auto page = get("/dashboard", admin);
    EXPECT_EQ(header(page, "Cache-Control"), "no-store");
    EXPECT_EQ(header(page, "Strict-Transport-Security"), "");
    WebRequest req;
    req.method = "GET";
    req.path = "/login";
    req.secure = true;
    const auto tls = m_app->handle(req);
    EXPECT_EQ(header(tls, "Cache-Control"), "no-store");
    EXPECT_NE(header(tls, "Strict-Transport-Security").find("max-age="), std::string::npos);
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
