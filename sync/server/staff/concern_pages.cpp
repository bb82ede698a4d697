// The concern inbox: a filtered, paged list of what citizens said at the stations, and one
// concern's page with its history, the county's handling and (for staff, audited) the contact.
#include <cstdlib>

#include "platform/crypto.hpp"
#include "sync/protocol/public_summary.hpp"
#include "sync/server/rules.hpp"
#include "sync/server/staff/concern_detail.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"
#include "sync/server/staff/templates.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;
constexpr std::size_t kPageSize = 50;

// The first n characters (code points) of UTF-8 text, with "…" when cut.
std::string prefixChars(const std::string& text, std::size_t n) {
    std::size_t i = 0, count = 0;
    while (i < text.size() && count < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++count;
    }
    return i >= text.size() ? text : text.substr(0, i) + "…";
}

std::string badge(const std::string& status) {
    return "<span class=\"badge " + html::esc(status) + "\">" +
           html::esc(labelOf("status", status)) + "</span>";
}

std::vector<std::pair<std::string, std::string>> withAll(
    std::vector<std::pair<std::string, std::string>> options, const std::string& all = "全部") {
    options.insert(options.begin(), {"", all});
    return options;
}

void listPage(Context& ctx) {
    ConcernFilter f;
    f.station = ctx.req.param("station");
    f.category = ctx.req.param("category");
    f.status = ctx.req.param("status");
    f.deputy = ctx.req.param("deputy");
    f.search = ctx.req.param("q");
    const std::string from = ctx.req.param("from"), to = ctx.req.param("to");
    std::string problem;
    if (!from.empty()) {
        f.fromMs = parseDate(from);
        if (!f.fromMs) problem = "起始日期格式不对，请用 年-月-日（如 2026-11-01）。";
    }
    if (!to.empty()) {
        const auto until = parseDate(to);
        if (until)
            f.untilMs = *until + 86'400'000;  // the whole last day
        else
            problem = "截止日期格式不对，请用 年-月-日（如 2026-11-30）。";
    }
    const std::size_t page =
        static_cast<std::size_t>(std::max(0LL, std::atoll(ctx.req.param("page").c_str())));

    ConcernList list;
    std::vector<std::pair<std::string, std::string>> stations, deputies;
    {
        auto sql = ctx.backend.sql();
        list = findConcerns(*sql, f, page * kPageSize, kPageSize);
        stations = stationOptions(*sql);
        deputies = deputyOptions(*sql);
    }

    TemplateData view;
    view.set("stationSelect", html::select("station", withAll(stations), f.station));
    view.set("categorySelect",
             html::select("category", withAll(labelsOf("category", ".name")), f.category));
    view.set("statusSelect", html::select("status", withAll(labelsOf("status")), f.status));
    view.set("deputySelect", html::select("deputy", withAll(deputies), f.deputy));
    view.set("from", from);
    view.set("to", to);
    view.set("search", f.search);
    if (!problem.empty()) view.set("problem", problem);

    // Counts per status link to the same filters with that status.
    const std::string query =
        "station=" + html::urlEncode(f.station) + "&category=" + html::urlEncode(f.category) +
        "&deputy=" + html::urlEncode(f.deputy) + "&q=" + html::urlEncode(f.search) +
        "&from=" + html::urlEncode(from) + "&to=" + html::urlEncode(to);
    view.set("allHref", "/concerns?" + query);
    view.set("total", std::to_string(list.total));
    TemplateData statuses = templateList();
    for (const auto& [id, name] : labelsOf("status")) {
        const auto it = list.statusCounts.find(id);
        TemplateData stat;
        stat.set("href", "/concerns?" + query + "&status=" + id);
        stat.set("count", std::to_string(it == list.statusCounts.end() ? 0 : it->second));
        stat.set("name", name);
        stat.set("here", f.status == id);
        statuses.push_back(stat);
    }
    view.set("statuses", statuses);

    TemplateData rows = templateList();
    for (const auto& c : list.rows) {
        TemplateData row;
        row.set("href", "/concerns/" + html::urlEncode(c.id));
        row.set("receipt", c.receipt);
        row.set("station", c.stationName);
        row.set("category", labelOf("category", c.field("category")));
        row.set("text", prefixChars(c.field("text"), 40));
        row.set("time", formatTime(c.createdAt));
        row.set("status", c.status);
        row.set("statusName", labelOf("status", c.status));
        row.set("organ", c.organ);
        row.set("satisfaction",
                c.satisfaction.empty() ? "" : labelOf("satisfaction", c.satisfaction));
        rows.push_back(row);
    }
    view.set("rows", rows);
    const std::string pageQuery = "&" + query + "&status=" + html::urlEncode(f.status);
    if (page > 0) view.set("prevHref", "/concerns?page=" + std::to_string(page - 1) + pageQuery);
    if (static_cast<std::int64_t>((page + 1) * kPageSize) < list.matching)
        view.set("nextHref", "/concerns?page=" + std::to_string(page + 1) + pageQuery);
    view.set("matching", std::to_string(list.matching));
    ctx.page("群众意见", renderTemplate("concern_list", view));
}

