#include "sync/server/staff/web.hpp"

#include "sync/server/staff/templates.hpp"

#include "sync/model/local_time.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>

#include "platform/assets.hpp"
#include "platform/crypto.hpp"
#include "platform/log.hpp"
#include "sync/server/staff/auth.hpp"

namespace csync::server::staff {
namespace {

constexpr const char* kSessionCookie = "cs_session";
constexpr const char* kNoticeCookie = "cs_notice";

struct NavItem {
    const char* path;
    const char* label;
    Access access;
};
// The staff navigation, in the order of a county office's day.
constexpr NavItem kNav[] = {
    {"/dashboard", "工作台", Access::Viewer},    {"/concerns", "群众意见", Access::Viewer},
    {"/attendance", "代表履职", Access::Viewer}, {"/stations", "联络站", Access::Viewer},
    {"/announcements", "公告", Access::Viewer},  {"/roster", "名单与安排", Access::Admin},
    {"/cards", "代表码", Access::Admin},         {"/exports", "导出", Access::Viewer},
    {"/users", "账号", Access::Admin},           {"/audit", "审计日志", Access::Admin},
    {"/settings", "设置", Access::Admin},
};

bool allowed(Access access, Role role) {
    switch (access) {
        case Access::Public:
        case Access::Viewer:
            return true;
        case Access::Staff:
            return role >= Role::Staff;
        case Access::Admin:
            return role == Role::Admin;
    }
    return false;
}

std::string cookieHeader(std::string_view name, std::string_view value, bool secure,
                         std::int64_t maxAgeS) {
    std::string c = std::string(name) + "=" + std::string(value) +
                    "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAgeS);
    if (secure) c += "; Secure";
    return c;
}

std::string urlDecode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const auto hex = [](char c) {
                return c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
            };
            const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i] == '+' ? ' ' : s[i];
    }
    return out;
}

std::string_view contentTypeFor(std::string_view path) {
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    if (path.ends_with(".png")) return "image/png";
    return "application/octet-stream";
}

// Headers every page carries: no framing, no sniffing, scripts and styles only from us.
void securityHeaders(WebResponse& res) {
    res.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'self' "
                             "'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; "
                             "form-action 'self'");
    res.headers.emplace_back("X-Content-Type-Options", "nosniff");
    res.headers.emplace_back("Referrer-Policy", "same-origin");
    res.headers.emplace_back("X-Frame-Options", "DENY");
}

void renderPage(Context& ctx, std::string_view title, std::string_view body, TemplateData& page);

}  // namespace

// Not one of our pages: a friendly page in Chinese, for citizens who mistype an address too.
WebResponse WebApp::notFound(const WebRequest& req) {
    WebResponse res;
    securityHeaders(res);
    Context ctx(m_backend, m_clock, req, res);
    ctx.publicPage("页面不存在",
                   "<h1>页面不存在</h1><p>没有找到您要的页面，请检查地址是否输入正确。</p>"
                   "<p><a href=\"/\">回到首页</a></p>",
                   404);
    return res;
}

// The server refused the body unread (a photo or upload too big): say so and how to go on.
WebResponse WebApp::tooLarge(const WebRequest& req, std::size_t maxMb) {
    WebResponse res;
    securityHeaders(res);
    Context ctx(m_backend, m_clock, req, res);
    ctx.publicPage("文件太大",
                   "<h1>文件太大</h1><p>提交的内容超过 " + std::to_string(maxMb) +
                       " MB，服务器没有接收，什么也没有改动。</p>"
                       "<p>请返回上一页，换一个较小的文件（代表照片请在 2 MB 以内）再提交。</p>"
                       "<p><a href=\"/\">回到首页</a></p>",
                   413);
    return res;
}

namespace {

// The page around a body (templates/page.mustache), with the notice redirect() left, once.
void renderPage(Context& ctx, std::string_view title, std::string_view body, TemplateData& page) {
    page.set("title", std::string(title));
    page.set("body", std::string(body));
    const std::string raw = ctx.req.cookie(kNoticeCookie);
    if (!raw.empty()) page.set("notice", urlDecode(raw));  // escaped by the template
    ctx.res.body = renderTemplate("page", page);
    ctx.res.contentType = "text/html; charset=utf-8";
    if (!raw.empty())
        ctx.res.headers.emplace_back("Set-Cookie",
                                     cookieHeader(kNoticeCookie, "", ctx.req.secure, 0));
}

}  // namespace

std::string_view roleId(Role role) {
    switch (role) {
        case Role::Viewer:
            return "viewer";
        case Role::Staff:
            return "staff";
        case Role::Admin:
            return "admin";
    }
    return "viewer";
}

