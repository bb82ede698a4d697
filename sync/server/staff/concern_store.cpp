// SQL of the concern inbox and the progress page. The inbox filters, counts and pages in SQL on
// the typed columns ingest fills (category, deputy, text), so a page costs the same with years
// of concerns; the search text is a parameter, its LIKE wildcards escaped.
#include "sync/server/staff/concern_store.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "platform/crypto.hpp"
#include "sync/model/receipt_code.hpp"
#include "sync/protocol/record.hpp"
#include "sync/server/rules.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;

constexpr const char* kSelectConcern =
    "SELECT c.id, c.station, COALESCE(s.name, c.station), c.receipt, c.created_at, c.status, "
    "COALESCE(c.disposition, ''), COALESCE(c.satisfaction, ''), c.answer, r.payload, "
    "COALESCE(w.organ, ''), COALESCE(w.disposition, ''), COALESCE(w.answer_draft, ''), "
    "COALESCE(w.published_at, 0), COALESCE(w.closed_at, 0), COALESCE(m.summary, '') "
    "FROM concern c JOIN record r ON r.id = c.id LEFT JOIN station s ON s.id = c.station "
    "LEFT JOIN concern_work w ON w.concern = c.id "
    "LEFT JOIN concern_summary m ON m.concern = c.id ";

}  // namespace

std::string takenByText(const ConcernRow& c) {
    const std::string how = labelOf("taken_by", c.field("taken_by"));
    const std::string officer = c.field(kOfficerField);
    return officer.empty() ? how : how + "：" + officer;
}