std::string kvRow(const char* name, const std::string& valueHtml) {
    return std::string("<dt>") + name + "</dt><dd>" + valueHtml + "</dd>";
}

std::string actionsHtml(const Context& ctx, const ConcernRow& c, const DetailExtras& extras,
                        const std::vector<std::string>& organs) {
    const std::string base = "/concerns/" + html::urlEncode(c.id);
    const bool closed = c.status == "closed";
    std::string organOptions;
    for (const auto& o : organs) organOptions += "<option value=\"" + html::esc(o) + "\">";
    std::string out =
        "<section class=\"card\"><h2>办理</h2>" + html::formOpen(ctx, base + "/assign") +
        "<div class=\"row\"><label>承办单位（部门）<input name=\"organ\" list=\"organs\" "
        "maxlength=\"100\" value=\"" +
        html::esc(extras.organ.value_or(c.organ)) + "\"></label><datalist id=\"organs\">" +
        organOptions + "</datalist><button type=\"submit\">交办</button></div></form>" +
        html::formOpen(ctx, base + "/disposition") + "<div class=\"row\"><label>处理方式" +
        html::select("disposition", withAll(labelsOf("disposition"), "（未设定）"),
                     c.workDisposition) +
        "</label><button type=\"submit\">保存</button></div></form>";
    if (!closed) {
        out += html::formOpen(ctx, base + "/status") + "<div class=\"row\"><label>状态" +
               html::select("status",
                            {{"in_progress", labelOf("status", "in_progress")},
                             {"forwarded", labelOf("status", "forwarded")}},
                            c.status) +
               "</label><button type=\"submit\">更改状态</button></div></form>";
    }
    out += "</section><section class=\"card\"><h2>答复</h2>";
    if (!c.answer.empty())
        out += "<p class=\"muted\">已发布的答复（" + formatTime(c.publishedAt) +
               "）：</p><div class=\"answer\">" + html::esc(c.answer) + "</div>";
    if (!closed) {
        out += html::formOpen(ctx, base + "/answer") + "<label>公示摘要（发布时必填，不超过 " +
               std::to_string(kPublicSummaryChars) + " 字）<input name=\"summary\" maxlength=\"" +
               std::to_string(kPublicSummaryChars) + "\" value=\"" +
               html::esc(extras.summary.value_or(c.summary)) +
               "\"></label><p class=\"muted\">用自己的话概括群众反映的问题，如“反映村道破损、"
               "雨天积水难行”。不写姓名、电话、住址，不照抄原话：摘要和答复一起在联络站“办理公示”"
               "中公开。</p>"
               "<label>答复草稿（不超过 2000 字，发布后群众可在联络站和进度查询页看到）"
               "<textarea name=\"answer\" rows=\"8\" maxlength=\"2000\">" +
               html::esc(extras.draft.value_or(c.answerDraft)) +
               "</textarea></label><div class=\"actions\"><button type=\"submit\">保存草稿</"
               "button> <button class=\"primary\" type=\"submit\" formaction=\"" +
               html::esc(base + "/publish") +
               "\" data-confirm=\"发布后答复将送达联络站并公开，确定发布吗？\">发布答复</button>"
               "</div></form>" +
               html::formOpen(ctx, base + "/close") +
               "<div class=\"actions\"><label>办结说明（可不填）<input name=\"note\" "
               "maxlength=\"200\"></label> <button class=\"danger\" type=\"submit\" "
               "data-confirm=\"办结后不能再更改，确定办结吗？\">办结</button></div></form>";
    } else {
        out += "<p class=\"muted\">这条意见已办结（" + formatTime(c.closedAt) + "）。</p>";
    }
    return out + "</section>";
}

}  // namespace

