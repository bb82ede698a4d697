// Spreadsheet exports for the county office: concerns, check-ins and the activity ledger as CSV
// or XLSX, for all stations or one, over a date range. Viewers may export, so no export ever
// carries citizens' contact data: the sealed contact is not even read here.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/model/local_time.hpp"
#include "sync/protocol/checkin.hpp"
#include "sync/protocol/record.hpp"
#include "sync/server/export.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;
using Kind = ExportColumn::Kind;

struct ExportKind {
    const char* id;
    const char* name;  // also the start of the file name and the sheet name
    const char* recordType;
    const char* about;
};
constexpr ExportKind kKinds[] = {
    {"concerns", "群众意见", "concern",
     "回执编号、联络站、登记时间、类别、内容、地点、代表、登记方式、办理状态、处理方式、交办单位、"
     "公开答复、满意度、代为登记的联络员。不含群众的姓名和电话。"},
    {"checkins", "代表签到", "checkin",
     "代表编号和姓名、联络站、时间、签到或签退、方式、是否计划内、说明、更正、经办联络员。"},
    {"ledger", "工作台账", "ledger",
     "时间、联络站、活动、接待人数、参加代表、备注、登记的联络员。"},
};

const ExportKind* findKind(const std::string& id) {
    for (const auto& k : kKinds)
        if (id == k.id) return &k;
    return nullptr;
}

// What the form asked for, checked.
struct ExportQuery {
    const ExportKind* kind = nullptr;
    std::string format;                    // "csv" or "xlsx"
    std::string station;                   // "" = every station
    std::string stationName;               // for the file name
    std::string from, to;                  // "YYYY-MM-DD" or ""
    std::int64_t fromMs = 0, untilMs = 0;  // [fromMs, untilMs); 0 = open
};

std::vector<std::pair<std::string, std::string>> stations(SqlSession& sql) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : sql.query("SELECT id, name FROM station ORDER BY name, id"))
        out.emplace_back(row.text(0), row.text(1));
    return out;
}

// The first and last day of the month of a county date "YYYY-MM-DD".
std::pair<std::string, std::string> monthBounds(const std::string& date) {
    const auto day = model::parseDate(date);
    if (!day) return {};
    return {model::formatDate({day->year, day->month, 1}),
            model::formatDate({day->year, day->month, model::daysInMonth(day->year, day->month)})};
}

// "2026-11" for a whole month, "2026-11-23" for one day, "2026-11-01至2026-11-20", "全部"…
std::string rangeName(const ExportQuery& q) {
    if (q.from.empty() && q.to.empty()) return "全部";
    if (q.from.empty()) return "至" + q.to;
    if (q.to.empty()) return q.from + "起";
    if (q.from == q.to) return q.from;
    if (monthBounds(q.from) == std::pair{q.from, q.to}) return q.from.substr(0, 7);
    return q.from + "至" + q.to;
}

