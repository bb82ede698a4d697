// Deputies' duty QR cards (issue 6 item 6): issue a signed DQ1 token with the county's newest
// key, print an A4 sheet of cards, revoke a card (stations get the revocation list on their next
// sync) and rotate the signing key (earlier keys stay trusted, so cards in pockets keep working).
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sync/cards/deputy_card.hpp"
#include "sync/protocol/deputy_token.hpp"
#include "sync/server/desk/card_desk.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;

constexpr std::int64_t kDayMs = 86'400'000;

struct DeputyName {
    std::string name;
    std::string stationName;
    bool active = true;
};

// Every deputy of every station by "station/deputy", from what the stations receive.
std::map<std::string, DeputyName> allDeputies(Context& ctx) {
    std::vector<SqlRow> stations;
    {
        auto sql = ctx.backend.sql();
        stations = sql->query("SELECT id, name FROM station ORDER BY id", {});
    }
    std::map<std::string, DeputyName> out;
    for (const auto& s : stations) {
        const json body = ctx.backend.stationConfig(s.text(0)).body;
        for (const auto& d : body.value("deputies", json::array()))
            out[s.text(0) + "/" + d.value("id", "")] = {d.value("name", ""), s.text(1),
                                                        d.value("active", true)};
    }
    return out;
}

std::string statusOf(const SqlRow& r, std::int64_t now) {
    if (r.integer(7) > 0) return "<span class=\"badge alert\">已吊销</span>";
    if (r.integer(5) <= now) return "<span class=\"badge closed\">已过期</span>";
    return "<span class=\"badge ok\">有效</span>";
}

constexpr const char* kCardColumns =
    "serial, deputy, station, key_id, valid_from, valid_until, token, revoked_at, issued_at, "
    "issued_by";

void cardsPage(Context& ctx) {
    const auto deputies = allDeputies(ctx);
    const auto county = ctx.backend.county();
    const auto keys = ctx.backend.signingKeys();
    std::vector<SqlRow> cards;
    {
        auto sql = ctx.backend.sql();
        cards = sql->query(std::string("SELECT ") + kCardColumns +
                               " FROM deputy_card ORDER BY station, deputy, issued_at DESC",
                           {});
    }
    const std::int64_t now = ctx.now();
    std::string body;
    if (const std::string error = ctx.req.param("error"); !error.empty())
        body += "<p class=\"error\" role=\"alert\">" + html::esc(error) + "</p>";

    // Issue form: one select of station · deputy, validity by dates (county time).
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& [key, d] : deputies)
        if (d.active) options.emplace_back(key, d.stationName + " · " + d.name);
    const std::string from = ctx.req.param("from", formatDate(now));
    const std::string until = ctx.req.param("until", formatDate(now + 365 * kDayMs));
    body += "<section class=\"card\"><h2>签发代表码</h2>" + html::formOpen(ctx, "/cards/issue") +
            "<div class=\"row\"><label>代表" +
            html::select("deputy", options, ctx.req.param("deputy")) +
            "</label><label>生效日期<input type=\"date\" name=\"from\" required value=\"" +
            html::esc(from) +
            "\"></label><label>有效期至（含当天）<input type=\"date\" name=\"until\" required "
            "value=\"" +
            html::esc(until) +
            "\"></label></div><button class=\"primary\" type=\"submit\">签发</button></form>"
            "<p class=\"muted small\">代表码用县里最新的签名密钥签发，联络站离线即可核验。</p>"
            "</section>";

    body +=
        "<section class=\"card\"><h2>已签发的代表码</h2><form class=\"filters\" "
        "method=\"get\" action=\"/cards/sheet.png\"><label>打印整站卡片（A4，每页 8 张）<select "
        "name=\"station\">";
    {
        std::map<std::string, std::string> stationNames;
        for (const auto& [key, d] : deputies)
            stationNames[key.substr(0, key.find('/'))] = d.stationName;
        for (const auto& [id, name] : stationNames)
            body += "<option value=\"" + html::esc(id) + "\">" + html::esc(name) + "</option>";
    }
    body +=
        "</select></label><label>页<input type=\"number\" name=\"page\" min=\"1\" "
        "value=\"1\"></label><button type=\"submit\">生成 PNG</button></form>"
        "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>代表</th><th>联络站</th>"
        "<th>编号</th><th>密钥</th><th>有效期</th><th>状态</th><th>签发</th><th></th></tr>"
        "</thead><tbody>";
    for (const auto& r : cards) {
        const auto it = deputies.find(r.text(2) + "/" + r.text(1));
        const std::string serial = r.text(0);
        body += "<tr><td>" + html::esc(it != deputies.end() ? it->second.name : r.text(1)) +
                "</td><td>" + html::esc(it != deputies.end() ? it->second.stationName : r.text(2)) +
                "</td><td class=\"small\">" + html::esc(serial) + "</td><td>" +
                std::to_string(r.integer(3)) + "</td><td>" + formatDate(r.integer(4)) + " 至 " +
                formatDate(r.integer(5) - 1) + "</td><td>" + statusOf(r, now) + "</td><td>" +
                formatDate(r.integer(8)) + " " + html::esc(r.text(9)) +
                "</td><td><div class=\"actions\">";
        if (r.integer(7) == 0)
            body += "<a href=\"/cards/sheet.png?serial=" + html::urlEncode(serial) + "\">打印</a>" +
                    html::formOpen(ctx, "/cards/" + html::urlEncode(serial) + "/revoke") +
                    "<button class=\"danger\" type=\"submit\" data-confirm=\"吊销这张代表码？"
                    "各联络站同步后将拒绝它，无法撤销。\">吊销</button></form>";
        body += "</div></td></tr>";
    }
    if (cards.empty()) body += "<tr><td colspan=\"8\" class=\"muted\">还没有签发代表码。</td></tr>";
    body += "</tbody></table></div></section>";

    body += "<section class=\"card\"><h2>签名密钥</h2><p>新签发的代表码使用密钥 " +
            std::to_string(county ? county->signKeyId : 0) + "。联络站信任的密钥：";
    for (const auto& k : keys) body += std::to_string(k.keyId) + " ";
    body += "</p>" + html::formOpen(ctx, "/cards/rotate") +
            "<input type=\"hidden\" name=\"confirm\" value=\"1\"><button class=\"danger\" "
            "type=\"submit\" data-confirm=\"启用新的签名密钥？之后签发的代表码用新密钥，"
            "已签发的仍然有效。\">更换签名密钥</button></form><p class=\"muted small\">"
            "怀疑密钥泄露时更换；已发的卡片继续有效，需要作废的请逐张吊销。</p></section>";
    ctx.page("代表码", body);
}

