// Logging in and out, one's own password, the admin's user list and the audit log.
#include <algorithm>

#include "platform/crypto.hpp"
#include "sync/server/staff/auth.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

constexpr const char* kLoginCookie = "cs_login";

// Only a path of this site may follow a login (no open redirect): browsers drop tabs and line
// breaks and read "\\" as "/", so "/\t/evil.example" would leave the site. Printable ASCII
// without a backslash, one leading slash.
std::string safeNext(const std::string& next) {
    const bool pathChars = std::all_of(next.begin(), next.end(),
                                       [](char c) { return c > 0x20 && c < 0x7f && c != '\\'; });
    if (!pathChars || next.empty() || next[0] != '/' || next.starts_with("//")) return "/dashboard";
    return next;
}

void loginForm(Context& ctx, std::string_view error, int status) {
    // Login CSRF: a random value in a SameSite=Strict cookie must come back in the form.
    std::string token = ctx.req.cookie(kLoginCookie);
    if (token.size() != 32) {
        token = platform::toHex(platform::randomBytes(16));
        ctx.res.headers.emplace_back("Set-Cookie", std::string(kLoginCookie) + "=" + token +
                                                       "; Path=/login; HttpOnly; "
                                                       "SameSite=Strict; Max-Age=3600" +
                                                       (ctx.req.secure ? "; Secure" : ""));
    }
    std::string body =
        "<div class=\"login card\"><h1>县人大代表联络站<br>管理服务</h1>"
        "<p class=\"muted\">县人大常委会工作人员登录</p>";
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + html::esc(error) + "</p>";
    body +=
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"_csrf\" value=\"" +
        token + "\"><input type=\"hidden\" name=\"next\" value=\"" +
        html::esc(safeNext(ctx.req.param("next"))) +
        "\"><label>登录名<input name=\"name\" autocomplete=\"username\" required "
        "autofocus value=\"" +
        html::esc(ctx.req.param("name")) +
        "\"></label><label>密码<input name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\" required></label>"
        "<button class=\"primary wide\" type=\"submit\">登录</button></form>"
        "<p class=\"muted small\">群众查询办理进度无需登录：请扫描回执上的二维码。</p></div>";
    ctx.publicPage("登录", body, status);
}

