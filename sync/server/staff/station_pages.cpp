// The stations (issue 6 item 4): when each last synced, what still waits at its kiosk, its app
// version and clock, its concerns, and a red flag when it has been silent too long — a kiosk
// that stopped syncing keeps taking concerns that the county never sees.
#include <algorithm>
#include <cstdlib>

#include "sync/server/staff/attendance_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

using html::esc;

constexpr std::int64_t kMinuteMs = 60'000, kHourMs = 3'600'000, kDayMs = 86'400'000;

// "快 3 分钟" / "慢 2 小时" / "正常": the station clock against the server's.
std::string clockText(const StationState& s) {
    if (s.lastSeen == 0) return "—";
    const std::int64_t off = std::llabs(s.clockOffset);
    if (off < kMinuteMs) return "正常";
    std::string amount;
    if (off < kHourMs)
        amount = std::to_string((off + kMinuteMs / 2) / kMinuteMs) + " 分钟";
    else if (off < kDayMs)
        amount = std::to_string((off + kHourMs / 2) / kHourMs) + " 小时";
    else
        amount = std::to_string((off + kDayMs / 2) / kDayMs) + " 天";
    return (s.clockOffset > 0 ? "快 " : "慢 ") + amount;
}

bool isSilent(const StationState& s, std::int64_t now) {
    return now - (s.lastSeen ? s.lastSeen : s.createdAt) > kSilentAfterMs;
}

// The state badge: a red flag for a silent station, so nobody has to read dates to notice.
std::string stateBadge(const StationState& s, std::int64_t now) {
    if (s.lastSeen == 0)
        return isSilent(s, now) ? "<span class=\"badge alert\" data-silent=\"1\">从未同步</span>"
                                : "<span class=\"badge\">等待首次同步</span>";
    if (isSilent(s, now))
        return "<span class=\"badge alert\" data-silent=\"1\">已 " +
               std::to_string((now - s.lastSeen) / kDayMs) + " 天未同步</span>";
    return "<span class=\"badge ok\">正常</span>";
}

std::string lastSyncText(const StationState& s) {
    return s.lastSeen ? formatTime(s.lastSeen) : "从未同步";
}

std::string waitingText(const StationState& s) {
    if (s.waiting < 0) return "<span class=\"muted\">未报告</span>";
    return "<span class=\"waiting\" data-waiting=\"" + std::to_string(s.waiting) + "\">" +
           std::to_string(s.waiting) + "</span> <span class=\"muted small\">（" +
           formatTime(s.waitingReportedAt) + "）</span>";
}

std::string concernText(const StationState& s) {
    std::string out = std::to_string(s.concerns) + " 件";
    if (s.unanswered)
        out +=
            "，<span class=\"badge received\">待答复 " + std::to_string(s.unanswered) + "</span>";
    return out;
}

void stationList(Context& ctx) {
    std::vector<StationState> stations;
    {
        auto sql = ctx.backend.sql();
        stations = loadStations(*sql);
    }
    const std::int64_t now = ctx.now();
    // Silent stations first, the longest silent on top.
    std::stable_sort(stations.begin(), stations.end(), [&](const auto& a, const auto& b) {
        const bool sa = isSilent(a, now), sb = isSilent(b, now);
        if (sa != sb) return sa;
        return sa && a.lastSeen < b.lastSeen;
    });
    const auto silent = std::count_if(stations.begin(), stations.end(),
                                      [&](const auto& s) { return isSilent(s, now); });
    std::string body;
    if (silent)
        body += "<p class=\"error\" role=\"alert\">有 " + std::to_string(silent) +
                " 个联络站超过 2 天没有同步，请联系站点检查网络和设备。</p>";
    body +=
        "<div class=\"card\"><div class=\"scroll\"><table class=\"list\" id=\"stations\">"
        "<thead><tr><th>联络站</th><th>状态</th><th>最近同步</th><th class=\"num\">待上传"
        "</th><th>程序版本</th><th>时钟</th><th>收到意见</th></tr></thead><tbody>";
    for (const auto& s : stations)
        body += "<tr data-station=\"" + esc(s.id) + "\"><td><a href=\"/stations/" +
                html::urlEncode(s.id) + "\">" + esc(s.name) + "</a><br><span class=\"muted " +
                "small\">" + esc(s.id) + "</span></td><td>" + stateBadge(s, now) + "</td><td>" +
                lastSyncText(s) + "</td><td class=\"num\">" + waitingText(s) + "</td><td>" +
                (s.appVersion.empty() ? "—" : esc(s.appVersion)) + "</td><td>" + clockText(s) +
                "</td><td>" + concernText(s) + "</td></tr>";
    if (stations.empty())
        body +=
            "<tr><td colspan=\"7\" class=\"muted\">还没有联络站。用 county-server station "
            "add 登记。</td></tr>";
    body +=
        "</tbody></table></div><p class=\"muted small\">“待上传”是站点在最近一次同步时"
        "报告的、尚未送达县里的记录数。时钟是站点时钟与服务器时钟之差。</p></div>";
    ctx.page("联络站", body);
}