void refuseIssue(Context& ctx, const std::string& error) {
    ctx.redirect("/cards?error=" + html::urlEncode(error) +
                 "&deputy=" + html::urlEncode(ctx.req.param("deputy")) +
                 "&from=" + html::urlEncode(ctx.req.param("from")) +
                 "&until=" + html::urlEncode(ctx.req.param("until")));
}

void issueCard(Context& ctx) {
    const std::string key = ctx.req.param("deputy");
    const auto slash = key.find('/');
    if (key.empty() || slash == std::string::npos) return refuseIssue(ctx, "请选择代表。");
    const std::string station = key.substr(0, slash), deputy = key.substr(slash + 1);
    const auto deputies = allDeputies(ctx);
    if (!deputies.contains(key)) return refuseIssue(ctx, "没有这个代表，请重新选择。");
    const auto from = parseDate(ctx.req.param("from"));
    const auto until = parseDate(ctx.req.param("until"));
    if (!from || !until) return refuseIssue(ctx, "日期格式不对，应为 2026-12-15 这样的格式。");
    if (*until < *from) return refuseIssue(ctx, "有效期至应不早于生效日期。");
    if (*until + kDayMs <= ctx.now()) return refuseIssue(ctx, "有效期已经过去，请重新选择日期。");
    const auto county = ctx.backend.county();
    if (!county) return ctx.fail(500, "县里的签名密钥尚未设置。");

    DeputyToken t;
    t.deputyId = deputy;
    t.county = county->code;
    t.keyId = county->signKeyId;
    t.validFrom = *from / 1000;
    t.validUntil = (*until + kDayMs) / 1000;  // through the last day, county time
    std::string token;
    try {
        token = issueDeputyToken(t, county->sign.secretKey);
    } catch (const std::invalid_argument&) {
        return refuseIssue(ctx, "代表编号含有不能写入代表码的字符，请先在名单中修改。");
    }
    const std::string serial = parseDeputyToken(token)->serial();
    {
        auto sql = ctx.backend.sql();
        sql->exec(
            "INSERT INTO deputy_card(serial, deputy, station, key_id, valid_from, valid_until, "
            "token, issued_at, issued_by) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            {serial, deputy, station, static_cast<std::int64_t>(t.keyId), t.validFrom * 1000,
             t.validUntil * 1000, token, ctx.now(), ctx.user->name});
    }
    ctx.audit("card.issue", serial,
              key + " 密钥 " + std::to_string(t.keyId) + " 至 " + ctx.req.param("until"));
    ctx.redirect("/cards",
                 "已为 " + deputies.at(key).name + " 签发代表码 " + serial + "，可在下表打印。");
}

