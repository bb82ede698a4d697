#pragma once
// The county staff pages (issue 6): a small router over plain request/response values, so page
// handlers never see cpp-httplib and tests call them in-process. Every route declares who may use
// it; the router checks the session, the role and (on POST) the CSRF token before the handler
// runs. One registration list of pages lives in routes.cpp.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"
#include "sync/server/audit_log.hpp"
#include "sync/server/backend.hpp"

namespace csync::server::staff {

/// Staff roles, weakest first: viewers read, staff handle concerns, admins manage everything.
enum class Role { Viewer = 0, Staff = 1, Admin = 2 };
/// Stable id stored in the database: "viewer", "staff", "admin".
std::string_view roleId(Role role);
/// The role with this id, if any.
std::optional<Role> parseRole(std::string_view id);
/// The role's name for people (zh-CN).
std::string_view roleName(Role role);
/// Whether this role may see citizens' contact details (each view is audited).
bool mayReadContact(Role role);

/// Who may use a route: anyone, or a logged-in user with at least this role.
enum class Access { Public, Viewer, Staff, Admin };

/// An uploaded file of a multipart form.
struct WebFile {
    std::string filename;
    std::string contentType;
    std::string content;
};

/// One HTTP request as the handlers see it.
struct WebRequest {
    std::string method;  // "GET" or "POST"
    std::string path;
    std::vector<std::string> matches;                // regex groups of the route, [0] = path
    std::multimap<std::string, std::string> params;  // query string and urlencoded/multipart form
    std::map<std::string, WebFile> files;            // multipart file fields
    std::map<std::string, std::string> headers;      // lower-case names
    std::string remoteAddr;
    bool secure = false;  // came over TLS

    /// The first value of a query/form parameter, or fallback.
    std::string param(const std::string& name, const std::string& fallback = "") const;
    /// Every value of a repeated parameter (checkboxes).
    std::vector<std::string> paramList(const std::string& name) const;
    /// A header value (name in lower case), or "".
    std::string header(const std::string& name) const;
    /// The value of a cookie, or "".
    std::string cookie(const std::string& name) const;
};

/// The answer a handler builds.
struct WebResponse {
    int status = 200;
    std::string contentType = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie, Location
};

/// The logged-in user of a request.
struct StaffUser {
    std::string name;     // login name
    std::string display;  // name shown on pages
    Role role = Role::Viewer;
};

/// Everything a handler gets: the request, the response to fill, the user and the services.
class Context {
public:
    Context(Backend& backend, const platform::Clock& clock, const WebRequest& req, WebResponse& res)
        : backend(backend), clock(clock), req(req), res(res) {}

    Backend& backend;
    const platform::Clock& clock;
    const WebRequest& req;
    WebResponse& res;
    std::optional<StaffUser> user;  // set by the router on non-public routes
    std::string csrf;               // the session's CSRF token (forms must send it as _csrf)
    std::string sessionHash;        // sha256 of the session cookie, for logout

    /// Current time in ms since the epoch.
    std::int64_t now() const { return clock.nowMs(); }
    /// Role of the user (Viewer when anonymous).
    Role role() const { return user ? user->role : Role::Viewer; }
    /// Writes a line to the audit log: who did what to which subject.
    void audit(std::string_view action, std::string_view subject, std::string_view detail = "");
    /// Sends a complete HTML page: title, the staff layout (navigation for this role) and body.
    void page(std::string_view title, std::string_view body);
    /// Sends a bare public page (no staff navigation), for citizens and the login page.
    void publicPage(std::string_view title, std::string_view body, int status = 200);
    /// Redirects (303) to a local path, with an optional one-line notice shown on the next page.
    void redirect(std::string_view path, std::string_view notice = "");
    /// Sends an error page with a message in Chinese.
    void fail(int status, std::string_view message);
    /// A downloadable file.
    void download(std::string_view filename, std::string_view contentType, std::string body);
    /// Sets the session cookie (HttpOnly, SameSite=Strict, Secure over TLS) after a login.
    void setSessionCookie(std::string_view value);
    /// Clears the session cookie at logout.
    void clearSessionCookie();
};

/// HTML helpers; every value that came from a user or the database goes through esc().
namespace html {
/// Escapes & < > " ' for text and attribute values.
std::string esc(std::string_view text);
/// Percent-encodes a value for a query string or path segment.
std::string urlEncode(std::string_view text);
/// <form method="post" action="…"> with the hidden CSRF field; close it with "</form>".
std::string formOpen(const Context& ctx, std::string_view action, bool multipart = false);
/// <select name=…> with options {value, label}; the one equal to selected is selected.
std::string select(std::string_view name,
                   const std::vector<std::pair<std::string, std::string>>& options,
                   std::string_view selected);
}  // namespace html

/// County local time (China Standard Time, UTC+8): ms since the epoch to text.
std::string formatTime(std::int64_t ms);  // "2026-11-23 09:30"
/// Only the date: "2026-11-23".
std::string formatDate(std::int64_t ms);
/// "2026-11" of a time.
std::string monthOf(std::int64_t ms);
/// The first ms of a "YYYY-MM-DD" day in county time, or nullopt when malformed.
std::optional<std::int64_t> parseDate(std::string_view date);

using Handler = std::function<void(Context&)>;

/// One page or action. pattern is a regex over the path; use only ([^/]+) and (\d+) groups
/// (the authorisation test fills them in).
struct Route {
    std::string method;  // "GET" or "POST"
    std::string pattern;
    Access access = Access::Admin;
    Handler handler;
    std::regex compiled;  // pattern, compiled once by WebApp::add (a bad one fails at start)
};

/// The staff web application: routes, sessions, CSRF, static files under /static/.
class WebApp {
public:
    WebApp(Backend& backend, const platform::Clock& clock);

    /// Adds a route (checked in the order added).
    void add(Route route);
    /// Shorthands for add().
    void get(std::string pattern, Access access, Handler handler);
    void post(std::string pattern, Access access, Handler handler);
    /// Every route, for the authorisation tests.
    const std::vector<Route>& routes() const { return m_routes; }

    /// Handles one request (a friendly 404 page when no route matches).
    WebResponse handle(const WebRequest& req);
    /// The page for a request whose body the server refused unread (over maxMb megabytes).
    WebResponse tooLarge(const WebRequest& req, std::size_t maxMb);

private:
    WebResponse notFound(const WebRequest& req);

    Backend& m_backend;
    const platform::Clock& m_clock;
    std::vector<Route> m_routes;
};

/// Builds the application with every page (routes.cpp is the one registration list).
std::unique_ptr<WebApp> makeWebApp(Backend& backend, const platform::Clock& clock);

}  // namespace csync::server::staff
