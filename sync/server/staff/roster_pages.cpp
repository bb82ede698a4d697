// Roster and schedule of each station (issue 6 item 5): deputies with photo, level and what they
// agreed to disclose, and the reception days and activities. Every change rewrites the station's
// config through Backend::importRoster, so the station picks it up on its next sync (new ETag).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "platform/crypto.hpp"
#include "sync/protocol/disclosure.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"
#include "sync/server/staff/photo.hpp"

namespace csync::server::staff {
namespace {

using nlohmann::json;

// Fields of a deputy the kiosk shows only when the deputy agreed (seed rules: phone off).
constexpr std::pair<const char*, const char*> kDisclosure[] = {
    {"name", "姓名"}, {"photo", "照片"}, {"work_unit", "工作单位"}, {"phone", "电话"}};

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Ids go into QR tokens (sync/protocol/deputy_token.hpp): 1–16 of [A-Za-z0-9._-].
bool validDeputyId(const std::string& id) {
    if (id.empty() || id.size() > 16) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

bool validTime(const std::string& t) {
    return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
           std::isdigit(static_cast<unsigned char>(t[1])) &&
           std::isdigit(static_cast<unsigned char>(t[3])) &&
           std::isdigit(static_cast<unsigned char>(t[4])) && t.substr(0, 2) < "24" &&
           t.substr(3, 2) < "60";
}

// What importRoster takes, from what the station currently receives.
json currentRoster(Context& ctx, const std::string& station) {
    const json body = ctx.backend.stationConfig(station).body;
    return {{"station", body.value("station", json::object())},
            {"deputies", body.value("deputies", json::array())},
            {"slots", body.value("slots", json::array())}};
}

// Writes the roster; "" on success, else why not (zh-CN).
std::string saveRoster(Context& ctx, const std::string& station, const json& roster) {
    try {
        ctx.backend.importRoster(station, roster);
        return "";
    } catch (const std::exception& e) {
        return std::string("名单未能保存：") + e.what();
    }
}

std::string checkbox(const std::string& name, const std::string& value, bool checked,
                     const std::string& label) {
    return "<label class=\"inline\"><input type=\"checkbox\" name=\"" + html::esc(name) +
           "\" value=\"" + html::esc(value) + "\"" + (checked ? " checked" : "") + ">" +
           html::esc(label) + "</label> ";
}

std::string field(const std::string& label, const std::string& name, const std::string& value,
                  const std::string& extra = "") {
    return "<label>" + label + "<input name=\"" + name + "\" value=\"" + html::esc(value) + "\"" +
           extra + "></label>";
}

void stationsPage(Context& ctx) {
    std::vector<SqlRow> rows;
    {
        auto sql = ctx.backend.sql();
        rows = sql->query("SELECT id, name FROM station ORDER BY id", {});
    }
    std::string body =
        "<section class=\"card\"><p class=\"muted\">选择联络站，维护代表名单和接待安排。"
        "修改后联络站下次同步时收到。</p><table class=\"list\"><thead><tr><th>编号</th>"
        "<th>联络站</th><th></th></tr></thead><tbody>";
    for (const auto& r : rows)
        body += "<tr><td>" + html::esc(r.text(0)) + "</td><td>" + html::esc(r.text(1)) +
                "</td><td><a href=\"/roster/" + html::urlEncode(r.text(0)) +
                "\">名单与安排</a></td></tr>";
    body += "</tbody></table></section>";
    ctx.page("名单与安排", body);
}

// The values a deputy form shows: a stored deputy, or what was just typed.
json deputyFromForm(const WebRequest& req) {
    json d{{"id", req.param("id")},       {"name", req.param("name")},
           {"level", req.param("level")}, {"work_unit", req.param("work_unit")},
           {"phone", req.param("phone")}, {"active", req.param("active") == "1"}};
    const auto shown = req.paramList("disclose");
    for (const auto& [key, label] : kDisclosure)
        d["disclosure"][key] = std::find(shown.begin(), shown.end(), key) != shown.end();
    return d;
}

std::string deputyForm(Context& ctx, const std::string& station, const json& d, bool editing) {
    const json disc = d.value("disclosure", json::object());
    std::string out = "<section class=\"card\" id=\"deputy-form\"><h2>" +
                      std::string(editing ? "修改代表" : "新增代表") + "</h2>" +
                      html::formOpen(ctx, "/roster/" + html::urlEncode(station) + "/deputy", true);
    if (editing)
        out +=
            "<input type=\"hidden\" name=\"edit\" value=\"1\"><input type=\"hidden\" "
            "name=\"id\" value=\"" +
            html::esc(str(d, "id")) + "\"><p>代表编号：" + html::esc(str(d, "id")) + "</p>";
    out += "<div class=\"row\">";
    if (!editing)
        out += field("代表编号", "id", str(d, "id"),
                     " required maxlength=\"16\" pattern=\"[A-Za-z0-9._\\-]+\" "
                     "placeholder=\"字母或数字，如 d07\"");
    out +=
        field("姓名", "name", str(d, "name"), " required") + "<label>层级" +
        html::select("level", labelsOf("level"), str(d, "level")) + "</label>" +
        field("工作单位", "work_unit", str(d, "work_unit")) +
        field("电话", "phone", str(d, "phone"), " inputmode=\"tel\"") +
        "</"
        "div><p>在联络站公开（县、乡镇代表的姓名、照片、工作单位按规定公开；电话只在勾选时公开）：";
    for (const auto& [key, label] : kDisclosure)
        out += checkbox("disclose", key, disc.value(key, false), label);
    out += "</p><p>" + checkbox("active", "1", d.value("active", true), "在任（停用后不再显示）") +
           "</p><label>照片（JPEG 或 PNG，不超过 2 MB）<input type=\"file\" name=\"photo\" "
           "accept=\"image/jpeg,image/png\"></label>";
    if (d.contains("photo"))
        out += "<p>" + checkbox("drop_photo", "1", false, "删除现有照片") + "</p>";
    out += "<div class=\"actions\"><button class=\"primary\" type=\"submit\">保存代表</button>";
    if (editing) out += " <a href=\"/roster/" + html::urlEncode(station) + "\">取消</a>";
    out += "</div></form></section>";
    return out;
}

std::string slotForm(Context& ctx, const std::string& station, const json& deputies, const json& s,
                     int index) {
    const std::string base = "/roster/" + html::urlEncode(station);
    std::string out = "<section class=\"card\" id=\"slot-form\"><h2>" +
                      std::string(index >= 0 ? "修改安排" : "新增接待日或活动") + "</h2>" +
                      html::formOpen(ctx, base + "/slot");
    if (index >= 0)
        out += "<input type=\"hidden\" name=\"index\" value=\"" + std::to_string(index) + "\">";
    out += "<div class=\"row\">" +
           field("日期", "date", str(s, "date"), " type=\"date\" required") +
           field("开始", "start", str(s, "start").empty() ? "09:00" : str(s, "start"),
                 " type=\"time\" required") +
           field("结束", "end", str(s, "end").empty() ? "12:00" : str(s, "end"),
                 " type=\"time\" required") +
           "<label>类型" +
           html::select("kind", labelsOf("slot_kind"),
                        str(s, "kind").empty() ? "reception_day" : str(s, "kind")) +
           "</label>" + field("地点", "place", str(s, "place")) +
           field("备注", "note", str(s, "note")) + "</div><p>安排代表：";
    const json planned = s.value("deputies", json::array());
    for (const auto& d : deputies) {
        const std::string id = str(d, "id");
        const bool on = std::find(planned.begin(), planned.end(), id) != planned.end();
        if (!d.value("active", true) && !on) continue;
        out += checkbox("deputy", id, on, str(d, "name"));
    }
    out += "</p><div class=\"actions\"><button class=\"primary\" type=\"submit\">保存安排</button>";
    if (index >= 0) out += " <a href=\"" + base + "\">取消</a>";
    out += "</div></form></section>";
    return out;
}

std::string photoCell(const json& d) {
    const auto bytes = platform::fromBase64(str(d, "photo"));
    if (!bytes || bytes->empty()) return "<span class=\"muted\">无</span>";
    const std::string raw(bytes->begin(), bytes->end());
    const std::string mime = imageMime(raw);
    if (mime.empty()) return "<span class=\"muted\">无</span>";
    return "<img class=\"thumb\" alt=\"照片\" width=\"48\" height=\"60\" src=\"data:" + mime +
           ";base64," + str(d, "photo") + "\">";
}

// Name, address and hotline as the kiosk shows them. Once the county saves a roster these come
// from the county too, so a missing address is pointed out before it blanks the kiosk's.
std::string stationForm(Context& ctx, const std::string& station, const json& info) {
    std::string out = "<section class=\"card\"><h2>联络站信息</h2>";
    if (str(info, "address").empty() || str(info, "hotline").empty())
        out += "<p class=\"warn\">请填写地址和热线：保存名单后，联络站显示的是这里的信息。</p>";
    return out + html::formOpen(ctx, "/roster/" + html::urlEncode(station) + "/station") +
           "<div class=\"row\">" + field("名称", "name", str(info, "name"), " required") +
           field("地址", "address", str(info, "address")) +
           field("热线", "hotline", str(info, "hotline"), " inputmode=\"tel\"") +
           "</div><button type=\"submit\">保存联络站信息</button></form></section>";
}

void saveStation(Context& ctx) {
    const std::string station = ctx.req.matches.at(1);
    if (!ctx.backend.station(station)) return ctx.fail(404, "没有这个联络站。");
    json roster = currentRoster(ctx, station);
    const std::string name = ctx.req.param("name");
    if (name.empty()) return ctx.fail(400, "请填写联络站名称。");
    roster["station"]["name"] = name;
    roster["station"]["address"] = ctx.req.param("address");
    roster["station"]["hotline"] = ctx.req.param("hotline");
    if (const auto error = saveRoster(ctx, station, roster); !error.empty())
        return ctx.fail(400, error);
    ctx.audit("roster.station", station, name);
    ctx.redirect("/roster/" + html::urlEncode(station), "联络站信息已保存。");
}

// The station's page; the forms show formDeputy/formSlot (typed values after a refusal).
void renderStation(Context& ctx, const std::string& station, const json& roster,
                   const std::string& error, std::optional<json> formDeputy, bool editingDeputy,
                   std::optional<json> formSlot, int slotIndex) {
    const auto row = ctx.backend.station(station);
    const std::string base = "/roster/" + html::urlEncode(station);
    const json& deputies = roster["deputies"];
    json stationInfo = roster["station"];
    if (str(stationInfo, "name").empty() && row) stationInfo["name"] = row->name;
    std::string body;
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + html::esc(error) + "</p>";
    body += "<p><a href=\"/roster\">← 全部联络站</a></p>" + stationForm(ctx, station, stationInfo);
    body +=
        "<section class=\"card\"><h2>代表</h2>"
        "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>照片</th><th>编号</th>"
        "<th>姓名</th><th>层级</th><th>工作单位</th><th>电话</th><th>公开</th><th>状态</th>"
        "<th></th></tr></thead><tbody>";
    for (const auto& d : deputies) {
        // What the station's kiosk shows: the one rule of sync/protocol/disclosure.hpp.
        const auto pub = publicFields(str(d, "level"), disclosureFromJson(d));
        const bool fields[] = {pub.name, pub.photo, pub.workUnit, pub.phone};
        std::string shown;
        for (std::size_t i = 0; i < std::size(kDisclosure); ++i)
            if (fields[i]) shown += std::string(shown.empty() ? "" : "、") + kDisclosure[i].second;
        const bool active = d.value("active", true);
        const std::string id = str(d, "id");
        body += "<tr><td>" + photoCell(d) + "</td><td>" + html::esc(id) + "</td><td>" +
                html::esc(str(d, "name")) + "</td><td>" +
                html::esc(labelOf("level", str(d, "level"))) + "</td><td>" +
                html::esc(str(d, "work_unit")) + "</td><td>" + html::esc(str(d, "phone")) +
                "</td><td>" + (shown.empty() ? "—" : shown) + "</td><td>" +
                (active ? "在任" : "<span class=\"muted\">已停用</span>") +
                "</td><td><div class=\"actions\"><a href=\"" + base +
                "?deputy=" + html::urlEncode(id) + "#deputy-form\">修改</a>";
        if (active)
            body += html::formOpen(ctx, base + "/deputy/" + html::urlEncode(id) + "/remove") +
                    "<button class=\"danger\" type=\"submit\" data-confirm=\"停用代表 " +
                    html::esc(str(d, "name")) + "？联络站将不再显示该代表。\">停用</button></form>";
        body += "</div></td></tr>";
    }
    if (deputies.empty()) body += "<tr><td colspan=\"9\" class=\"muted\">还没有代表。</td></tr>";
    body += "</tbody></table></div></section>";

    body +=
        "<section class=\"card\"><h2>接待日与活动</h2><div class=\"scroll\"><table "
        "class=\"list\"><thead><tr><th>日期</th><th>时间</th><th>类型</th><th>地点</th>"
        "<th>安排代表</th><th></th></tr></thead><tbody>";
    const json& slots = roster["slots"];
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const json& s = slots[i];
        std::string names;
        for (const auto& id : s.value("deputies", json::array())) {
            std::string name = id.is_string() ? id.get<std::string>() : "?";
            for (const auto& d : deputies)
                if (str(d, "id") == name) name = str(d, "name");
            names += (names.empty() ? "" : "、") + html::esc(name);
        }
        body += "<tr><td>" + html::esc(str(s, "date")) + "</td><td>" + html::esc(str(s, "start")) +
                "–" + html::esc(str(s, "end")) + "</td><td>" +
                html::esc(labelOf("slot_kind",
                                  str(s, "kind").empty() ? "reception_day" : str(s, "kind"))) +
                "</td><td>" + html::esc(str(s, "place")) + "</td><td>" +
                (names.empty() ? "—" : names) + "</td><td><div class=\"actions\"><a href=\"" +
                base + "?slot=" + std::to_string(i) + "#slot-form\">修改</a>" +
                html::formOpen(ctx, base + "/slot/" + std::to_string(i) + "/delete") +
                "<button class=\"danger\" type=\"submit\" data-confirm=\"删除 " +
                html::esc(str(s, "date")) + " 的安排？\">删除</button></form></div></td></tr>";
    }
    if (slots.empty()) body += "<tr><td colspan=\"6\" class=\"muted\">还没有安排。</td></tr>";
    body += "</tbody></table></div></section>";

    // The forms: editing what the query names, else blank ones for adding.
    if (!formDeputy) {
        const std::string id = ctx.req.param("deputy");
        for (const auto& d : deputies)
            if (!id.empty() && str(d, "id") == id) formDeputy = d, editingDeputy = true;
        if (!formDeputy)
            formDeputy =
                json{{"active", true},
                     {"level", "county"},
                     {"disclosure",
                      {{"name", true}, {"photo", true}, {"work_unit", true}, {"phone", false}}}};
    }
    if (!formSlot) {
        const std::string param = ctx.req.param("slot");
        const std::size_t i =
            param.empty() ? slots.size() : std::strtoul(param.c_str(), nullptr, 10);
        if (i < slots.size())
            formSlot = slots[i], slotIndex = static_cast<int>(i);
        else
            formSlot = json::object(), slotIndex = -1;
    }
    body += "<div class=\"grid\">" + deputyForm(ctx, station, *formDeputy, editingDeputy) +
            slotForm(ctx, station, deputies, *formSlot, slotIndex) + "</div>";
    ctx.page((row ? row->name : station) + " · 名单与安排", body);
}

bool knownStation(Context& ctx, const std::string& station) {
    if (ctx.backend.station(station)) return true;
    ctx.fail(404, "没有这个联络站。");
    return false;
}

void stationPage(Context& ctx) {
    const std::string station = ctx.req.matches.at(1);
    if (!knownStation(ctx, station)) return;
    renderStation(ctx, station, currentRoster(ctx, station), "", std::nullopt, false, std::nullopt,
                  -1);
}

void refuseDeputy(Context& ctx, const std::string& station, const json& roster, const json& typed,
                  bool editing, const std::string& error) {
    ctx.res.status = 400;
    renderStation(ctx, station, roster, error, typed, editing, std::nullopt, -1);
}

void saveDeputy(Context& ctx) {
    const std::string station = ctx.req.matches.at(1);
    if (!knownStation(ctx, station)) return;
    json roster = currentRoster(ctx, station);
    json typed = deputyFromForm(ctx.req);
    const bool editing = ctx.req.param("edit") == "1";
    const std::string id = str(typed, "id");
    json& deputies = roster["deputies"];
    auto it = std::find_if(deputies.begin(), deputies.end(),
                           [&](const json& d) { return str(d, "id") == id; });
    if (!validDeputyId(id))
        return refuseDeputy(ctx, station, roster, typed, editing,
                            "代表编号只能用 1 到 16 个字母、数字或 . _ -。");
    if (editing && it == deputies.end())
        return refuseDeputy(ctx, station, roster, typed, false, "没有这个代表，请重新新增。");
    if (!editing && it != deputies.end())
        return refuseDeputy(ctx, station, roster, typed, false,
                            "代表编号 " + id + " 已经有人使用，请换一个。");
    if (str(typed, "name").empty())
        return refuseDeputy(ctx, station, roster, typed, editing, "请填写代表姓名。");
    const auto levels = labelsOf("level");
    if (std::none_of(levels.begin(), levels.end(),
                     [&](const auto& l) { return l.first == str(typed, "level"); }))
        return refuseDeputy(ctx, station, roster, typed, editing, "请选择代表层级。");

    // Start from the stored deputy so fields this form does not show (avatar…) survive.
    json d = editing ? *it : json::object();
    for (const char* key : {"id", "name", "level", "work_unit", "phone", "active", "disclosure"})
        d[key] = typed[key];
    if (ctx.req.param("drop_photo") == "1") d.erase("photo");
    std::string detail = editing ? "修改" : "新增";
    if (const auto f = ctx.req.files.find("photo");
        f != ctx.req.files.end() && !f->second.content.empty()) {
        const auto photo = normalisePhoto(f->second.content);
        if (!photo.error.empty()) {
            if (editing && it->contains("photo")) typed["photo"] = (*it)["photo"];
            return refuseDeputy(ctx, station, roster, typed, editing, photo.error);
        }
        const platform::Bytes bytes(photo.jpeg.begin(), photo.jpeg.end());
        d["photo"] = platform::toBase64(bytes);
        d.erase("avatar");
        detail += "（含照片）";
    }
    if (editing)
        *it = d;
    else
        deputies.push_back(d);
    if (const auto error = saveRoster(ctx, station, roster); !error.empty())
        return refuseDeputy(ctx, station, currentRoster(ctx, station), typed, editing, error);
    ctx.audit("roster.deputy", station + "/" + id, detail + " " + str(d, "name"));
    ctx.redirect("/roster/" + html::urlEncode(station),
                 "代表 " + str(d, "name") + " 已保存，联络站下次同步时更新。");
}

void removeDeputy(Context& ctx) {
    const std::string station = ctx.req.matches.at(1), id = ctx.req.matches.at(2);
    if (!knownStation(ctx, station)) return;
    json roster = currentRoster(ctx, station);
    for (auto& d : roster["deputies"]) {
        if (str(d, "id") != id) continue;
        // Deactivated rather than deleted: the kiosk keeps past check-ins and concerns linked.
        d["active"] = false;
        if (const auto error = saveRoster(ctx, station, roster); !error.empty())
            return ctx.fail(400, error);
        ctx.audit("roster.deputy", station + "/" + id, "停用 " + str(d, "name"));
        return ctx.redirect("/roster/" + html::urlEncode(station),
                            "代表 " + str(d, "name") + " 已停用。");
    }
    ctx.fail(404, "没有这个代表。");
}

void saveSlot(Context& ctx) {
    const std::string station = ctx.req.matches.at(1);
    if (!knownStation(ctx, station)) return;
    json roster = currentRoster(ctx, station);
    json& slots = roster["slots"];
    const std::string indexText = ctx.req.param("index");
    const int index = indexText.empty() ? -1 : std::atoi(indexText.c_str());
    json typed{{"date", ctx.req.param("date")},
               {"start", ctx.req.param("start")},
               {"end", ctx.req.param("end")},
               {"kind", ctx.req.param("kind")},
               {"place", ctx.req.param("place")},
               {"note", ctx.req.param("note")},
               {"deputies", ctx.req.paramList("deputy")}};
    auto refuse = [&](const std::string& error) {
        ctx.res.status = 400;
        renderStation(ctx, station, roster, error, std::nullopt, false, typed,
                      index >= 0 && index < static_cast<int>(slots.size()) ? index : -1);
    };
    if (index >= static_cast<int>(slots.size())) return refuse("这条安排已不存在，请重新新增。");
    if (!parseDate(str(typed, "date"))) return refuse("日期格式不对，应为 2026-12-15 这样的格式。");
    if (!validTime(str(typed, "start")) || !validTime(str(typed, "end")))
        return refuse("时间格式不对，应为 09:00 这样的格式。");
    if (str(typed, "end") <= str(typed, "start")) return refuse("结束时间应晚于开始时间。");
    const auto kinds = labelsOf("slot_kind");
    if (std::none_of(kinds.begin(), kinds.end(),
                     [&](const auto& k) { return k.first == str(typed, "kind"); }))
        return refuse("请选择安排类型。");
    for (const auto& id : typed["deputies"])
        if (std::none_of(roster["deputies"].begin(), roster["deputies"].end(),
                         [&](const json& d) { return d["id"] == id; }))
            return refuse("安排的代表不在本站名单中：" + id.get<std::string>());

    // A stable id, so the kiosk updates this slot in place when it is edited later.
    json s = index >= 0 ? slots[index] : json{{"id", "c-" + platform::newUuid().substr(0, 8)}};
    for (const char* key : {"date", "start", "end", "kind", "place", "note", "deputies"})
        s[key] = typed[key];
    if (index >= 0)
        slots[index] = s;
    else
        slots.push_back(s);
    if (const auto error = saveRoster(ctx, station, roster); !error.empty()) return refuse(error);
    ctx.audit("roster.slot", station + "/" + str(s, "id"),
              std::string(index >= 0 ? "修改 " : "新增 ") + str(s, "date") + " " +
                  labelOf("slot_kind", str(s, "kind")));
    ctx.redirect("/roster/" + html::urlEncode(station),
                 str(s, "date") + " 的安排已保存，联络站下次同步时更新。");
}

void deleteSlot(Context& ctx) {
    const std::string station = ctx.req.matches.at(1);
    if (!knownStation(ctx, station)) return;
    json roster = currentRoster(ctx, station);
    json& slots = roster["slots"];
    const std::size_t index = std::strtoul(ctx.req.matches.at(2).c_str(), nullptr, 10);
    if (index >= slots.size()) return ctx.fail(404, "这条安排已不存在。");
    const json gone = slots[index];
    slots.erase(slots.begin() + static_cast<std::ptrdiff_t>(index));
    if (const auto error = saveRoster(ctx, station, roster); !error.empty())
        return ctx.fail(400, error);
    ctx.audit("roster.slot", station + "/" + str(gone, "id"), "删除 " + str(gone, "date"));
    ctx.redirect("/roster/" + html::urlEncode(station), str(gone, "date") + " 的安排已删除。");
}

}  // namespace

void registerRosterPages(WebApp& app) {
    app.get("/roster", Access::Admin, stationsPage);
    app.get(R"(/roster/([^/]+))", Access::Admin, stationPage);
    app.post(R"(/roster/([^/]+)/station)", Access::Admin, saveStation);
    app.post(R"(/roster/([^/]+)/deputy)", Access::Admin, saveDeputy);
    app.post(R"(/roster/([^/]+)/deputy/([^/]+)/remove)", Access::Admin, removeDeputy);
    app.post(R"(/roster/([^/]+)/slot)", Access::Admin, saveSlot);
    app.post(R"(/roster/([^/]+)/slot/(\d+)/delete)", Access::Admin, deleteSlot);
}

}  // namespace csync::server::staff