void cardSheet(Context& ctx) {
    const auto serials = ctx.req.paramList("serial");
    const std::string station = ctx.req.param("station");
    const std::int64_t page =
        std::max<std::int64_t>(1, std::atoll(ctx.req.param("page", "1").c_str()));
    std::vector<SqlRow> rows;
    {
        auto sql = ctx.backend.sql();
        // A whole station prints its valid cards; named serials print unless revoked.
        for (const auto& s : serials) {
            auto r = sql->query(std::string("SELECT ") + kCardColumns +
                                    " FROM deputy_card WHERE serial = $1 AND revoked_at = 0",
                                {s});
            rows.insert(rows.end(), r.begin(), r.end());
        }
        if (serials.empty() && !station.empty())
            rows = sql->query(std::string("SELECT ") + kCardColumns +
                                  " FROM deputy_card WHERE station = $1 AND revoked_at = 0 AND "
                                  "valid_until > $2 ORDER BY deputy, issued_at DESC "
                                  "LIMIT $3 OFFSET $4",
                              {station, ctx.now(), static_cast<std::int64_t>(cards::kCardsPerSheet),
                               (page - 1) * cards::kCardsPerSheet});
    }
    if (rows.empty())
        return ctx.fail(404, "没有可打印的代表码（请先签发，或检查所选联络站和页码）。");
    const auto deputies = allDeputies(ctx);
    const auto county = ctx.backend.county();
    std::vector<cards::DeputyCard> sheet;
    for (const auto& r : rows) {
        if (sheet.size() == static_cast<std::size_t>(cards::kCardsPerSheet)) break;
        const auto it = deputies.find(r.text(2) + "/" + r.text(1));
        sheet.push_back({r.text(6), it != deputies.end() ? it->second.name : r.text(1), r.text(1),
                         formatDate(r.integer(5) - 1),
                         "县人大常委会（" + (county ? county->code : std::string()) + "）",
                         it != deputies.end() ? it->second.stationName : r.text(2)});
    }
    std::string error;
    const auto img = cards::renderCardSheet(sheet, error);
    if (!img) return ctx.fail(500, "卡片无法生成：" + error);
    ctx.download("deputy-cards" + (station.empty() ? "" : "-" + station) + ".png", "image/png",
                 cards::encodePng(*img));
}

void revokeCard(Context& ctx) {
    const std::string serial = ctx.req.matches.at(1);
    std::optional<desk::Revoked> r;
    {
        auto sql = ctx.backend.sql();
        // This page revokes the cards it lists; the command line also takes cards issued
        // elsewhere with the county's key.
        if (sql->query("SELECT 1 FROM deputy_card WHERE serial = $1", {serial}).empty()) {
            sql.reset();
            return ctx.fail(404, "没有这张代表码。");
        }
        r = desk::revokeCard(*sql, serial, {ctx.user->name, ctx.req.remoteAddr}, ctx.now());
    }
    if (!r) return ctx.fail(404, "没有这张代表码。");
    ctx.redirect("/cards", "代表码 " + r->serial + " 已吊销，联络站下次同步后拒绝它。");
}

void rotateKey(Context& ctx) {
    if (ctx.req.param("confirm") != "1") return ctx.fail(400, "请在代表码页面点击“更换签名密钥”。");
    std::uint16_t id = 0;
    try {
        id = ctx.backend.rotateSigningKey(ctx.now());
    } catch (const BackendError& e) {
        return ctx.fail(500, std::string("签名密钥未能更换：") + e.what());
    }
    ctx.audit("card.rotate", "key " + std::to_string(id));
    ctx.redirect("/cards", "已启用签名密钥 " + std::to_string(id) +
                               "，新签发的代表码使用它；已签发的仍然有效。");
}

}  // namespace

void registerCardPages(WebApp& app) {
    app.get("/cards", Access::Admin, cardsPage);
    app.post("/cards/issue", Access::Admin, issueCard);
    app.get("/cards/sheet.png", Access::Admin, cardSheet);
    app.post("/cards/rotate", Access::Admin, rotateKey);
    app.post(R"(/cards/([^/]+)/revoke)", Access::Admin, revokeCard);
}

}  // namespace csync::server::staff
