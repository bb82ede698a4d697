// Deputies' attendance (issue 6 item 3): the reception plan of each station against the
// check-ins made at its kiosk, per month; the planned days nobody came for, so the county can
// remind those deputies (seed 003 §4.3); and one deputy's record for a year.
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "sync/server/staff/attendance_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"
#include "sync/server/staff/svg_chart.hpp"

namespace csync::server::staff {
namespace {

using html::esc;

std::string rateCell(std::optional<double> rate) {
    // Under 60 % is worth a reminder; the badge makes it stand out in a long table.
    if (rate && *rate < 0.6) return "<span class=\"badge alert\">" + percentText(rate) + "</span>";
    return percentText(rate);
}

std::string deputyLink(const std::string& id, const std::string& name, const std::string& year) {
    return "<a href=\"/attendance/deputy/" + html::urlEncode(id) + "?year=" + year + "\">" +
           esc(name) + "</a>";
}

// Name of a deputy on a station's roster, else on any roster, else the id itself.
class Names {
public:
    explicit Names(const std::vector<DeputyEntry>& deputies) {
        for (const auto& d : deputies) {
            m_byStation[{d.station, d.id}] = d.name;
            m_any.emplace(d.id, d.name);
        }
    }
    std::string of(const std::string& station, const std::string& deputy) const {
        if (auto it = m_byStation.find({station, deputy}); it != m_byStation.end())
            return it->second;
        if (auto it = m_any.find(deputy); it != m_any.end()) return it->second;
        return deputy;
    }

private:
    std::map<std::pair<std::string, std::string>, std::string> m_byStation;
    std::map<std::string, std::string> m_any;
};

void attendancePage(Context& ctx) {
    const std::string thisMonth = monthOf(ctx.now());
    std::string month = ctx.req.param("month", thisMonth);
    std::string warning;
    if (!isMonth(month)) {
        warning = "月份“" + month + "”格式不对，应为 2026-03 这样的年-月；已显示本月。";
        month = thisMonth;
    }
    std::string station = ctx.req.param("station");
    const std::string from = month + "-01", to = nextMonth(month) + "-01";
    const std::string today = formatDate(ctx.now());

    std::vector<StationState> stations;
    std::vector<DeputyEntry> deputies;
    std::vector<PlanSlot> slots;
    std::vector<CheckinDay> checkins;
    {
        auto sql = ctx.backend.sql();
        stations = loadStations(*sql);
        bool known = false;
        for (const auto& s : stations) known = known || s.id == station;
        if (!station.empty() && !known) {
            warning += "没有编号为“" + station + "”的联络站；已显示全部联络站。";
            station.clear();
        }
        deputies = loadDeputies(*sql, station);
        slots = loadSlots(*sql, from, to, station);
        checkins = loadCheckins(*sql, from, to, station);
    }
    const Names names(deputies);
    std::map<std::string, std::string> stationNames;
    for (const auto& s : stations) stationNames[s.id] = s.name;
    const auto tallies = tallyAttendance(slots, checkins, today);

    std::vector<std::pair<std::string, std::string>> options{{"", "全部联络站"}};
    for (const auto& s : stations) options.emplace_back(s.id, s.name);
    std::string body;  // ctx.page() writes the <h1>
    if (!warning.empty()) body += "<p class=\"warn\">" + esc(warning) + "</p>";
    const std::string stationQuery = station.empty() ? "" : "&station=" + html::urlEncode(station);
    body +=
        "<form method=\"get\" action=\"/attendance\" class=\"filters\"><label>月份<input "
        "type=\"month\" name=\"month\" value=\"" +
        esc(month) + "\"></label><label>联络站" + html::select("station", options, station) +
        "</label><button type=\"submit\">查看</button><span class=\"actions\"><a href=\""
        "/attendance?month=" +
        previousMonth(month) + stationQuery +
        "\">‹ 上月</a><a href=\"/attendance?month=" + nextMonth(month) + stationQuery +
        "\">下月 ›</a></span></form>";

    // Per station totals (days counted per deputy: two deputies planned on one day are two).
    struct Total {
        int planned = 0, attended = 0, missed = 0, unplanned = 0;
    };
    std::map<std::string, Total> totals;
    for (const auto& t : tallies) {
        auto& x = totals[t.station];
        x.planned += t.planned;
        x.attended += t.attended;
        x.missed += static_cast<int>(t.missed.size());
        x.unplanned += t.unplanned;
    }
    body += "<section class=\"card\"><h2>各联络站合计（" + esc(month) +
            "）</h2><div class=\"scroll\"><table class=\"list\" id=\"station-totals\"><thead><tr>"
            "<th>联络站</th><th class=\"num\">计划人次</th><th class=\"num\">到岗人次</th>"
            "<th class=\"num\">缺勤人次</th><th class=\"num\">计划外签到</th>"
            "<th class=\"num\">到岗率</th></tr></thead><tbody>";
    for (const auto& s : stations) {
        if (!station.empty() && s.id != station) continue;
        const Total x = totals[s.id];
        const int due = x.attended + x.missed;
        const std::optional<double> rate =
            due ? std::optional<double>(static_cast<double>(x.attended) / due) : std::nullopt;
        body += "<tr data-station=\"" + esc(s.id) + "\"><td><a href=\"/stations/" +
                html::urlEncode(s.id) + "\">" + esc(s.name) + "</a></td><td class=\"num\">" +
                std::to_string(x.planned) + "</td><td class=\"num\">" + std::to_string(x.attended) +
                "</td><td class=\"num\">" + std::to_string(x.missed) + "</td><td class=\"num\">" +
                std::to_string(x.unplanned) + "</td><td class=\"num\">" + rateCell(rate) +
                "</td></tr>";
    }
    body +=
        "</tbody></table></div><p class=\"muted small\">计划日：联络站安排表中列有该代表的"
        "日期（接待日和其他活动）；当天在联络站签到即算到岗。到岗率只计已过去的计划日。"
        "</p></section>";

    // Per deputy and station.
    const std::string year = month.substr(0, 4);
    body += "<section class=\"card\"><h2>代表到岗情况</h2>";
    if (tallies.empty())
        body += "<p class=\"muted\">本月没有安排接待，也没有签到记录。</p>";
    else {
        body +=
            "<div class=\"scroll\"><table class=\"list\" id=\"deputy-attendance\"><thead><tr>"
            "<th>代表</th><th>联络站</th><th class=\"num\">计划天数</th>"
            "<th class=\"num\">到岗天数</th><th class=\"num\">缺勤天数</th>"
            "<th class=\"num\">计划外签到</th><th class=\"num\">到岗率</th></tr></thead>"
            "<tbody>";
        for (const auto& t : tallies)
            body += "<tr data-deputy=\"" + esc(t.deputy) + "\" data-station=\"" + esc(t.station) +
                    "\" data-planned=\"" + std::to_string(t.planned) + "\" data-attended=\"" +
                    std::to_string(t.attended) + "\" data-unplanned=\"" +
                    std::to_string(t.unplanned) + "\"><td>" +
                    deputyLink(t.deputy, names.of(t.station, t.deputy), year) + "</td><td>" +
                    esc(stationNames.contains(t.station) ? stationNames[t.station] : t.station) +
                    "</td><td class=\"num\">" + std::to_string(t.planned) +
                    "</td><td class=\"num\">" + std::to_string(t.attended) +
                    "</td><td class=\"num\">" + std::to_string(t.missed.size()) +
                    "</td><td class=\"num\">" + std::to_string(t.unplanned) +
                    "</td><td class=\"num\">" + rateCell(t.rate()) + "</td></tr>";
        body += "</tbody></table></div>";
    }
    body += "</section>";

    // The reminder list: who was planned on a past day and did not check in.
    std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> kinds;
    for (const auto& s : slots)
        for (const auto& d : s.deputies) kinds[{s.station, s.date, d}].insert(s.kind);
    body += "<section class=\"card\" id=\"missed\"><h2>未按计划到岗</h2>";
    std::string rows;
    int missedCount = 0;
    for (const auto& t : tallies)
        for (const auto& day : t.missed) {
            ++missedCount;
            std::string what;
            for (const auto& k : kinds[{t.station, day, t.deputy}])
                what += (what.empty() ? "" : "、") + labelOf("slot_kind", k);
            rows += "<tr data-deputy=\"" + esc(t.deputy) + "\" data-date=\"" + esc(day) +
                    "\"><td>" + deputyLink(t.deputy, names.of(t.station, t.deputy), year) +
                    "</td><td>" +
                    esc(stationNames.contains(t.station) ? stationNames[t.station] : t.station) +
                    "</td><td>" + esc(day) + "</td><td>" + esc(what) + "</td></tr>";
        }
    if (missedCount == 0)
        body += "<p class=\"muted\">本月已过去的计划日，代表均已签到。</p>";
    else
        body += "<p>共 " + std::to_string(missedCount) +
                " 人次，可据此提醒代表（见省人大调研报告关于“情况提醒和通报制度”的建议）。"
                "</p><div class=\"scroll\"><table class=\"list\"><thead><tr><th>代表</th>"
                "<th>联络站</th><th>计划日期</th><th>安排</th></tr></thead><tbody>" +
                rows + "</tbody></table></div>";
    body += "</section>";
    ctx.page("代表履职 · 接待日到岗", body);
}

void deputyPage(Context& ctx) {
    const std::string id = ctx.req.matches.at(1);
    const std::string thisYear = formatDate(ctx.now()).substr(0, 4);
    std::string year = ctx.req.param("year", thisYear);
    std::string warning;
    if (!isMonth(year + "-01")) {
        warning = "年份“" + year + "”不对，已显示今年。";
        year = thisYear;
    }
    const std::string next = std::to_string(std::stoi(year) + 1);
    const std::int64_t fromMs = parseDate(year + "-01-01").value_or(0),
                       toMs = parseDate(next + "-01-01").value_or(0);
    const std::string today = formatDate(ctx.now());

    std::vector<StationState> stations;
    std::vector<DeputyEntry> roster;
    std::vector<PlanSlot> slots;
    std::vector<CheckinDay> checkins;
    std::vector<ConcernFact> concerns;
    std::vector<LedgerFact> ledger;
    {
        auto sql = ctx.backend.sql();
        stations = loadStations(*sql);
        for (auto& d : loadDeputies(*sql))
            if (d.id == id) roster.push_back(std::move(d));
        for (auto& s : loadSlots(*sql, year + "-01-01", next + "-01-01"))
            if (std::find(s.deputies.begin(), s.deputies.end(), id) != s.deputies.end()) {
                s.deputies = {id};  // the others are not this page's business
                slots.push_back(std::move(s));
            }
        for (auto& c : loadCheckins(*sql, year + "-01-01", next + "-01-01"))
            if (c.deputy == id) checkins.push_back(std::move(c));
        for (auto& c : loadConcerns(*sql, fromMs, toMs))
            if (c.deputy == id) concerns.push_back(std::move(c));
        for (auto& l : loadLedger(*sql, fromMs, toMs))
            if (std::find(l.deputies.begin(), l.deputies.end(), id) != l.deputies.end())
                ledger.push_back(std::move(l));
    }
    if (roster.empty() && slots.empty() && checkins.empty() && concerns.empty() && ledger.empty())
        return ctx.fail(404, "没有找到这位代表：名单里没有编号“" + id + "”，也没有相关记录。");
    std::map<std::string, std::string> stationNames;
    for (const auto& s : stations) stationNames[s.id] = s.name;
    const auto stationName = [&](const std::string& s) {
        return stationNames.contains(s) ? stationNames[s] : s;
    };
    const std::string name = roster.empty() ? id : roster.front().name;

    std::string body;
    if (!warning.empty()) body += "<p class=\"warn\">" + esc(warning) + "</p>";
    body += "<div class=\"card\"><dl class=\"kv\"><dt>代表编号</dt><dd>" + esc(id) + "</dd>";
    if (!roster.empty())
        body += "<dt>代表层级</dt><dd>" + esc(labelOf("level", roster.front().level)) + "</dd>";
    body += "<dt>所在联络站</dt><dd>";
    if (roster.empty()) body += "<span class=\"muted\">不在当前名单中</span>";
    for (std::size_t i = 0; i < roster.size(); ++i)
        body += (i ? "、" : "") + std::string("<a href=\"/stations/") +
                html::urlEncode(roster[i].station) + "\">" + esc(stationName(roster[i].station)) +
                "</a>";
    body += "</dd></dl><p class=\"actions\"><a href=\"/attendance/deputy/" + html::urlEncode(id) +
            "?year=" + std::to_string(std::stoi(year) - 1) +
            "\">‹ 上一年</a><a href=\"/attendance/deputy/" + html::urlEncode(id) + "?year=" + next +
            "\">下一年 ›</a></p></div>";

    // Month by month, every station together.
    body +=
        "<section class=\"card\"><h2>接待到岗（按月）</h2><div class=\"scroll\"><table "
        "class=\"list\" id=\"deputy-months\"><thead><tr><th>月份</th><th class=\"num\">计划"
        "天数</th><th class=\"num\">到岗天数</th><th class=\"num\">缺勤天数</th><th "
        "class=\"num\">计划外签到</th><th class=\"num\">到岗率</th></tr></thead><tbody>";
    int sumPlanned = 0, sumAttended = 0, sumMissed = 0, sumUnplanned = 0;
    std::vector<std::string> missedDays;
    for (int m = 1; m <= 12; ++m) {
        const std::string month = year + (m < 10 ? "-0" : "-") + std::to_string(m);
        std::vector<PlanSlot> ms;
        std::vector<CheckinDay> mc;
        for (const auto& s : slots)
            if (s.date.starts_with(month)) ms.push_back(s);
        for (const auto& c : checkins)
            if (c.date.starts_with(month)) mc.push_back(c);
        AttendanceTally sum;
        for (const auto& t : tallyAttendance(ms, mc, today)) {
            sum.planned += t.planned;
            sum.attended += t.attended;
            sum.unplanned += t.unplanned;
            for (const auto& d : t.missed) {
                sum.missed.push_back(d);
                missedDays.push_back(d + " · " + stationName(t.station));
            }
        }
        sumPlanned += sum.planned;
        sumAttended += sum.attended;
        sumMissed += static_cast<int>(sum.missed.size());
        sumUnplanned += sum.unplanned;
        body += "<tr data-month=\"" + month + "\" data-planned=\"" + std::to_string(sum.planned) +
                "\" data-attended=\"" + std::to_string(sum.attended) + "\"><td>" +
                std::to_string(m) + " 月</td><td class=\"num\">" + std::to_string(sum.planned) +
                "</td><td class=\"num\">" + std::to_string(sum.attended) +
                "</td><td class=\"num\">" + std::to_string(sum.missed.size()) +
                "</td><td class=\"num\">" + std::to_string(sum.unplanned) +
                "</td><td class=\"num\">" + rateCell(sum.rate()) + "</td></tr>";
    }
    const int due = sumAttended + sumMissed;
    body += "</tbody><tfoot><tr id=\"deputy-year-total\" data-planned=\"" +
            std::to_string(sumPlanned) + "\" data-attended=\"" + std::to_string(sumAttended) +
            "\"><th>全年</th><th class=\"num\">" + std::to_string(sumPlanned) +
            "</th><th class=\"num\">" + std::to_string(sumAttended) + "</th><th class=\"num\">" +
            std::to_string(sumMissed) + "</th><th class=\"num\">" + std::to_string(sumUnplanned) +
            "</th><th class=\"num\">" +
            rateCell(due ? std::optional<double>(static_cast<double>(sumAttended) / due)
                         : std::nullopt) +
            "</th></tr></tfoot></table></div>";
    if (!missedDays.empty()) {
        body += "<p><b>未到岗的计划日：</b>";
        for (std::size_t i = 0; i < missedDays.size(); ++i)
            body += (i ? "；" : "") + esc(missedDays[i]);
        body += "</p>";
    }
    body += "</section>";

    // Concerns citizens addressed to this deputy.
    std::map<std::string, int> byStatus;
    for (const auto& c : concerns) ++byStatus[c.status];
    body += "<section class=\"card\" id=\"deputy-concerns\" data-count=\"" +
            std::to_string(concerns.size()) + "\"><h2>群众指名反映的意见（" +
            std::to_string(concerns.size()) + " 件）</h2>";
    if (concerns.empty()) {
        body += "<p class=\"muted\">今年没有群众指名向这位代表反映意见。</p>";
    } else {
        body += "<p>";
        for (const auto& [status, n] : byStatus)
            body += "<span class=\"badge " + esc(status) + "\">" + esc(labelOf("status", status)) +
                    " " + std::to_string(n) + "</span> ";
        body +=
            "</p><div class=\"scroll\"><table class=\"list\"><thead><tr><th>回执号</th>"
            "<th>日期</th><th>联络站</th><th>类别</th><th>状态</th></tr></thead><tbody>";
        for (const auto& c : concerns)
            body += "<tr><td><a href=\"/concerns/" + html::urlEncode(c.id) + "\">" +
                    esc(c.receipt) + "</a></td><td>" + formatDate(c.createdAt) + "</td><td>" +
                    esc(stationName(c.station)) + "</td><td>" + esc(categoryName(c.category)) +
                    "</td><td><span class=\"badge " + esc(c.status) + "\">" +
                    esc(labelOf("status", c.status)) + "</span></td></tr>";
        body += "</tbody></table></div>";
    }
    body += "</section>";

    // Ledger entries that list the deputy (seed 002 §12: they count towards the record).
    body += "<section class=\"card\" id=\"deputy-ledger\" data-count=\"" +
            std::to_string(ledger.size()) + "\"><h2>台账记录（" + std::to_string(ledger.size()) +
            " 条）</h2>";
    if (ledger.empty()) {
        body += "<p class=\"muted\">今年的台账中没有这位代表参加的活动。</p>";
    } else {
        body +=
            "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>日期</th><th>联络站"
            "</th><th>活动</th><th class=\"num\">接待群众</th><th>备注</th></tr></thead>"
            "<tbody>";
        for (const auto& l : ledger)
            body += "<tr><td>" + formatDate(l.at) + "</td><td>" + esc(stationName(l.station)) +
                    "</td><td>" + esc(labelOf("slot_kind", l.activity)) +
                    "</td><td class=\"num\">" + std::to_string(l.people) + "</td><td>" +
                    esc(l.notes) + "</td></tr>";
        body += "</tbody></table></div>";
    }
    body += "</section>";
    ctx.page(name + " · " + year + " 年履职记录", body);
}

}  // namespace

void registerAttendancePages(WebApp& app) {
    app.get("/attendance", Access::Viewer, attendancePage);
    app.get(R"(/attendance/deputy/([^/]+))", Access::Viewer, deputyPage);
}

}  // namespace csync::server::staff