std::optional<Role> parseRole(std::string_view id) {
    for (Role r : {Role::Viewer, Role::Staff, Role::Admin})
        if (roleId(r) == id) return r;
    return std::nullopt;
}

std::string_view roleName(Role role) {
    switch (role) {
        case Role::Viewer:
            return "查阅人员";
        case Role::Staff:
            return "办理人员";
        case Role::Admin:
            return "管理员";
    }
    return "";
}

bool mayReadContact(Role role) {
    return role >= Role::Staff;
}

std::string WebRequest::param(const std::string& name, const std::string& fallback) const {
    const auto it = params.find(name);
    return it == params.end() ? fallback : it->second;
}

std::vector<std::string> WebRequest::paramList(const std::string& name) const {
    std::vector<std::string> out;
    const auto [begin, end] = params.equal_range(name);
    for (auto it = begin; it != end; ++it) out.push_back(it->second);
    return out;
}

std::string WebRequest::header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

std::string WebRequest::cookie(const std::string& name) const {
    const std::string all = header("cookie");
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find(';', start);
        if (end == std::string::npos) end = all.size();
        std::string_view part(all.data() + start, end - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.starts_with(name) && part.size() > name.size() && part[name.size()] == '=')
            return std::string(part.substr(name.size() + 1));
        start = end + 1;
    }
    return "";
}

void Context::audit(std::string_view action, std::string_view subject, std::string_view detail) {
    auto sql = backend.sql();
    writeAudit(*sql, now(), user ? user->name : std::string("-"), action, subject, detail,
               req.remoteAddr);
}

void Context::page(std::string_view title, std::string_view body) {
    TemplateData nav = templateList();
    for (const auto& item : kNav) {
        if (!allowed(item.access, role())) continue;
        TemplateData link;
        link.set("path", std::string(item.path));
        link.set("label", std::string(item.label));
        link.set("here",
                 req.path == item.path || req.path.starts_with(std::string(item.path) + "/"));
        nav.push_back(link);
    }
    TemplateData page;
    page.set("staff", true);
    page.set("nav", nav);
    if (user) {
        TemplateData who;
        who.set("display", user->display);
        who.set("role", std::string(roleName(user->role)));
        page.set("user", who);
        page.set("logoutForm", html::formOpen(*this, "/logout"));
    }
    renderPage(*this, title, body, page);
}

void Context::publicPage(std::string_view title, std::string_view body, int status) {
    res.status = status;
    TemplateData page;
    page.set("staff", false);
    renderPage(*this, title, body, page);
}

void Context::redirect(std::string_view path, std::string_view notice) {
    res.status = 303;
    // Only local paths: a redirect must never leave the server.
    std::string target(path);
    if (target.empty() || target[0] != '/' || target.starts_with("//")) target = "/";
    res.headers.emplace_back("Location", target);
    if (!notice.empty())
        res.headers.emplace_back(
            "Set-Cookie", cookieHeader(kNoticeCookie, html::urlEncode(notice), req.secure, 60));
    res.body.clear();
}

void Context::fail(int status, std::string_view message) {
    const std::string body = "<p class=\"error\">" + html::esc(message) +
                             "</p><p><a href=\"javascript:history.back()\">返回上一页</a> · "
                             "<a href=\"/\">回到首页</a></p>";
    if (user) {
        page("出错了", body);
        res.status = status;
    } else {
        publicPage("出错了", "<h1>出错了</h1>" + body, status);
    }
}

