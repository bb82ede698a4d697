#include "sync/server/staff/attendance_store.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/model/roster.hpp"
#include "sync/protocol/checkin.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/svg_chart.hpp"
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;

constexpr std::int64_t kDayMs = 86'400'000;

// Payloads are stored exactly as stations sent them: a malformed one is skipped, not fatal.
json parseObject(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    return j.is_object() ? j : json::object();
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integer(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& x : *it)
        if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

// The first ms of a county day; days come from our own code, so a bad one is a bug upstream.
std::int64_t dayStart(const std::string& date) {
    return parseDate(date).value_or(0);
}

}  // namespace

bool isAnswered(const std::string& status) {
    return status == "answered" || status == "closed";
}

std::vector<StationState> loadStations(SqlSession& sql) {
    std::vector<StationState> out;
    std::map<std::string, std::size_t> index;
    for (const auto& r :
         sql.query("SELECT s.id, s.name, s.created_at, s.last_seen, s.clock_offset, "
                   "s.app_version, st.waiting, st.reported_at FROM station s "
                   "LEFT JOIN station_status st ON st.station = s.id ORDER BY s.id")) {
        StationState s;
        s.id = r.text(0);
        s.name = r.text(1);
        s.createdAt = r.integer(2);
        s.lastSeen = r.integer(3);
        s.clockOffset = r.integer(4);
        s.appVersion = r.text(5);
        if (!r.isNull(6)) {
            s.waiting = r.integer(6);
            s.waitingReportedAt = r.integer(7);
        }
        index[s.id] = out.size();
        out.push_back(std::move(s));
    }
    for (const auto& r : sql.query(
             "SELECT station, COUNT(*), SUM(CASE WHEN status IN ('answered', 'closed') THEN 0 "
             "ELSE 1 END) FROM concern GROUP BY station")) {
        const auto it = index.find(r.text(0));
        if (it == index.end()) continue;
        out[it->second].concerns = r.integer(1);
        out[it->second].unanswered = r.integer(2);
    }
    return out;
}

