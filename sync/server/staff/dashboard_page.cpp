// The staff dashboard (issue 6 item 7, the pictures): a few numbers that call for action, the
// concerns of the last six months by category and by status, this month's attendance per
// station, and the concerns waiting longest for an answer. Charts are SVG drawn here.
#include <algorithm>
#include <set>

#include "sync/server/staff/attendance_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"
#include "sync/server/staff/svg_chart.hpp"

namespace csync::server::staff {
namespace {

using html::esc;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr int kMonths = 6;
constexpr std::int64_t kAnswerWithinMs = 30 * kDayMs;

struct Waiting {
    std::string id, receipt, station, status;
    std::int64_t createdAt = 0;
};

std::string monthLabel(const std::string& month, bool withYear) {
    const int m = std::stoi(month.substr(5, 2));
    return (withYear ? month.substr(0, 4) + "年" : "") + std::to_string(m) + "月";
}

std::string tile(const std::string& id, const std::string& value, const std::string& label,
                 const std::string& href = "") {
    std::string inner = "<b data-value=\"" + esc(value) + "\">" + esc(value) + "</b><span>" +
                        esc(label) + "</span>";
    if (!href.empty()) inner = "<a href=\"" + href + "\">" + inner + "</a>";
    return "<div class=\"stat\" id=\"tile-" + id + "\">" + inner + "</div>";
}

// One series per id that occurs, in the string table's order, unknown ids last.
std::vector<svg::Series> seriesOf(const std::vector<std::pair<std::string, std::string>>& known,
                                  const std::map<std::string, std::vector<double>>& counts,
                                  const std::function<std::string(const std::string&)>& name) {
    std::vector<svg::Series> out;
    std::set<std::string> used;
    for (const auto& [id, label] : known)
        if (const auto it = counts.find(id); it != counts.end()) {
            out.push_back({id, label, it->second});
            used.insert(id);
        }
    for (const auto& [id, values] : counts)
        if (!used.contains(id)) out.push_back({id, name(id), values});
    return out;
}

void dashboard(Context& ctx) {
    const std::int64_t now = ctx.now();
    const std::string thisMonth = monthOf(now);
    const std::string today = formatDate(now);
    std::vector<std::string> months{thisMonth};
    while (months.size() < kMonths) months.insert(months.begin(), previousMonth(months.front()));
    const std::int64_t fromMs = parseDate(months.front() + "-01").value_or(0);
    const std::int64_t toMs = parseDate(nextMonth(thisMonth) + "-01").value_or(0);

    std::vector<ConcernFact> concerns;
    std::vector<StationState> stations;
    std::vector<PlanSlot> slots;
    std::vector<CheckinDay> monthCheckins;
    std::vector<Waiting> oldest;
    std::int64_t unanswered = 0;
    {
        auto sql = ctx.backend.sql();
        concerns = loadConcerns(*sql, fromMs, toMs);
        stations = loadStations(*sql);
        slots = loadSlots(*sql, thisMonth + "-01", nextMonth(thisMonth) + "-01");
        monthCheckins = loadCheckins(*sql, thisMonth + "-01", nextMonth(thisMonth) + "-01");
        unanswered = sql->query(
                            "SELECT COUNT(*) FROM concern WHERE status NOT IN "
                            "('answered', 'closed')")
                         .front()
                         .integer(0);
        for (const auto& r :
             sql->query("SELECT id, receipt, station, status, created_at FROM concern WHERE "
                        "status NOT IN ('answered', 'closed') ORDER BY created_at, id LIMIT 10"))
            oldest.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4)});
    }
    std::map<std::string, std::string> stationNames;
    for (const auto& s : stations) stationNames[s.id] = s.name;

    // The tiles.
    std::int64_t thisMonthCount = 0, eligible = 0, onTime = 0;
    for (const auto& c : concerns) {
        if (monthOf(c.createdAt) == thisMonth) ++thisMonthCount;
        // A concern counts once its 30 days are over or it has been answered.
        if (c.answeredAt || now - c.createdAt >= kAnswerWithinMs) {
            ++eligible;
            if (c.answeredAt && c.answeredAt - c.createdAt <= kAnswerWithinMs) ++onTime;
        }
    }
    const auto silent = std::count_if(stations.begin(), stations.end(), [&](const auto& s) {
        return now - (s.lastSeen ? s.lastSeen : s.createdAt) > kSilentAfterMs;
    });
    std::set<std::string> checkedInToday;
    for (const auto& c : monthCheckins)
        if (c.date == today) checkedInToday.insert(c.deputy);
    std::string body =
        "<div class=\"stats\">" +
        tile("month", std::to_string(thisMonthCount), "本月收到意见", "/concerns") +
        tile("unanswered", std::to_string(unanswered), "待答复意见", "/concerns") +
        tile("ontime",
             percentText(eligible ? std::optional<double>(static_cast<double>(onTime) / eligible)
                                  : std::nullopt),
             "30 天内答复率（近 6 个月）") +
        tile("silent", std::to_string(silent), "超过 2 天未同步的联络站", "/stations") +
        tile("checkins", std::to_string(checkedInToday.size()), "今日签到代表", "/attendance") +
        "</div>";

    // Concerns per month by category and by (current) status.
    std::map<std::string, std::vector<double>> byCategory, byStatus;
    for (const auto& c : concerns) {
        const auto at = std::find(months.begin(), months.end(), monthOf(c.createdAt));
        if (at == months.end()) continue;
        const auto i = static_cast<std::size_t>(at - months.begin());
        const std::string category = c.category.empty() ? "other" : c.category;
        auto& cat = byCategory[category];
        auto& st = byStatus[c.status];
        cat.resize(kMonths);
        st.resize(kMonths);
        ++cat[i];
        ++st[i];
    }
    std::vector<std::pair<std::string, std::string>> groups;
    for (std::size_t i = 0; i < months.size(); ++i)
        groups.emplace_back(months[i], monthLabel(months[i], i == 0 || months[i].ends_with("-01")));
    svg::BarChart categoryChart;
    categoryChart.title = "近 6 个月群众意见（按类别）";
    categoryChart.groups = groups;
    categoryChart.unit = " 件";
    categoryChart.series = seriesOf(labelsOf("category", ".name"), byCategory, categoryName);
    svg::BarChart statusChart = categoryChart;
    statusChart.title = "近 6 个月群众意见（按办理状态）";
    statusChart.series = seriesOf(labelsOf("status"), byStatus,
                                  [](const std::string& id) { return labelOf("status", id); });
    body += "<div class=\"grid dashboard\"><section class=\"card\" id=\"chart-category\">" +
            svg::barChart(categoryChart) +
            "</section><section class=\"card\" id=\"chart-status\">" + svg::barChart(statusChart) +
            "</section>";

    // This month's attendance rate per station.
    struct Sum {
        int attended = 0, due = 0;
    };
    std::map<std::string, Sum> perStation;
    for (const auto& t : tallyAttendance(slots, monthCheckins, today)) {
        perStation[t.station].attended += t.attended;
        perStation[t.station].due += t.attended + static_cast<int>(t.missed.size());
    }
    std::vector<svg::RateBar> rates;
    for (const auto& s : stations) {
        const Sum x = perStation[s.id];
        rates.push_back(
            {s.id, s.name,
             x.due ? std::optional<double>(static_cast<double>(x.attended) / x.due) : std::nullopt,
             x.due ? std::to_string(x.attended) + "/" + std::to_string(x.due) + " 天" : ""});
    }
    body += "<section class=\"card\" id=\"chart-attendance\">" +
            svg::rateChart(monthLabel(thisMonth, true) + "各联络站代表到岗率", rates) +
            "<p class=\"muted small\">只计本月已过去的计划日；<a href=\"/attendance\">查看明细"
            "</a></p></section>";

    // The concerns waiting longest.
    body += "<section class=\"card\" id=\"oldest\"><h2>等待最久的意见</h2>";
    if (oldest.empty()) {
        body += "<p class=\"muted\">没有待答复的意见。</p>";
    } else {
        body +=
            "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>回执号</th><th>联络站"
            "</th><th class=\"hide-narrow\">收到</th><th "
            "class=\"num\">已等待</th><th>状态</th></tr></thead>"
            "<tbody>";
        for (const auto& w : oldest) {
            const std::int64_t days = std::max<std::int64_t>(0, (now - w.createdAt) / kDayMs);
            body += "<tr><td><a href=\"/concerns/" + html::urlEncode(w.id) + "\">" +
                    esc(w.receipt) + "</a></td><td>" +
                    esc(stationNames.contains(w.station) ? stationNames[w.station] : w.station) +
                    "</td><td class=\"hide-narrow\">" + formatDate(w.createdAt) +
                    "</td><td class=\"num\">" +
                    (days > 30 ? "<span class=\"badge alert\">" : "<span>") + std::to_string(days) +
                    " 天</span></td><td><span class=\"badge " + esc(w.status) + "\">" +
                    esc(labelOf("status", w.status)) + "</span></td></tr>";
        }
        body += "</tbody></table></div><p><a href=\"/concerns\">全部意见 ›</a></p>";
    }
    body += "</section></div>";
    ctx.page("工作台", body);
}

}  // namespace

void registerDashboardPage(WebApp& app) {
    app.get("/dashboard", Access::Viewer, dashboard);
}

}  // namespace csync::server::staff