void Context::download(std::string_view filename, std::string_view contentType, std::string body) {
    res.status = 200;
    res.contentType = std::string(contentType);
    res.body = std::move(body);
    // RFC 6266: an ASCII fallback name (keeping the extension) plus the UTF-8 one.
    std::string fallback = "export";
    const auto dot = filename.rfind('.');
    if (dot != std::string_view::npos && filename.size() - dot <= 5 &&
        std::all_of(filename.begin() + dot + 1, filename.end(),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
        fallback += filename.substr(dot);
    res.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + html::urlEncode(filename));
}

void Context::setSessionCookie(std::string_view value) {
    res.headers.emplace_back(
        "Set-Cookie", cookieHeader(kSessionCookie, value, req.secure, kSessionIdleMs / 1000));
}

void Context::clearSessionCookie() {
    res.headers.emplace_back("Set-Cookie", cookieHeader(kSessionCookie, "", req.secure, 0));
}

namespace html {

std::string esc(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string urlEncode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string formOpen(const Context& ctx, std::string_view action, bool multipart) {
    return "<form method=\"post\" action=\"" + esc(action) + "\"" +
           (multipart ? " enctype=\"multipart/form-data\"" : "") +
           "><input type=\"hidden\" name=\"_csrf\" value=\"" + esc(ctx.csrf) + "\">";
}

std::string select(std::string_view name,
                   const std::vector<std::pair<std::string, std::string>>& options,
                   std::string_view selected) {
    std::string out = "<select name=\"" + esc(name) + "\">";
    for (const auto& [value, label] : options)
        out += "<option value=\"" + esc(value) + "\"" + (value == selected ? " selected" : "") +
               ">" + esc(label) + "</option>";
    return out + "</select>";
}

}  // namespace html

std::string formatTime(std::int64_t ms) {
    if (ms <= 0) return "—";
    return model::formatDateTime(ms, model::kChinaUtcOffsetMinutes);
}

std::string formatDate(std::int64_t ms) {
    return formatTime(ms).substr(0, 10);
}

std::string monthOf(std::int64_t ms) {
    return formatTime(ms).substr(0, 7);
}

std::optional<std::int64_t> parseDate(std::string_view date) {
    const auto day = model::parseDate(date);
    if (!day) return std::nullopt;
    return model::fromLocal(*day, 0, model::kChinaUtcOffsetMinutes);
}

WebApp::WebApp(Backend& backend, const platform::Clock& clock)
    : m_backend(backend), m_clock(clock) {}

void WebApp::add(Route route) {
    route.compiled = std::regex(route.pattern);
    m_routes.push_back(std::move(route));
}

void WebApp::get(std::string pattern, Access access, Handler handler) {
    add({"GET", std::move(pattern), access, std::move(handler)});
}

void WebApp::post(std::string pattern, Access access, Handler handler) {
    add({"POST", std::move(pattern), access, std::move(handler)});
}

WebResponse WebApp::handle(const WebRequest& in) {
    WebResponse res;
    securityHeaders(res);
    if (in.method == "GET" && in.path.starts_with("/static/")) {
        const std::string name = in.path.substr(8);
        // Templates are the server's own, not files for browsers.
        const bool servable =
            name.find("..") == std::string::npos && !name.starts_with("templates/");
        const auto data = servable ? platform::asset("web/" + name) : std::nullopt;
        if (!data) return notFound(in);
        res.contentType = std::string(contentTypeFor(name));
        res.body = std::string(*data);
        res.headers.emplace_back("Cache-Control", "max-age=3600");
        return res;
    }
    // Staff pages show names, phone numbers and audit trails: no copy in any cache, and over
    // TLS browsers keep to TLS (issue 18).
    res.headers.emplace_back("Cache-Control", "no-store");
    if (in.secure) res.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    const Route* route = nullptr;
    bool pathKnown = false;
    WebRequest req = in;
    for (const auto& r : m_routes) {
        std::smatch m;
        if (!std::regex_match(in.path, m, r.compiled)) continue;
        pathKnown = true;
        if (r.method != in.method) continue;
        route = &r;
        req.matches.assign(m.begin(), m.end());
        break;
    }
    if (!route) {
        if (!pathKnown) return notFound(in);
        res.status = 405;
        res.body = "method not allowed";
        res.contentType = "text/plain; charset=utf-8";
        return res;
    }
    Context ctx(m_backend, m_clock, req, res);
    if (route->access != Access::Public || !req.cookie(kSessionCookie).empty()) {
        std::optional<Session> session;
        {
            auto sql = m_backend.sql();
            session = findSession(*sql, req.cookie(kSessionCookie), ctx.now());
        }
        if (session) {
            ctx.user = session->user;
            ctx.csrf = session->csrf;
            ctx.sessionHash = session->tokenHash;
        }
    }
    if (route->access != Access::Public) {
        if (!ctx.user) {
            if (req.method == "GET")
                ctx.redirect("/login?next=" + html::urlEncode(req.path));
            else
                ctx.fail(401, "登录已过期，请重新登录后再提交。");
            return res;
        }
        if (!allowed(route->access, ctx.user->role)) {
            ctx.fail(403, "您的账号没有权限使用这个页面。如需办理，请联系管理员。");
            return res;
        }
        if (req.method == "POST" && (ctx.csrf.empty() || req.param("_csrf") != ctx.csrf)) {
            ctx.fail(403, "页面已过期或来源不明，请刷新页面后重新提交。");
            return res;
        }
    }
    try {
        route->handler(ctx);
    } catch (const BackendError& e) {
        res = WebResponse{};
        securityHeaders(res);
        res.headers.emplace_back("Cache-Control", "no-store");
        ctx.fail(400, e.what());
    }
    return res;
}

}  // namespace csync::server::staff