void loginSubmit(Context& ctx) {
    const std::string cookie = ctx.req.cookie(kLoginCookie);
    if (cookie.size() != 32 || ctx.req.param("_csrf") != cookie)
        return loginForm(ctx, "登录页面已过期，请重新输入。", 403);
    const std::string name = ctx.req.param("name");
    const LoginResult result =
        checkLogin(ctx.backend, name, ctx.req.param("password"), ctx.req.remoteAddr, ctx.now());
    if (result.outcome == LoginResult::Outcome::Locked) {
        const auto minutes = (result.retryAfterMs + 59'999) / 60'000;
        ctx.res.headers.emplace_back("Retry-After", std::to_string(result.retryAfterMs / 1000 + 1));
        return loginForm(ctx,
                         "密码错误次数过多，已暂停登录。请 " + std::to_string(minutes) +
                             " 分钟后再试，或联系管理员。",
                         429);
    }
    if (result.outcome != LoginResult::Outcome::Ok) {
        // A name that is nobody's is often a password typed into the wrong field: not kept.
        ctx.audit("login.failed", result.known ? name : std::string("（未知登录名）"));
        return loginForm(ctx, "登录名或密码不正确。", 401);
    }
    std::string session;
    {
        auto sql = ctx.backend.sql();
        session = openSession(*sql, *result.user, ctx.now());
    }
    ctx.user = result.user;
    ctx.audit("login", result.user->name);
    ctx.setSessionCookie(session);
    ctx.redirect(safeNext(ctx.req.param("next")));
}

void logout(Context& ctx) {
    {
        auto sql = ctx.backend.sql();
        closeSession(*sql, ctx.sessionHash);
    }
    ctx.audit("logout", ctx.user->name);
    ctx.clearSessionCookie();
    ctx.redirect("/login", "您已安全退出。");
}

void accountPage(Context& ctx) {
    std::string body =
        "<section class=\"card\"><p>登录名：" + html::esc(ctx.user->name) + "　角色：" +
        std::string(roleName(ctx.user->role)) + "</p>" + html::formOpen(ctx, "/account/password") +
        "<label>原密码<input type=\"password\" name=\"old\" required "
        "autocomplete=\"current-password\"></label>"
        "<label>新密码（至少 8 个字符）<input type=\"password\" name=\"new\" "
        "required minlength=\"8\" autocomplete=\"new-password\"></label>"
        "<button class=\"primary\" type=\"submit\">修改密码</button></form></section>";
    ctx.page("我的账号", body);
}

void changeOwnPassword(Context& ctx) {
    const auto check = checkLogin(ctx.backend, ctx.user->name, ctx.req.param("old"),
                                  ctx.req.remoteAddr, ctx.now());
    if (check.outcome != LoginResult::Outcome::Ok)
        return ctx.redirect("/account", "原密码不正确，密码未修改。");
    if (const auto problem = passwordProblem(ctx.req.param("new")); !problem.empty())
        return ctx.redirect("/account", problem + "，密码未修改。");
    const PasswordHash hash = hashPassword(ctx.req.param("new"));
    {
        auto sql = ctx.backend.sql();
        setPassword(*sql, ctx.user->name, hash);
    }
    ctx.audit("user.password", ctx.user->name, "本人修改");
    ctx.clearSessionCookie();
    ctx.redirect("/login", "密码已修改，请用新密码重新登录。");
}

std::vector<std::pair<std::string, std::string>> roleOptions() {
    std::vector<std::pair<std::string, std::string>> out;
    for (Role r : {Role::Viewer, Role::Staff, Role::Admin})
        out.emplace_back(std::string(roleId(r)), std::string(roleName(r)));
    return out;
}

void usersPage(Context& ctx) {
    std::vector<UserRow> users;
    {
        auto sql = ctx.backend.sql();
        users = listUsers(*sql);
    }
    std::string rows;
    for (const auto& u : users) {
        const std::string base = "/users/" + html::urlEncode(u.user.name);
        rows += "<tr><td>" + html::esc(u.user.name) + "</td><td>" + html::esc(u.user.display) +
                "</td><td>" + html::formOpen(ctx, base) +
                html::select("role", roleOptions(), roleId(u.user.role)) +
                " <label class=\"inline\"><input type=\"checkbox\" name=\"active\" value=\"1\"" +
                (u.active ? " checked" : "") +
                ">启用</label> <button type=\"submit\">保存</button>" + "</form></td><td>" +
                formatDate(u.createdAtMs) + "</td><td>" + html::formOpen(ctx, base + "/password") +
                "<input type=\"password\" name=\"password\" minlength=\"8\" required "
                "placeholder=\"新密码\" autocomplete=\"new-password\"> <button "
                "type=\"submit\">重设密码</button></form></td></tr>";
    }
    std::string body =
        "<section class=\"card\"><table class=\"list\"><thead><tr><th>登录名</th><th>姓名</th>"
        "<th>角色</th><th>创建</th><th>密码</th></tr></thead><tbody>" +
        rows + "</tbody></table></section><section class=\"card\"><h2>新建账号</h2>" +
        html::formOpen(ctx, "/users") +
        "<div class=\"row\"><label>登录名<input name=\"name\" required pattern=\"[a-z0-9_.\\-]+\" "
        "placeholder=\"小写字母或数字\"></label><label>姓名<input name=\"display\" "
        "required></label><label>角色" +
        html::select("role", roleOptions(), "staff") +
        "</label><label>初始密码<input type=\"password\" name=\"password\" minlength=\"8\" "
        "required autocomplete=\"new-password\"></label></div><button class=\"primary\" "
        "type=\"submit\">新建</button></form><p class=\"muted\">办理人员可以处理群众意见并查看"
        "联系方式（每次查看都记入审计日志）；查阅人员只能查看，看不到联系方式。</p></section>";
    ctx.page("账号管理", body);
}

void addUserSubmit(Context& ctx) {
    const auto role = parseRole(ctx.req.param("role"));
    if (!role) return ctx.redirect("/users", "请选择角色。");
    const std::string name = ctx.req.param("name");
    const PasswordHash hash = hashPassword(ctx.req.param("password"));
    {
        auto sql = ctx.backend.sql();
        addUser(*sql, name, ctx.req.param("display"), *role, hash, ctx.now());
    }
    ctx.audit("user.add", name, std::string(roleId(*role)));
    ctx.redirect("/users", "已新建账号 " + name + "。");
}

void updateUserSubmit(Context& ctx) {
    const std::string name = ctx.req.matches.at(1);
    const auto role = parseRole(ctx.req.param("role"));
    if (!role) return ctx.redirect("/users", "请选择角色。");
    const bool active = ctx.req.param("active") == "1";
    {
        auto sql = ctx.backend.sql();
        SqlTransaction tx(*sql);
        const auto users = listUsers(*sql);
        const auto it = std::find_if(users.begin(), users.end(),
                                     [&](const UserRow& u) { return u.user.name == name; });
        if (it == users.end()) return ctx.fail(404, "没有这个账号。");
        const bool wasAdmin = it->active && it->user.role == Role::Admin;
        if (wasAdmin && (*role != Role::Admin || !active) && activeAdminCount(*sql) <= 1)
            return ctx.fail(400, "这是最后一个管理员账号，不能降级或停用。");
        updateUser(*sql, name, *role, active);
        tx.commit();
    }
    ctx.audit("user.update", name, std::string(roleId(*role)) + (active ? "" : " 停用"));
    ctx.redirect("/users", "账号 " + name + " 已保存。");
}

void resetPasswordSubmit(Context& ctx) {
    const std::string name = ctx.req.matches.at(1);
    bool found = false;
    const PasswordHash hash = hashPassword(ctx.req.param("password"));
    {
        auto sql = ctx.backend.sql();
        found = setPassword(*sql, name, hash);
    }
    if (!found) return ctx.fail(404, "没有这个账号。");
    ctx.audit("user.password", name, "管理员重设");
    ctx.redirect("/users", "账号 " + name + " 的密码已重设。");
}

void auditPage(Context& ctx) {
    constexpr std::int64_t kPage = 100;
    const std::int64_t page = std::max<std::int64_t>(0, std::atoll(ctx.req.param("page").c_str()));
    const std::string who = ctx.req.param("user");
    const std::string action = ctx.req.param("action");
    std::vector<SqlRow> rows;
    {
        auto sql = ctx.backend.sql();
        rows = sql->query(
            "SELECT at, user_name, action, subject, detail, remote FROM audit_log "
            "WHERE ($1 = '' OR user_name = $1) AND ($2 = '' OR action LIKE CAST($2 AS TEXT) || "
            "'%') "
            "ORDER BY at DESC, id LIMIT $3 OFFSET $4",
            {who, action, kPage + 1, page * kPage});
    }
    std::string body =
        "<form class=\"filters\" method=\"get\" action=\"/audit\"><label>账号<input name=\"user\" "
        "value=\"" +
        html::esc(who) + "\"></label><label>操作<input name=\"action\" value=\"" +
        html::esc(action) +
        "\" placeholder=\"如 contact.view\"></label><button type=\"submit\">筛选</button></form>"
        "<section class=\"card\"><table class=\"list\"><thead><tr><th>时间</th><th>账号</th>"
        "<th>操作</th><th>对象</th><th>说明</th><th>来源地址</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(kPage); ++i) {
        const auto& r = rows[i];
        body += "<tr><td>" + formatTime(r.integer(0)) + "</td><td>" + html::esc(r.text(1)) +
                "</td><td>" + html::esc(r.text(2)) + "</td><td>" + html::esc(r.text(3)) +
                "</td><td>" + html::esc(r.text(4)) + "</td><td>" + html::esc(r.text(5)) +
                "</td></tr>";
    }
    body += "</tbody></table></section><p class=\"pager\">";
    const std::string query =
        "&user=" + html::urlEncode(who) + "&action=" + html::urlEncode(action);
    if (page > 0)
        body += "<a href=\"/audit?page=" + std::to_string(page - 1) + query + "\">上一页</a> ";
    if (rows.size() > static_cast<std::size_t>(kPage))
        body += "<a href=\"/audit?page=" + std::to_string(page + 1) + query + "\">下一页</a>";
    body += "</p>";
    ctx.page("审计日志", body);
}

}  // namespace

void registerAccountPages(WebApp& app) {
    app.get("/", Access::Public,
            [](Context& ctx) { ctx.redirect(ctx.user ? "/dashboard" : "/login"); });
    app.get("/login", Access::Public, [](Context& ctx) {
        if (ctx.user) return ctx.redirect(safeNext(ctx.req.param("next")));
        loginForm(ctx, "", 200);
    });
    app.post("/login", Access::Public, loginSubmit);
    app.post("/logout", Access::Viewer, logout);
    app.get("/account", Access::Viewer, accountPage);
    app.post("/account/password", Access::Viewer, changeOwnPassword);
    app.get("/users", Access::Admin, usersPage);
    app.post("/users", Access::Admin, addUserSubmit);
    app.post(R"(/users/([^/]+))", Access::Admin, updateUserSubmit);
    app.post(R"(/users/([^/]+)/password)", Access::Admin, resetPasswordSubmit);
    app.get("/audit", Access::Admin, auditPage);
}

}  // namespace csync::server::staff