namespace {

ConcernRow toConcern(const SqlRow& r) {
    ConcernRow c;
    c.id = r.text(0);
    c.station = r.text(1);
    c.stationName = r.text(2);
    c.receipt = r.text(3);
    c.createdAt = r.integer(4);
    c.status = r.text(5);
    c.disposition = r.text(6);
    c.satisfaction = r.text(7);
    c.answer = r.text(8);
    c.payload = json::parse(r.text(9), nullptr, false);
    if (!c.payload.is_object()) c.payload = json::object();
    c.organ = r.text(10);
    c.workDisposition = r.text(11);
    c.answerDraft = r.text(12);
    c.publishedAt = r.integer(13);
    c.closedAt = r.integer(14);
    c.summary = r.text(15);
    return c;
}

std::string lowerAscii(std::string s) {
    for (char& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

// A LIKE pattern matching text anywhere, with \ % _ in text taken literally (ESCAPE '\').
std::string containsPattern(std::string_view text) {
    std::string out = "%";
    for (char ch : text) {
        if (ch == '\\' || ch == '%' || ch == '_') out += '\\';
        out += ch;
    }
    return out + "%";
}

// The inbox's filters but status, on concern c and concern_work w: parameters $1–$7.
constexpr const char* kFilterSql =
    "WHERE (CAST($1 AS TEXT) = '' OR c.station = $1) AND c.created_at >= $2 AND "
    "c.created_at < $3 AND (CAST($4 AS TEXT) = '' OR c.category = $4) AND "
    "(CAST($5 AS TEXT) = '' OR c.deputy = $5) AND (CAST($6 AS TEXT) = '%%' OR "
    "(CAST($7 AS TEXT) <> '' AND c.receipt LIKE '%' || $7 || '%') OR "
    "LOWER(c.text) LIKE $6 ESCAPE '\\' OR LOWER(c.answer) LIKE $6 ESCAPE '\\' OR "
    "LOWER(COALESCE(w.answer_draft, '')) LIKE $6 ESCAPE '\\') ";

const char* workColumn(WorkField f) {
    switch (f) {
        case WorkField::Organ:
            return "organ";
        case WorkField::Disposition:
            return "disposition";
        case WorkField::AnswerDraft:
            return "answer_draft";
        case WorkField::PublishedAt:
            return "published_at";
        case WorkField::ClosedAt:
            return "closed_at";
    }
    return "organ";
}

std::string eventKindName(const std::string& kind) {
    if (kind == "assign") return "交办";
    if (kind == "disposition") return "设定处理方式";
    if (kind == "answer") return "保存答复草稿";
    if (kind == "publish") return "发布答复";
    if (kind == "status") return "更改状态";
    if (kind == "close") return "办结";
    return kind;
}

}  // namespace

std::string ConcernRow::field(const char* name) const {
    return stringField(payload, name);
}

namespace {

// A county update the station could not apply, as staff read it in the concern's history.
std::string refusedUpdateText(const json& r) {
    const std::string wanted = "“状态改为" + labelOf("status", stringField(r, "status")) + "”";
    const std::string why = stringField(r, "why");
    if (why == kRefusedNotFound)
        return "联络站上找不到这条意见，未能采用县里的更新" + wanted + "。请与联络站核对。";
    if (why == kRefusedUnknownStatus)
        return "联络站的软件不认识县里的更新" + wanted + "，未能采用。请升级联络站软件。";
    return "联络站未能采用县里的更新" + wanted + "：联络站上这条意见已是“" +
           labelOf("status", stringField(r, "station_status")) +
           "”，状态不能这样改。请核对后重新办理。";
}

}  // namespace

ConcernList findConcerns(SqlSession& sql, const ConcernFilter& filter, std::size_t offset,
                         std::size_t limit) {
    // Receipts hold only 0-9 and A-Z, so the canonical needle needs no escaping.
    const std::string receiptNeedle = model::canonicalReceipt(filter.search);
    std::vector<SqlValue> params{filter.station,
                                 filter.fromMs.value_or(std::numeric_limits<std::int64_t>::min()),
                                 filter.untilMs.value_or(std::numeric_limits<std::int64_t>::max()),
                                 filter.category,
                                 filter.deputy,
                                 containsPattern(lowerAscii(filter.search)),
                                 receiptNeedle};
    ConcernList out;
    for (const auto& r : sql.query("SELECT c.status, count(*) FROM concern c LEFT JOIN "
                                   "concern_work w ON w.concern = c.id " +
                                       std::string(kFilterSql) + "GROUP BY c.status",
                                   params)) {
        out.statusCounts[r.text(0)] = r.integer(1);
        out.total += r.integer(1);
    }
    if (filter.status.empty()) {
        out.matching = out.total;
    } else {
        const auto it = out.statusCounts.find(filter.status);
        out.matching = it == out.statusCounts.end() ? 0 : it->second;
    }
    const auto cap = [](std::size_t n) {
        return static_cast<std::int64_t>(
            std::min<std::size_t>(n, std::numeric_limits<std::int64_t>::max()));
    };
    params.push_back(filter.status);
    params.push_back(cap(limit));
    params.push_back(cap(offset));
    for (const auto& r : sql.query(std::string(kSelectConcern) + kFilterSql +
                                       "AND (CAST($8 AS TEXT) = '' OR c.status = $8) "
                                       "ORDER BY c.created_at DESC, c.id LIMIT $9 OFFSET $10",
                                   params))
        out.rows.push_back(toConcern(r));
    return out;
}

std::optional<ConcernRow> loadConcern(SqlSession& sql, const std::string& id) {
    const auto rows = sql.query(std::string(kSelectConcern) + "WHERE c.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return toConcern(rows.front());
}

std::vector<ConcernEventRow> concernHistory(SqlSession& sql, const ConcernRow& c) {
    std::vector<ConcernEventRow> out;
    out.push_back({c.createdAt, c.stationName, "联络站受理（" + takenByText(c) + "）"});
    for (const auto& r : sql.query("SELECT at, user_name, kind, detail FROM concern_event "
                                   "WHERE concern = $1 ORDER BY at, id",
                                   {c.id})) {
        std::string what = eventKindName(r.text(2));
        if (!r.text(3).empty()) what += "：" + r.text(3);
        out.push_back({r.integer(0), r.text(1), std::move(what)});
    }
    for (const auto& r : sql.query("SELECT at, status, note FROM concern_update "
                                   "WHERE concern = $1 ORDER BY cursor",
                                   {c.id})) {
        std::string what = "已送达联络站：状态改为" + labelOf("status", r.text(1));
        if (!r.text(2).empty()) what += "（" + r.text(2) + "）";
        out.push_back({r.integer(0), "县人大常委会", std::move(what)});
    }
    // The station's own changes arrive as concern_update records naming the concern.
    for (const auto& r :
         sql.query("SELECT payload, created_at FROM record WHERE type = 'concern_update' AND "
                   "station = $1 AND payload LIKE '%' || CAST($2 AS TEXT) || '%' ORDER BY seq",
                   {c.station, c.id})) {
        const json p = json::parse(r.text(0), nullptr, false);
        if (!p.is_object() || stringField(p, "concern") != c.id) continue;
        std::string what;
        if (const auto d = stringField(p, "disposition"); !d.empty())
            what = "联络站处理方式：" + labelOf("disposition", d);
        else if (const auto s = stringField(p, "satisfaction"); !s.empty())
            what = "群众评价：" + labelOf("satisfaction", s);
        else if (const auto it = p.find(kRefusedField); it != p.end() && it->is_object())
            what = refusedUpdateText(*it);
        else
            continue;
        if (const auto note = stringField(p, "note"); !note.empty()) what += "（" + note + "）";
        if (stringField(p, "status") == "answered")
            what += "，状态改为" + labelOf("status", "answered");
        const std::int64_t at = p.contains("at") && p["at"].is_number_integer()
                                    ? p["at"].get<std::int64_t>()
                                    : r.integer(1);
        // Who at the station: the liaison officer logged in by name, when there was one.
        const std::string officer = stringField(p, kOfficerField);
        out.push_back(
            {at, officer.empty() ? c.stationName : c.stationName + " " + officer, std::move(what)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    return out;
}

void setWork(SqlSession& sql, const std::string& concern, WorkField field, const SqlValue& value,
             std::int64_t nowMs) {
    // The column name comes from the enum, never from a request.
    const std::string column = workColumn(field);
    sql.exec("INSERT INTO concern_work(concern, " + column +
                 ", updated_at) VALUES($1, $2, $3) ON CONFLICT(concern) DO UPDATE SET " + column +
                 " = excluded." + column + ", updated_at = excluded.updated_at",
             {concern, value, nowMs});
}

void setSummary(SqlSession& sql, const std::string& concern, const std::string& summary,
                std::int64_t nowMs) {
    sql.exec(
        "INSERT INTO concern_summary(concern, summary, updated_at) VALUES($1, $2, $3) "
        "ON CONFLICT(concern) DO UPDATE SET summary = excluded.summary, "
        "updated_at = excluded.updated_at",
        {concern, summary, nowMs});
}

void addConcernEvent(SqlSession& sql, const std::string& concern, const std::string& user,
                     const std::string& kind, const std::string& detail, std::int64_t nowMs) {
    sql.exec(
        "INSERT INTO concern_event(id, concern, at, user_name, kind, detail) "
        "VALUES($1, $2, $3, $4, $5, $6)",
        {platform::newUuid(), concern, nowMs, user, kind, detail});
}

std::vector<std::string> organsUsed(SqlSession& sql) {
    std::vector<std::string> out;
    for (const auto& r :
         sql.query("SELECT organ, COUNT(*) AS n FROM concern_work WHERE organ <> '' "
                   "GROUP BY organ ORDER BY n DESC, organ LIMIT 200"))
        out.push_back(r.text(0));
    return out;
}

std::vector<std::pair<std::string, std::string>> stationOptions(SqlSession& sql) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : sql.query("SELECT id, name FROM station ORDER BY name, id"))
        out.emplace_back(r.text(0), r.text(1));
    return out;
}

std::vector<std::pair<std::string, std::string>> deputyOptions(SqlSession& sql) {
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> seen;
    for (const auto& r : sql.query("SELECT id, data FROM deputy ORDER BY station, seq")) {
        if (!seen.insert(r.text(0)).second) continue;
        const json d = json::parse(r.text(1), nullptr, false);
        const std::string name = d.is_object() ? stringField(d, "name") : "";
        out.emplace_back(r.text(0), name.empty() ? r.text(0) : name);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

std::string deputyName(SqlSession& sql, const std::string& station, const std::string& id) {
    const auto rows =
        sql.query("SELECT data FROM deputy WHERE station = $1 AND id = $2", {station, id});
    if (rows.empty()) return "";
    const json d = json::parse(rows.front().text(0), nullptr, false);
    return d.is_object() ? stringField(d, "name") : "";
}

std::optional<TrackInfo> trackConcern(SqlSession& sql, const std::string& receipt) {
    const auto rows = sql.query(
        "SELECT c.id, c.status, c.created_at, c.answer, r.payload, COALESCE(s.name, '') "
        "FROM concern c JOIN record r ON r.id = c.id LEFT JOIN station s ON s.id = c.station "
        "WHERE c.receipt = $1 LIMIT 2",
        {receipt});
    if (rows.size() != 1) return std::nullopt;
    const auto& r = rows.front();
    TrackInfo t;
    t.status = r.text(1);
    t.createdAt = r.integer(2);
    t.answer = r.text(3);
    const json p = json::parse(r.text(4), nullptr, false);
    t.category = p.is_object() ? stringField(p, "category") : "";
    t.stationName = r.text(5);
    if (!t.answer.empty()) {
        const auto at = sql.query(
            "SELECT MAX(at) FROM concern_update WHERE concern = $1 AND answer <> ''", {r.text(0)});
        if (!at.empty() && !at.front().isNull(0)) t.answeredAt = at.front().integer(0);
    }
    return t;
}

std::string officeSetting(SqlSession& sql, const std::string& key) {
    const auto rows = sql.query("SELECT value FROM office_setting WHERE key = $1", {key});
    return rows.empty() ? "" : rows.front().text(0);
}

void setOfficeSetting(SqlSession& sql, const std::string& key, const std::string& value) {
    if (value.empty()) {
        sql.exec("DELETE FROM office_setting WHERE key = $1", {key});
        return;
    }
    sql.exec(
        "INSERT INTO office_setting(key, value) VALUES($1, $2) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        {key, value});
}

std::string publicUrl(SqlSession& sql) {
    return officeSetting(sql, "public_url");
}

}  // namespace csync::server::staff
