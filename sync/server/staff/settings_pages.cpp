// County-wide settings for admins: the public address of the progress page, which stations
// receive with their config and print in the receipt QR.
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

// Empty (clears it) or http(s)://host[/path] without spaces, quotes or a trailing slash.
std::string urlProblem(const std::string& url) {
    if (url.empty()) return "";
    if (!url.starts_with("https://") && !url.starts_with("http://"))
        return "地址必须以 https:// 或 http:// 开头。";
    if (url.size() > 200) return "地址太长（不超过 200 个字符）。";
    const std::size_t hostStart = url.find("//") + 2;
    if (url.size() == hostStart || url[hostStart] == '/') return "地址中缺少域名。";
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
            c == '?' || c == '#')
            return "地址中含有不能使用的字符（空格、引号、问号等）。";
    }
    return "";
}

void settingsForm(Context& ctx, const std::string& value, const std::string& error, int status) {
    std::string body;
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + html::esc(error) + "</p>";
    body += "<section class=\"card\"><h2>群众查询办理进度的公开地址</h2>" +
            html::formOpen(ctx, "/settings") +
            "<label>公开地址（如 https://rd.example.gov.cn，末尾不加 /）<input name=\"public_url\" "
            "type=\"url\" maxlength=\"200\" value=\"" +
            html::esc(value) +
            "\"></label><button class=\"primary\" type=\"submit\">保存</button></form>"
            "<p class=\"muted\">设定后，各联络站下次同步即收到该地址，新打印的回执二维码将指向 "
            "<code>公开地址/track/回执编号</code>，群众用手机扫码即可查看办理进度（不显示反映内容和"
            "个人信息）。留空则回执二维码只能在联络站一体机上扫描。</p></section>";
    ctx.page("系统设置", body);
    ctx.res.status = status;
}

void settingsPage(Context& ctx) {
    std::string url;
    {
        auto sql = ctx.backend.sql();
        url = publicUrl(*sql);
    }
    settingsForm(ctx, url, "", 200);
}

void settingsSubmit(Context& ctx) {
    const std::string typed = ctx.req.param("public_url");
    std::string url = typed;
    while (!url.empty() && (url.back() == ' ' || url.back() == '/')) url.pop_back();
    while (!url.empty() && url.front() == ' ') url.erase(url.begin());
    if (const auto problem = urlProblem(url); !problem.empty())
        return settingsForm(ctx, typed, problem, 400);
    {
        auto sql = ctx.backend.sql();
        setOfficeSetting(*sql, "public_url", url);
    }
    ctx.audit("setting.public_url", "public_url", url);
    ctx.redirect("/settings", url.empty() ? "已清除公开地址。" : "已保存公开地址。");
}

}  // namespace

void registerSettingsPages(WebApp& app) {
    app.get("/settings", Access::Admin, settingsPage);
    app.post("/settings", Access::Admin, settingsSubmit);
}

}  // namespace csync::server::staff