void showConcern(Context& ctx, const std::string& id, const DetailExtras& extras) {
    std::optional<ConcernRow> found;
    std::vector<ConcernEventRow> history;
    std::vector<std::string> organs;
    std::string deputy, trackBase;
    {
        auto sql = ctx.backend.sql();
        found = loadConcern(*sql, id);
        if (found) {
            history = concernHistory(*sql, *found);
            organs = organsUsed(*sql);
            if (const auto d = found->field("deputy"); !d.empty())
                deputy = deputyName(*sql, found->station, d);
            trackBase = publicUrl(*sql);
        }
    }
    if (!found) return ctx.fail(404, "没有找到这条群众意见。");
    const ConcernRow& c = *found;
    const std::string base = "/concerns/" + html::urlEncode(c.id);

    std::string body;
    if (!extras.error.empty())
        body += "<p class=\"error\" role=\"alert\">" + html::esc(extras.error) + "</p>";
    const std::string deputyId = c.field("deputy");
    const std::string deputyText =
        deputyId.empty() ? "值班代表"
                         : (deputy.empty() ? deputyId : deputy + "（" + deputyId + "）");
    body += "<div class=\"grid\"><section class=\"card\"><dl class=\"kv\">" +
            kvRow("回执编号", html::esc(c.receipt)) + kvRow("联络站", html::esc(c.stationName)) +
            kvRow("受理时间", formatTime(c.createdAt)) +
            kvRow("类别", html::esc(labelOf("category", c.field("category")))) +
            kvRow("地点", html::esc(c.field("place"))) + kvRow("反映对象", html::esc(deputyText)) +
            kvRow("登记方式", html::esc(takenByText(c))) + kvRow("状态", badge(c.status)) +
            kvRow("联络站处理", c.disposition.empty()
                                    ? "<span class=\"muted\">未设定</span>"
                                    : html::esc(labelOf("disposition", c.disposition))) +
            kvRow("县级处理方式", c.workDisposition.empty()
                                      ? "<span class=\"muted\">未设定</span>"
                                      : html::esc(labelOf("disposition", c.workDisposition))) +
            kvRow("承办单位",
                  c.organ.empty() ? "<span class=\"muted\">未交办</span>" : html::esc(c.organ)) +
            kvRow("群众评价", c.satisfaction.empty()
                                  ? "<span class=\"muted\">未评价</span>"
                                  : html::esc(labelOf("satisfaction", c.satisfaction))) +
            kvRow("公开查询", "<a href=\"/track/" + html::urlEncode(c.receipt) + "\">" +
                                  html::esc(trackBase + "/track/" + c.receipt) + "</a>") +
            "</dl></section><section class=\"card\"><h2>群众反映的内容</h2><div class=\"quote\">" +
            html::esc(c.field("text")) + "</div><h2>联系方式</h2>";
    if (c.field("contact_sealed").empty()) {
        body += "<p class=\"muted\">未留联系方式</p>";
    } else if (extras.contactHtml) {
        body += *extras.contactHtml +
                "<p class=\"muted small\">本次查看已记入审计日志。请仅为办理本件使用。</p>";
    } else if (mayReadContact(ctx.role())) {
        body += html::formOpen(ctx, base + "/contact") +
                "<button type=\"submit\">查看联系方式</button> <span class=\"muted "
                "small\">每次查看都会记入审计日志</span></form>";
    } else {
        body += "<p class=\"muted\">群众留有联系方式；您的账号无权查看。</p>";
    }
    body += "</section></div>";
    if (ctx.role() >= Role::Staff) {
        body += actionsHtml(ctx, c, extras, organs);
    } else if (!c.answer.empty()) {
        body +=
            "<section class=\"card\"><h2>已发布的答复</h2>" +
            (c.summary.empty() ? std::string()
                               : "<p class=\"muted\">公示摘要：" + html::esc(c.summary) + "</p>") +
            "<div class=\"answer\">" + html::esc(c.answer) + "</div></section>";
    }
    body += "<section class=\"card\"><h2>办理记录</h2><ol class=\"history\">";
    for (const auto& e : history)
        body += "<li><span class=\"muted\">" + formatTime(e.at) + "</span> " + html::esc(e.who) +
                "：" + html::esc(e.what) + "</li>";
    body += "</ol></section><p><a href=\"/concerns\">← 返回群众意见列表</a></p>";
    ctx.page("群众意见 " + c.receipt, body);
    ctx.res.status = extras.status;
}

namespace {

void contactView(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    if (!mayReadContact(ctx.role())) return ctx.fail(403, "您的账号无权查看联系方式。");
    std::optional<ConcernRow> found;
    {
        auto sql = ctx.backend.sql();
        found = loadConcern(*sql, id);
    }
    if (!found) return ctx.fail(404, "没有找到这条群众意见。");
    const std::string sealed = found->field("contact_sealed");
    DetailExtras extras;
    if (sealed.empty()) return showConcern(ctx, id, extras);
    std::optional<std::string> opened;
    const auto county = ctx.backend.county();
    const auto box = platform::fromBase64(sealed);
    if (county && box) opened = platform::openSealed(county->seal, *box);
    ctx.audit("contact.view", found->receipt, opened ? "" : "无法解密");
    if (!opened) {
        extras.contactHtml = "<p class=\"error\">联系方式无法解密（密钥不匹配或数据损坏）。</p>";
        return showConcern(ctx, id, extras);
    }
    const json contact = json::parse(*opened, nullptr, false);
    const std::string name = contact.is_object() ? stringField(contact, "name") : "";
    const std::string phone = contact.is_object() ? stringField(contact, "phone") : "";
    extras.contactHtml = "<dl class=\"kv contact\">" +
                         kvRow("姓名", name.empty() ? "（未填）" : html::esc(name)) +
                         kvRow("电话", phone.empty() ? "（未填）" : html::esc(phone)) + "</dl>";
    showConcern(ctx, id, extras);
}

}  // namespace

void registerConcernPages(WebApp& app) {
    app.get("/concerns", Access::Viewer, listPage);
    app.get(R"(/concerns/([^/]+))", Access::Viewer,
            [](Context& ctx) { showConcern(ctx, ctx.req.matches.at(1)); });
    app.post(R"(/concerns/([^/]+)/contact)", Access::Staff, contactView);
    registerConcernActions(app);
}

}  // namespace csync::server::staff