std::vector<DeputyEntry> loadDeputies(SqlSession& sql, const std::string& station) {
    std::vector<DeputyEntry> out;
    const auto rows =
        station.empty()
            ? sql.query("SELECT station, id, data FROM deputy ORDER BY station, seq")
            : sql.query("SELECT station, id, data FROM deputy WHERE station = $1 ORDER BY seq",
                        {station});
    for (const auto& r : rows) {
        const json d = parseObject(r.text(2));
        DeputyEntry e{r.text(0), r.text(1), str(d, "name"), str(d, "level")};
        if (e.name.empty()) e.name = e.id;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<PlanSlot> loadSlots(SqlSession& sql, const std::string& fromDate,
                                const std::string& toDate, const std::string& station) {
    std::vector<PlanSlot> out;
    // Slots are JSON; a county has a year of them per station, few enough to filter here.
    const auto rows =
        station.empty()
            ? sql.query("SELECT station, data FROM slot ORDER BY station, seq")
            : sql.query("SELECT station, data FROM slot WHERE station = $1 ORDER BY seq",
                        {station});
    for (const auto& r : rows) {
        model::ReceptionSlot slot;
        try {  // read as the station reads it (roster import checks with the same reader)
            slot = model::slotFromJson(parseObject(r.text(1)));
        } catch (const std::invalid_argument&) {
            continue;  // stored before imports were checked; no station could apply it either
        }
        PlanSlot s;
        s.station = r.text(0);
        s.date = model::formatDate(slot.date);
        if (s.date < fromDate || s.date >= toDate) continue;
        s.kind = std::string(model::slotKindId(slot.kind));
        s.start = model::formatTimeOfDay(slot.startMinute);
        s.end = model::formatTimeOfDay(slot.endMinute);
        s.place = slot.place;
        s.deputies = slot.plannedDeputies;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<CheckinDay> loadCheckins(SqlSession& sql, const std::string& fromDate,
                                     const std::string& toDate, const std::string& station) {
    // created_at is the station's time like the payload's "at"; a day's margin keeps the SQL
    // range safe and the exact day test is done on "at" below. Corrections made later than the
    // range are read too: one voids a check-in of the range whenever it was made.
    const std::int64_t from = dayStart(fromDate) - kDayMs, to = dayStart(toDate) + kDayMs;
    const std::string where =
        "WHERE type = 'checkin' AND created_at >= $1 AND (created_at < $2 OR payload LIKE "
        "'%\"" +
        std::string(checkin_field::Voids) + "\":%')";
    const auto rows =
        station.empty()
            ? sql.query("SELECT id, station, payload FROM record " + where + " ORDER BY created_at",
                        {from, to})
            : sql.query("SELECT id, station, payload FROM record " + where +
                            " AND station = $3 ORDER BY created_at",
                        {from, to, station});
    std::vector<json> payloads;
    std::vector<std::string> ids, voids;
    for (const auto& r : rows) {
        payloads.push_back(parseObject(r.text(2)));
        ids.push_back(r.text(0));
        voids.push_back(str(payloads.back(), checkin_field::Voids));
    }
    std::vector<CheckinRef> refs;
    for (std::size_t i = 0; i < ids.size(); ++i) refs.push_back({ids[i], voids[i]});
    const auto counts = countsAsAttendance(refs);
    std::vector<CheckinDay> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const json& p = payloads[i];
        if (!counts[i] || str(p, "direction") != "in") continue;
        CheckinDay c{rows[i].text(1), str(p, "deputy"), "", integer(p, "at")};
        c.date = formatDate(c.at);
        if (c.deputy.empty() || c.date < fromDate || c.date >= toDate) continue;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ConcernFact> loadConcerns(SqlSession& sql, std::int64_t fromMs, std::int64_t toMs) {
    std::vector<ConcernFact> out;
    std::map<std::string, std::size_t> index;
    for (const auto& r : sql.query(
             "SELECT c.id, c.station, c.receipt, c.status, c.created_at, r.payload FROM concern c "
             "JOIN record r ON r.id = c.id WHERE c.created_at >= $1 AND c.created_at < $2 "
             "ORDER BY c.created_at, c.id",
             {fromMs, toMs})) {
        const json p = parseObject(r.text(5));
        ConcernFact c;
        c.id = r.text(0);
        c.station = r.text(1);
        c.receipt = r.text(2);
        c.status = r.text(3);
        c.createdAt = r.integer(4);
        c.category = str(p, "category");
        c.deputy = str(p, "deputy");
        index[c.id] = out.size();
        out.push_back(std::move(c));
    }
    for (const auto& r :
         sql.query("SELECT u.concern, MIN(u.at) FROM concern_update u JOIN concern c "
                   "ON c.id = u.concern WHERE c.created_at >= $1 AND c.created_at < $2 AND "
                   "u.status IN ('answered', 'closed') GROUP BY u.concern",
                   {fromMs, toMs})) {
        const auto it = index.find(r.text(0));
        if (it != index.end()) out[it->second].answeredAt = r.integer(1);
    }
    return out;
}

std::vector<LedgerFact> loadLedger(SqlSession& sql, std::int64_t fromMs, std::int64_t toMs) {
    std::vector<LedgerFact> out;
    for (const auto& r :
         sql.query("SELECT station, created_at, payload FROM record WHERE type = 'ledger' AND "
                   "created_at >= $1 AND created_at < $2 ORDER BY created_at",
                   {fromMs, toMs})) {
        const json p = parseObject(r.text(2));
        LedgerFact l;
        l.station = r.text(0);
        l.at = integer(p, "at");
        if (l.at == 0) l.at = r.integer(1);
        l.activity = str(p, "activity");
        l.people = integer(p, "people");
        l.deputies = strings(p, "deputies");
        l.notes = str(p, "notes");
        out.push_back(std::move(l));
    }
    return out;
}

std::optional<double> AttendanceTally::rate() const {
    const auto due = attended + static_cast<int>(missed.size());
    if (due == 0) return std::nullopt;
    return static_cast<double>(attended) / due;
}

std::vector<AttendanceTally> tallyAttendance(const std::vector<PlanSlot>& slots,
                                             const std::vector<CheckinDay>& checkins,
                                             const std::string& today) {
    using Key = std::pair<std::string, std::string>;  // station, deputy
    std::map<Key, std::set<std::string>> planned, checked;
    for (const auto& s : slots)
        for (const auto& d : s.deputies) planned[{s.station, d}].insert(s.date);
    for (const auto& c : checkins) checked[{c.station, c.deputy}].insert(c.date);
    std::set<Key> keys;
    for (const auto& [k, v] : planned) keys.insert(k);
    for (const auto& [k, v] : checked) keys.insert(k);
    std::vector<AttendanceTally> out;
    for (const auto& key : keys) {
        AttendanceTally t;
        t.station = key.first;
        t.deputy = key.second;
        const auto& plan = planned[key];
        const auto& seen = checked[key];
        t.planned = static_cast<int>(plan.size());
        for (const auto& day : plan) {
            if (seen.contains(day))
                ++t.attended;
            else if (day < today)
                t.missed.push_back(day);
        }
        for (const auto& day : seen)
            if (!plan.contains(day)) ++t.unplanned;
        out.push_back(std::move(t));
    }
    return out;
}

std::string percentText(std::optional<double> rate) {
    if (!rate) return "—";
    return svg::number(std::round(*rate * 1000) / 10) + "%";
}

std::string categoryName(const std::string& id) {
    return labelOf("category", id);  // labels.cpp adds the ".name" of category keys
}

bool isMonth(const std::string& month) {
    if (month.size() != 7 || month[4] != '-') return false;
    for (std::size_t i = 0; i < 7; ++i)
        if (i != 4 && (month[i] < '0' || month[i] > '9')) return false;
    const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
    return y >= 2000 && y <= 2200 && m >= 1 && m <= 12;
}

std::string nextMonth(const std::string& month) {
    int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) + 1;
    if (m > 12) m = 1, ++y;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

std::string previousMonth(const std::string& month) {
    int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) - 1;
    if (m < 1) m = 12, --y;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

}  // namespace csync::server::staff