void exportForm(Context& ctx, std::string_view error, int status) {
    std::vector<std::pair<std::string, std::string>> stationOptions{{"", "全部联络站"}};
    {
        auto sql = ctx.backend.sql();
        for (auto& s : stations(*sql)) stationOptions.push_back(std::move(s));
    }
    // A fresh form offers this month; a refused one keeps what was typed.
    const bool fresh = ctx.req.params.empty();
    const auto [first, last] = monthBounds(formatDate(ctx.now()));
    std::vector<std::pair<std::string, std::string>> kindOptions;
    for (const auto& k : kKinds) kindOptions.emplace_back(k.id, k.name);
    const std::string format = ctx.req.param("format", "xlsx");

    std::string body = "<section class=\"card\">";
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + html::esc(error) + "</p>";
    body +=
        "<form method=\"get\" action=\"/exports/download\" class=\"export-form\">"
        "<div class=\"row\"><label>导出内容" +
        html::select("what", kindOptions, ctx.req.param("what", "concerns")) +
        "</label><label>联络站" +
        html::select("station", stationOptions, ctx.req.param("station")) +
        "</label></div><div class=\"row\"><label>开始日期<input type=\"date\" name=\"from\" "
        "value=\"" +
        html::esc(fresh ? first : ctx.req.param("from")) +
        "\"></label><label>结束日期<input type=\"date\" name=\"to\" value=\"" +
        html::esc(fresh ? last : ctx.req.param("to")) +
        "\"></label></div><fieldset class=\"formats\"><legend>文件格式</legend>"
        "<label class=\"inline\"><input type=\"radio\" name=\"format\" value=\"xlsx\"" +
        std::string(format != "csv" ? " checked" : "") +
        ">Excel 表格（.xlsx）</label><label class=\"inline\"><input type=\"radio\" "
        "name=\"format\" value=\"csv\"" +
        std::string(format == "csv" ? " checked" : "") +
        ">CSV 文本（.csv）</label></fieldset>"
        "<button class=\"primary\" type=\"submit\">下载</button></form>"
        "<p class=\"muted small\">日期留空表示不限。时间均为北京时间。</p></section>"
        "<section class=\"card\"><h2>各项导出包含的列</h2><dl class=\"kv\">";
    for (const auto& k : kKinds)
        body += std::string("<dt>") + k.name + "</dt><dd>" + k.about + "</dd>";
    body +=
        "</dl><p class=\"muted\">导出文件不含群众的联系方式；需要联系群众时，请在意见详情页"
        "查看（每次查看都记入审计日志）。每次导出也记入审计日志。</p></section>";
    ctx.page("导出", body);
    ctx.res.status = status;
}

// Checks the query; on a problem, the message for the form.
std::string readQuery(Context& ctx, ExportQuery& q) {
    q.kind = findKind(ctx.req.param("what"));
    if (!q.kind) return "请选择要导出的内容。";
    q.format = ctx.req.param("format");
    if (q.format != "csv" && q.format != "xlsx") return "请选择文件格式：Excel 或 CSV。";
    q.station = ctx.req.param("station");
    if (!q.station.empty()) {
        auto sql = ctx.backend.sql();
        for (const auto& [id, name] : stations(*sql))
            if (id == q.station) q.stationName = name;
        if (q.stationName.empty()) return "没有这个联络站，请重新选择。";
    }
    q.from = ctx.req.param("from");
    q.to = ctx.req.param("to");
    for (auto* date : {&q.from, &q.to}) {
        if (date->empty()) continue;
        if (!parseDate(*date)) return "日期格式应为 YYYY-MM-DD，例如 2026-11-01。";
    }
    if (!q.from.empty()) q.fromMs = *parseDate(q.from);
    if (!q.to.empty()) q.untilMs = *parseDate(q.to) + 86'400'000;
    if (q.fromMs && q.untilMs && q.fromMs >= q.untilMs) return "开始日期不能晚于结束日期。";
    return "";
}

// The rows of record type, filtered; each row: extra columns first, then the payload.
std::vector<SqlRow> queryRecords(SqlSession& sql, const ExportQuery& q, std::string_view columns,
                                 std::string_view joins) {
    std::string text = "SELECT r.station, r.created_at, r.payload" + std::string(columns) +
                       " FROM record r " + std::string(joins) + " WHERE r.type = $1";
    std::vector<SqlValue> params{std::string(q.kind->recordType)};
    auto add = [&](std::string_view condition, SqlValue value) {
        params.push_back(std::move(value));
        text += " AND " + std::string(condition) + " $" + std::to_string(params.size());
    };
    if (!q.station.empty()) add("r.station =", q.station);
    if (q.fromMs) add("r.created_at >=", q.fromMs);
    if (q.untilMs) add("r.created_at <", q.untilMs);
    text += " ORDER BY r.created_at, r.seq";
    return sql.query(text, params);
}

