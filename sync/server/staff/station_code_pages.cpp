// One-time enrollment codes on a station's page: an admin makes one (shown once, never stored),
// everyone who may see the station sees whether it is open, used (when, from where), expired,
// replaced or revoked. Issuing and revoking are audited; the code itself never is.
#include "sync/protocol/enrollment_code.hpp"
#include "sync/server/enrollment_codes.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

using html::esc;

std::string stateText(const CodeState& c, std::int64_t now) {
    if (c.usedAtMs != 0)
        return "<span class=\"badge ok\">已使用</span> " + formatTime(c.usedAtMs) + "，来自 " +
               esc(c.usedFrom);
    if (c.revokedAtMs != 0)
        return std::string("<span class=\"badge\">") +
               (c.revokedWhy == "replaced" ? "已被新码替换" : "已作废") + "</span> " +
               formatTime(c.revokedAtMs);
    if (c.expiresAtMs <= now)
        return "<span class=\"badge\">已过期</span> " + formatTime(c.expiresAtMs);
    return "<span class=\"badge received\">有效</span> 至 " + formatTime(c.expiresAtMs);
}

// The address stations reach this server at, as the admin's browser did.
std::string guessServerUrl(const Context& ctx) {
    const std::string host = ctx.req.header("host");
    const std::string url = (ctx.req.secure ? "https://" : "http://") + host;
    return isServerUrl(url) ? url : "";
}

std::string codeForm(Context& ctx, const std::string& station) {
    return html::formOpen(ctx, "/stations/" + html::urlEncode(station) + "/code") +
           "<p><label>县服务器地址（联络站访问的地址）<br><input name=\"server\" size=\"40\" "
           "required value=\"" +
           esc(guessServerUrl(ctx)) + "\"></label></p><p><label>有效时间 " +
           html::select("hours", {{"24", "24 小时"}, {"72", "72 小时"}, {"168", "7 天"}}, "72") +
           "</label></p><p class=\"muted small\">服务器使用自签名证书时，请改用命令 "
           "county-server station code --ca-cert，把证书一并交给联络站。</p>"
           "<button type=\"submit\" data-confirm=\"生成新的接入码？本站尚未使用的旧接入码将"
           "作废。\">生成接入码</button></form>";
}

void makeCode(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    if (!ctx.backend.station(id)) return ctx.fail(404, "没有编号为“" + id + "”的联络站。");
    const std::string server = ctx.req.param("server");
    const std::string hours = ctx.req.param("hours", "72");
    if (!isServerUrl(server))
        return ctx.fail(
            400, "服务器地址应以 http:// 或 https:// 开头，例如 https://county.example.cn:8443");
    if (hours != "24" && hours != "72" && hours != "168") return ctx.fail(400, "有效时间不对。");
    const auto issued =
        issueEnrollmentCode(ctx.backend, id, server, "", std::stoll(hours) * 3600'000,
                            {ctx.user->name, ctx.req.remoteAddr}, ctx.now());
    // Shown this once: no redirect (it would need the code in a cookie or the database).
    ctx.page("接入码",
             "<div class=\"card\"><p>联络站 " + esc(id) +
                 " 的一次性接入码（只显示这一次，请现在抄下或念给站点联络员）：</p>"
                 "<p class=\"enroll-code\" id=\"enroll-code\">" +
                 esc(issued.code) + "</p><p>有效至 " + formatTime(issued.expiresAtMs) +
                 "，只能使用一次。站点上运行：</p><pre>stationctl --db /var/lib/station-kiosk/"
                 "station.db enroll --server " +
                 esc(server) + " --code " + esc(issued.code) + "</pre><p><a href=\"/stations/" +
                 html::urlEncode(id) + "\">返回联络站</a></p></div>");
}

void revokeCodes(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    if (!ctx.backend.station(id)) return ctx.fail(404, "没有编号为“" + id + "”的联络站。");
    const int n =
        revokeEnrollmentCodes(ctx.backend, id, {ctx.user->name, ctx.req.remoteAddr}, ctx.now());
    ctx.redirect("/stations/" + html::urlEncode(id),
                 n ? "尚未使用的接入码已作废。" : "没有尚未使用的接入码。");
}

}  // namespace

std::string enrollmentCodeSection(Context& ctx, const std::string& station) {
    const auto codes = enrollmentCodes(ctx.backend, station);
    std::string body = "<section class=\"card\" id=\"enroll-codes\"><h2>接入码</h2>";
    if (codes.empty()) {
        body += "<p class=\"muted\">还没有生成过接入码。</p>";
    } else {
        body +=
            "<table class=\"list\"><thead><tr><th>生成时间</th><th>状态</th></tr></thead><tbody>";
        for (const auto& c : codes)
            body += "<tr><td>" + formatTime(c.createdAtMs) + "</td><td>" + stateText(c, ctx.now()) +
                    "</td></tr>";
        body += "</tbody></table>";
    }
    if (ctx.role() == Role::Admin) {
        body += codeForm(ctx, station);
        body += html::formOpen(ctx, "/stations/" + html::urlEncode(station) + "/code/revoke") +
                "<button class=\"danger\" type=\"submit\" data-confirm=\"作废本站尚未使用的"
                "接入码？\">作废接入码</button></form>";
    }
    return body + "</section>";
}

void registerStationCodePages(WebApp& app) {
    app.post(R"(/stations/([^/]+)/code)", Access::Admin, makeCode);
    app.post(R"(/stations/([^/]+)/code/revoke)", Access::Admin, revokeCodes);
}

}  // namespace csync::server::staff
