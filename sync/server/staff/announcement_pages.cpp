// 通知公告 for county staff: write one (title, text, first and last day), see which are showing,
// upcoming or ended, and end one early. Every station of the county receives those that have not
// ended with its next config download and shows them on the kiosk's Home and in its list.
#include "platform/crypto.hpp"
#include "sync/server/staff/announcement_store.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

using html::esc;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr int kListed = 100;

struct Typed {
    std::string title, text, from, until;
};

std::string stateBadge(const Announcement& a, std::int64_t now) {
    switch (announcementState(a, now)) {
        case AnnouncementState::Upcoming:
            return "<span class=\"badge pending\">未开始</span>";
        case AnnouncementState::Showing:
            return "<span class=\"badge ok\">展示中</span>";
        case AnnouncementState::Ended:
            break;
    }
    return "<span class=\"badge closed\">已结束</span>";
}

std::string form(Context& ctx, const Typed& t) {
    return "<section class=\"card\"><h2>发布新公告</h2>" + html::formOpen(ctx, "/announcements") +
           "<p><label>标题（最多 " + std::to_string(kAnnouncementTitleChars) +
           " 字，一体机首页显示）<br><input name=\"title\" size=\"40\" maxlength=\"" +
           std::to_string(kAnnouncementTitleChars) + "\" required value=\"" + esc(t.title) +
           "\"></label></p><p><label>正文（最多 " + std::to_string(kAnnouncementTextChars) +
           " 字）<br><textarea name=\"text\" rows=\"5\" maxlength=\"" +
           std::to_string(kAnnouncementTextChars) + "\">" + esc(t.text) +
           "</textarea></label></p><p><label>开始日期 <input type=\"date\" name=\"from\" "
           "required value=\"" +
           esc(t.from) +
           "\"></label> <label>最后一天 <input type=\"date\" name=\"until\" required value=\"" +
           esc(t.until) +
           "\"></label></p><p class=\"muted small\">各联络站下次同步即收到公告，在开始日期当天"
           "起显示，最后一天结束后自动撤下（一体机按本机时间判断，断网也会按时撤下）。"
           "</p><button class=\"primary\" type=\"submit\">发布公告</button></form></section>";
}

std::string list(Context& ctx) {
    std::vector<AnnouncementRow> rows;
    {
        auto sql = ctx.backend.sql();
        rows = announcementList(*sql, kListed);
    }
    std::string body = "<section class=\"card\"><h2>公告列表</h2>";
    if (rows.empty()) return body + "<p class=\"muted\">还没有发布过公告。</p></section>";
    body +=
        "<table class=\"list\" id=\"announcements\"><thead><tr><th>标题与正文</th><th>展示时间"
        "</th><th>状态</th><th class=\"hide-narrow\">发布人</th></tr></thead><tbody>";
    for (const auto& r : rows) {
        const auto& a = r.announcement;
        const bool running = announcementState(a, ctx.now()) != AnnouncementState::Ended;
        body += "<tr><td><strong>" + esc(a.title) + "</strong><br><span class=\"small\">" +
                esc(a.text) + "</span></td><td>" + formatDate(a.fromMs) + " 至 " +
                formatDate(a.untilMs - 1) + "</td><td>" + stateBadge(a, ctx.now()) +
                (r.endedBy.empty()
                     ? ""
                     : "<br><span class=\"small muted\">" + esc(r.endedBy) + " 提前结束</span>");
        // The button sits under the state so that a phone, without the author column, has it.
        if (running && ctx.role() >= Role::Staff)
            body += html::formOpen(ctx, "/announcements/" + html::urlEncode(a.id) + "/end") +
                    "<button class=\"danger\" type=\"submit\" data-confirm=\"结束这条公告？各联络站"
                    "下次同步后不再显示。\">提前结束</button></form>";
        body += "</td><td class=\"hide-narrow\">" + esc(r.createdBy) +
                "<br><span class=\"small muted\">" + formatTime(r.createdAtMs) + "</span>";
        body += "</td></tr>";
    }
    return body + "</tbody></table></section>";
}

void show(Context& ctx, const Typed& typed, const std::string& error, int status) {
    std::string body;
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>";
    if (ctx.role() >= Role::Staff) body += form(ctx, typed);
    body += list(ctx);
    ctx.page("通知公告", body);
    ctx.res.status = status;
}

void listPage(Context& ctx) {
    const std::string today = formatDate(ctx.now());
    show(ctx, {"", "", today, formatDate(ctx.now() + 29 * kDayMs)}, "", 200);
}

void publish(Context& ctx) {
    const Typed typed{ctx.req.param("title"), ctx.req.param("text"), ctx.req.param("from"),
                      ctx.req.param("until")};
    const auto from = parseDate(typed.from), last = parseDate(typed.until);
    if (!from || !last)
        return show(ctx, typed, "请按“年-月-日”填写开始日期和最后一天，例如 2026-12-01。", 400);
    Announcement a{platform::newUuid(), typed.title, typed.text, *from, *last + kDayMs};
    // Trailing spaces and line ends would make a title look empty or two lines on the kiosk.
    while (!a.title.empty() &&
           (a.title.back() == ' ' || a.title.back() == '\r' || a.title.back() == '\n'))
        a.title.pop_back();
    if (a.untilMs <= ctx.now())
        return show(ctx, typed, "最后一天已经过去，公告不会再显示。请改为今天或以后的日期。", 400);
    if (const auto problem = announcementProblem(a); !problem.empty())
        return show(ctx, typed, problem, 400);
    {
        auto sql = ctx.backend.sql();
        addAnnouncement(*sql, a, ctx.user->display, ctx.now());
    }
    ctx.audit("announcement.add", a.id, a.title);
    ctx.redirect("/announcements", "公告已发布，各联络站下次同步后显示。");
}

void end(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    bool ended = false;
    {
        auto sql = ctx.backend.sql();
        ended = endAnnouncement(*sql, id, ctx.user->display, ctx.now());
    }
    if (!ended) return ctx.fail(404, "没有这条正在展示或尚未开始的公告，它可能已经结束。");
    ctx.audit("announcement.end", id);
    ctx.redirect("/announcements", "公告已结束，各联络站下次同步后不再显示。");
}

}  // namespace

void registerAnnouncementPages(WebApp& app) {
    app.get("/announcements", Access::Viewer, listPage);
    app.post("/announcements", Access::Staff, publish);
    app.post(R"(/announcements/([^/]+)/end)", Access::Staff, end);
}

}  // namespace csync::server::staff