struct Names {
    std::map<std::string, std::string> stations;                          // id → name
    std::map<std::pair<std::string, std::string>, std::string> deputies;  // (station, id) → name

    std::string station(const std::string& id) const {
        const auto it = stations.find(id);
        return it == stations.end() ? id : it->second;
    }
    std::string deputy(const std::string& station, const std::string& id) const {
        const auto it = deputies.find({station, id});
        return it == deputies.end() ? id : it->second;
    }
};

Names loadNames(SqlSession& sql) {
    Names n;
    for (const auto& [id, name] : stations(sql)) n.stations[id] = name;
    for (const auto& row : sql.query("SELECT station, id, data FROM deputy")) {
        const json data = json::parse(row.text(2), nullptr, false);
        if (data.is_object() && data.contains("name") && data["name"].is_string())
            n.deputies[{row.text(0), row.text(1)}] = data["name"].get<std::string>();
    }
    return n;
}

std::string str(const json& p, const char* key) {
    const auto it = p.find(key);
    if (it == p.end() || it->is_null()) return "";
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::int64_t msOf(const json& p, const char* key, std::int64_t fallback) {
    const auto it = p.find(key);
    return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

// A label for an id, or "" for none.
std::string labelOr(std::string_view group, const std::string& id) {
    return id.empty() ? "" : labelOf(group, id);
}

ExportTable concernTable(SqlSession& sql, const ExportQuery& q) {
    const Names names = loadNames(sql);
    ExportTable t;
    t.columns = {{"回执编号", 12}, {"联络站", 22},    {"登记时间", 17, Kind::Time},
                 {"类别", 18},     {"内容", 60},      {"地点", 16},
                 {"代表", 10},     {"登记方式", 16},  {"办理状态", 10},
                 {"处理方式", 18}, {"交办单位", 18},  {"公开答复", 50},
                 {"满意度", 10},   {"登记联络员", 12}};
    // Only these payload fields are read: contact_sealed never leaves the database here.
    const auto rows = queryRecords(
        sql, q,
        ", COALESCE(c.status, ''), COALESCE(c.disposition, ''), COALESCE(c.satisfaction, ''), "
        "COALESCE(c.answer, ''), COALESCE(w.organ, ''), COALESCE(w.disposition, '')",
        "LEFT JOIN concern c ON c.id = r.id LEFT JOIN concern_work w ON w.concern = r.id");
    for (const auto& row : rows) {
        const json p = json::parse(row.text(2), nullptr, false);
        if (!p.is_object()) continue;
        const std::string station = row.text(0);
        const std::string status = row.text(3).empty() ? str(p, "status") : row.text(3);
        const std::string disposition = row.text(8).empty() ? row.text(4) : row.text(8);
        const std::string deputy = str(p, "deputy");
        t.rows.push_back({str(p, "receipt"), names.station(station),
                          formatTime(msOf(p, "created_at", row.integer(1))),
                          labelOr("category", str(p, "category")), str(p, "text"), str(p, "place"),
                          deputy.empty() ? "" : names.deputy(station, deputy),
                          labelOr("taken_by", str(p, "taken_by")), labelOr("status", status),
                          labelOr("disposition", disposition), row.text(7), row.text(6),
                          labelOr("satisfaction", row.text(5)), str(p, kOfficerField)});
    }
    return t;
}

ExportTable checkinTable(SqlSession& sql, const ExportQuery& q) {
    const Names names = loadNames(sql);
    ExportTable t;
    t.columns = {{"代表编号", 10},  {"代表姓名", 10},  {"联络站", 22}, {"时间", 17, Kind::Time},
                 {"签到/签退", 10}, {"方式", 14},      {"计划内", 8},  {"说明", 30},
                 {"更正", 16},      {"经办联络员", 12}};
    const auto rows = queryRecords(sql, q, ", r.id", "");
    // A correction is listed as a row of its own, and the row it voids says so (never hidden:
    // the export is the audit trail); the attendance pages leave both out.
    std::set<std::string> voided;
    for (const auto& row : rows) {
        const json p = json::parse(row.text(2), nullptr, false);
        if (p.is_object() && !str(p, checkin_field::Voids).empty())
            voided.insert(str(p, checkin_field::Voids));
    }
    for (const auto& row : rows) {
        const json p = json::parse(row.text(2), nullptr, false);
        if (!p.is_object()) continue;
        const std::string station = row.text(0);
        const std::string deputy = str(p, "deputy");
        const auto planned = p.find("planned");
        const std::string correction = !str(p, checkin_field::Voids).empty()
                                           ? "更正记录（作废一条）"
                                       : voided.contains(row.text(3)) ? "已作废"
                                                                      : "";
        t.rows.push_back(
            {deputy, names.deputy(station, deputy), names.station(station),
             formatTime(msOf(p, "at", row.integer(1))), labelOr("direction", str(p, "direction")),
             labelOr("method", str(p, "method")),
             planned != p.end() && planned->is_boolean() ? (planned->get<bool>() ? "是" : "否")
                                                         : "",
             str(p, checkin_field::Reason), correction, str(p, kOfficerField)});
    }
    return t;
}

ExportTable ledgerTable(SqlSession& sql, const ExportQuery& q) {
    const Names names = loadNames(sql);
    ExportTable t;
    t.columns = {
        {"时间", 17, Kind::Time}, {"联络站", 22}, {"活动", 20},      {"接待人数", 10, Kind::Number},
        {"参加代表", 30},         {"备注", 50},   {"登记联络员", 12}};
    for (const auto& row : queryRecords(sql, q, "", "")) {
        const json p = json::parse(row.text(2), nullptr, false);
        if (!p.is_object()) continue;
        const std::string station = row.text(0);
        std::string deputies;
        if (const auto it = p.find("deputies"); it != p.end() && it->is_array())
            for (const auto& d : *it)
                if (d.is_string())
                    deputies += (deputies.empty() ? "" : "、") +
                                names.deputy(station, d.get<std::string>());
        // Activities are free text at the kiosk, or a schedule kind id.
        const std::string activity = str(p, "activity");
        t.rows.push_back({formatTime(msOf(p, "at", row.integer(1))), names.station(station),
                          labelOf("slot_kind", activity), str(p, "people"), deputies,
                          str(p, "notes"), str(p, kOfficerField)});
    }
    return t;
}

void download(Context& ctx) {
    ExportQuery q;
    if (const auto problem = readQuery(ctx, q); !problem.empty())
        return exportForm(ctx, problem, 400);
    ExportTable table;
    {
        auto sql = ctx.backend.sql();
        const std::string id = q.kind->id;
        table = id == "concerns"   ? concernTable(*sql, q)
                : id == "checkins" ? checkinTable(*sql, q)
                                   : ledgerTable(*sql, q);
    }
    table.sheet = q.kind->name;
    std::string filename = std::string(q.kind->name) + "-";
    if (!q.stationName.empty()) filename += q.stationName + "-";
    filename += rangeName(q) + "." + q.format;
    std::string body;
    try {
        body = q.format == "csv" ? tableCsv(table) : tableXlsx(table);
    } catch (const std::exception&) {
        return ctx.fail(500, "生成表格文件时出错，请稍后再试或改用 CSV 格式。");
    }
    ctx.audit("export", q.kind->id,
              q.format + " " + (q.station.empty() ? std::string("全部联络站") : q.station) + " " +
                  rangeName(q) + " " + std::to_string(table.rows.size()) + "行");
    ctx.download(filename,
                 q.format == "csv"
                     ? "text/csv; charset=utf-8"
                     : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 std::move(body));
}

}  // namespace

void registerExportPages(WebApp& app) {
    app.get("/exports", Access::Viewer, [](Context& ctx) { exportForm(ctx, "", 200); });
    app.get("/exports/download", Access::Viewer, download);
}

}  // namespace csync::server::staff
