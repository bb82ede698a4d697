// Hostile text in every field the staff and public pages show (issue 14): a station name, a
// user's display name, a concern's text, place, category, deputy and organ, a search, a notice
// and the dates typed into the filters. Every page escapes it: the marker never appears as
// markup, only as text. The page shell and the concern inbox come from Mustache templates
// (escaping by default); the test holds for every page, templated or not.
#include "sync/server/staff/auth.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

// Breaks out of text, of a double- and a single-quoted attribute, and opens two elements.
constexpr const char* kHostile = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>";

std::size_t occurrences(const std::string& body, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = body.find(needle); at != std::string::npos; at = body.find(needle, at + 1)) ++n;
    return n;
}

class HostileText : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped()) return;
        csync::server::StationRow s;
        s.id = "s3";
        s.name = std::string("站") + kHostile;
        s.secret = platform::randomBytes(32);
        s.createdAtMs = kNow;
        m_backend->addStation(s);
        m_record = concern("ABC234DEF", std::string("意见") + kHostile, kHostile, kHostile);
        json p = json::parse(m_record.payload);
        p["place"] = kHostile;
        m_record.payload = csync::canonicalJson(p);
        upload("s3", {m_record});
        auto sql = m_backend->sql();
        csync::server::staff::setWork(*sql, m_record.id, csync::server::staff::WorkField::Organ,
                                      std::string(kHostile), kNow);
        csync::server::staff::addUser(*sql, "hostile", kHostile, Role::Admin,
                                      csync::server::staff::hashPassword("password-hostile"), kNow);
        m_user.user = "hostile";
        m_user.cookie =
            csync::server::staff::openSession(*sql, {"hostile", kHostile, Role::Admin}, kNow);
        m_user.csrf = csync::server::staff::findSession(*sql, m_user.cookie, kNow)->csrf;
    }

    // A page as the hostile admin, with a hostile notice cookie (as redirect() leaves one).
    WebResponse page(const std::string& path) {
        WebRequest req;
        req.method = "GET";
        req.remoteAddr = "127.0.0.1";
        const auto q = path.find('?');
        req.path = path.substr(0, q);
        // kHostile has no "&": split the query there, each pair at its first "=".
        for (std::size_t at = q; at != std::string::npos;) {
            const std::size_t next = path.find('&', at + 1);
            const std::string pair = path.substr(at + 1, next - at - 1);
            const std::size_t eq = pair.find('=');
            req.params.emplace(pair.substr(0, eq), pair.substr(eq + 1));
            at = next;
        }
        req.headers["cookie"] =
            "cs_session=" + m_user.cookie +
            "; cs_notice=" + csync::server::staff::html::urlEncode(std::string("通知") + kHostile);
        return m_app->handle(req);
    }

    void expectEscaped(const std::string& path, std::size_t atLeast) {
        SCOPED_TRACE(path);
        const auto res = page(path);
        EXPECT_LT(res.status, 500) << res.body;
        for (const char* raw : {"<script>alert", "<img src=x", "\"'><"})
            EXPECT_EQ(occurrences(res.body, raw), 0u) << raw << " unescaped in " << path;
        EXPECT_GE(occurrences(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;"), atLeast)
            << res.body;
    }

    csync::Record m_record;
    Browser m_user;
};

TEST_P(HostileText, EveryPageEscapesWhatItShows) {
    // The inbox: display name and notice in the shell; station (row and filter), text,
    // category, organ and the search in the page.
    expectEscaped(std::string("/concerns?q=") + kHostile, 7);
    // One concern: shell, station, text, place, category, deputy, organ.
    expectEscaped("/concerns/" + m_record.id, 6);
    for (const char* path :
         {"/dashboard", "/stations", "/stations/s3", "/roster", "/attendance", "/audit", "/users",
          "/account", "/cards", "/exports", "/announcements", "/settings"})
        expectEscaped(path, 2);  // at least the display name and the notice
    // The public progress page: the station, and an answer published with hostile text.
    publishAnswer("ABC234DEF", std::string("答复") + kHostile, kNow);
    expectEscaped("/track/ABC-234-DEF", 3);  // notice, station, answer
    // Typed filter dates are shown back in their fields (and explained as wrong).
    expectEscaped(std::string("/concerns?from=") + kHostile + "&to=" + kHostile, 4);
    // The templates are the server's own, not static files.
    EXPECT_EQ(get("/static/templates/page.mustache").status, 404);
    EXPECT_EQ(get("/static/style.css").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileText, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