void stationDetail(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    const std::string today = formatDate(ctx.now());
    std::optional<StationState> station;
    std::vector<DeputyEntry> deputies;
    std::vector<PlanSlot> slots;
    {
        auto sql = ctx.backend.sql();
        for (auto& s : loadStations(*sql))
            if (s.id == id) station = std::move(s);
        if (station) {
            deputies = loadDeputies(*sql, id);
            slots = loadSlots(*sql, today, "9999-12-31", id);
        }
    }
    if (!station) return ctx.fail(404, "没有编号为“" + id + "”的联络站。");
    const std::int64_t now = ctx.now();
    const auto& s = *station;
    std::map<std::string, std::string> names;
    for (const auto& d : deputies) names[d.id] = d.name;

    std::string body =
        std::string("<div class=\"card\"><dl class=\"kv\"><dt>编号</dt><dd>") + esc(s.id) +
        "</dd><dt>状态</dt><dd>" + stateBadge(s, now) + "</dd><dt>最近同步</dt><dd>" +
        lastSyncText(s) + "</dd><dt>待上传记录</dt><dd>" + waitingText(s) +
        "</dd><dt>程序版本</dt><dd>" + (s.appVersion.empty() ? "—" : esc(s.appVersion)) +
        "</dd><dt>时钟</dt><dd>" + clockText(s) + "</dd><dt>收到意见</dt><dd>" + concernText(s) +
        "</dd><dt>登记时间</dt><dd>" + formatTime(s.createdAt) +
        "</dd></dl><p class=\"actions\"><a href=\"/attendance?station=" + html::urlEncode(s.id) +
        "\">本站代表到岗情况</a></p></div>";

    body +=
        "<section class=\"card\"><h2>本站代表（" + std::to_string(deputies.size()) + " 名）</h2>";
    if (deputies.empty()) {
        body += "<p class=\"muted\">还没有导入本站的代表名单。</p>";
    } else {
        const std::string year = today.substr(0, 4);
        body +=
            "<div class=\"scroll\"><table class=\"list\" id=\"station-deputies\"><thead><tr>"
            "<th>代表</th><th>层级</th><th>编号</th></tr></thead><tbody>";
        for (const auto& d : deputies)
            body += "<tr><td><a href=\"/attendance/deputy/" + html::urlEncode(d.id) +
                    "?year=" + year + "\">" + esc(d.name) + "</a></td><td>" +
                    esc(labelOf("level", d.level)) + "</td><td>" + esc(d.id) + "</td></tr>";
        body += "</tbody></table></div>";
    }
    body += "</section>";

    std::sort(slots.begin(), slots.end(), [](const auto& a, const auto& b) {
        return std::tie(a.date, a.start) < std::tie(b.date, b.start);
    });
    if (slots.size() > 10) slots.resize(10);
    body += "<section class=\"card\"><h2>近期接待安排</h2>";
    if (slots.empty()) {
        body += "<p class=\"muted\">今天以后没有安排。</p>";
    } else {
        body +=
            "<div class=\"scroll\"><table class=\"list\" id=\"next-slots\"><thead><tr>"
            "<th>日期</th><th>时间</th><th>安排</th><th>地点</th><th>代表</th></tr></thead>"
            "<tbody>";
        for (const auto& slot : slots) {
            std::string who;
            for (const auto& d : slot.deputies)
                who += (who.empty() ? "" : "、") + (names.contains(d) ? names[d] : d);
            body += "<tr><td>" + esc(slot.date) + "</td><td>" + esc(slot.start) + "–" +
                    esc(slot.end) + "</td><td>" + esc(labelOf("slot_kind", slot.kind)) +
                    "</td><td>" + esc(slot.place) + "</td><td>" + esc(who) + "</td></tr>";
        }
        body += "</tbody></table></div>";
    }
    body += "</section>";
    body += enrollmentCodeSection(ctx, s.id);
    ctx.page(s.name, body);
}

}  // namespace

void registerStationPages(WebApp& app) {
    app.get("/stations", Access::Viewer, stationList);
    app.get(R"(/stations/([^/]+))", Access::Viewer, stationDetail);
}

}  // namespace csync::server::staff
