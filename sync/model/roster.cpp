#include "sync/model/roster.hpp"

#include <stdexcept>

#include "platform/crypto.hpp"
#include "sync/model/id_table.hpp"

namespace csync::model {
namespace {

using nlohmann::json;

constexpr IdTable<SlotKind, 8> kSlotKindIds{{
    {SlotKind::ReceptionDay, "reception_day"},
    {SlotKind::Inspection, "inspection"},
    {SlotKind::Study, "study"},
    {SlotKind::ReportToVoters, "report_to_voters"},
    {SlotKind::LegalConsultation, "legal_consultation"},
    {SlotKind::LegalPublicity, "legal_publicity"},
    {SlotKind::Discussion, "discussion"},
    {SlotKind::Training, "training"},
}};

std::string str(const json& j, const char* key, const std::string& fallback = "") {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (!it->is_string()) throw std::invalid_argument(std::string(key) + " must be a string");
    return it->get<std::string>();
}

int timeOf(const json& j, const char* key) {
    const auto t = parseTimeOfDay(str(j, key));
    if (!t) throw std::invalid_argument(std::string("slot ") + key + " must be HH:MM");
    return *t;
}

std::vector<std::string> idsOf(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_array()) throw std::invalid_argument(std::string(key) + " must be a list of ids");
    std::vector<std::string> ids;
    for (const auto& id : *it) {
        if (!id.is_string())
            throw std::invalid_argument(std::string(key) + " must be a list of ids");
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

const json& objectOf(const json& j, const char* what) {
    if (!j.is_object()) throw std::invalid_argument(std::string(what) + " must be an object");
    return j;
}

Station stationFromJson(const json& s) {
    objectOf(s, "station");
    Station station{str(s, "id"),          str(s, "name"),         str(s, "address"),
                    str(s, "county_code"), kChinaUtcOffsetMinutes, str(s, "seal_key"),
                    str(s, "hotline")};
    if (const auto it = s.find("utc_offset_minutes"); it != s.end()) {
        if (!it->is_number_integer() || it->get<int>() < -14 * 60 || it->get<int>() > 14 * 60)
            throw std::invalid_argument("utc_offset_minutes must be minutes east of UTC");
        station.utcOffsetMinutes = it->get<int>();
    }
    if (!station.countySealKey.empty()) {
        const auto key = platform::fromBase64(station.countySealKey);
        if (!key || key->size() != 32)
            throw std::invalid_argument("seal_key must be a base64 32-byte public key");
    }
    return station;
}

Deputy deputyFromJson(const json& j) {
    objectOf(j, "every deputy");
    Deputy d;
    d.id = str(j, "id");
    d.name = str(j, "name");
    if (d.id.empty() || d.name.empty())
        throw std::invalid_argument("every deputy needs an id and a name (" + d.id + ")");
    const auto level = parseLevel(str(j, "level"));
    if (!level) throw std::invalid_argument("deputy " + d.id + ": unknown level");
    d.level = *level;
    d.workUnit = str(j, "work_unit");
    d.phone = str(j, "phone");
    if (j.contains("photo")) {
        const auto photo = platform::fromBase64(str(j, "photo"));
        if (!photo) throw std::invalid_argument("deputy " + d.id + ": photo is not base64");
        d.photo.assign(photo->begin(), photo->end());
    }
    // No entry, or a field left out: not published (privacy defaults deny).
    d.disclosure = disclosureFromJson(j);
    if (const auto it = j.find("active"); it != j.end()) {
        if (!it->is_boolean())
            throw std::invalid_argument("deputy " + d.id + ": active must be true or false");
        d.active = it->get<bool>();
    }
    return d;
}

}  // namespace

std::string_view slotKindId(SlotKind kind) {
    return idOf(kSlotKindIds, kind);
}

std::optional<SlotKind> parseSlotKind(std::string_view id) {
    return parseId(kSlotKindIds, id);
}

const std::vector<SlotKind>& allSlotKinds() {
    static const std::vector<SlotKind> kinds = valuesOf(kSlotKindIds);
    return kinds;
}

std::string defaultSlotId(const ReceptionSlot& slot) {
    return "demo-" + formatDate(slot.date) + "-" + std::string(slotKindId(slot.kind));
}

ReceptionSlot slotFromJson(const json& j) {
    objectOf(j, "every slot");
    ReceptionSlot s;
    const auto kind = parseSlotKind(str(j, "kind", "reception_day"));
    if (!kind) throw std::invalid_argument("unknown slot kind " + str(j, "kind"));
    s.kind = *kind;
    const auto date = parseDate(str(j, "date"));
    if (!date) throw std::invalid_argument("slot date must be YYYY-MM-DD");
    s.date = *date;
    s.startMinute = timeOf(j, "start");
    s.endMinute = timeOf(j, "end");
    s.place = str(j, "place");
    s.note = str(j, "note");
    s.plannedDeputies = idsOf(j, "deputies");
    s.id = str(j, "id");
    if (s.id.empty()) s.id = defaultSlotId(s);
    return s;
}

StationRoster rosterFromJson(const json& j) {
    objectOf(j, "the roster");
    StationRoster r;
    if (const auto it = j.find("station"); it != j.end()) r.station = stationFromJson(*it);
    if (const auto it = j.find("deputies"); it != j.end()) {
        if (!it->is_array()) throw std::invalid_argument("deputies must be a list");
        for (const auto& d : *it) r.deputies.push_back(deputyFromJson(d));
    }
    if (const auto it = j.find("slots"); it != j.end()) {
        if (!it->is_array()) throw std::invalid_argument("slots must be a list");
        for (const auto& s : *it) r.slots.push_back(slotFromJson(s));
        r.hasSlots = true;
    }
    return r;
}

json toJson(const Deputy& d) {
    json j{{"id", d.id},
           {"name", d.name},
           {"level", std::string(levelId(d.level))},
           {"work_unit", d.workUnit},
           {"phone", d.phone},
           {"active", d.active},
           {"disclosure",
            {{"name", d.disclosure.name},
             {"photo", d.disclosure.photo},
             {"work_unit", d.disclosure.workUnit},
             {"phone", d.disclosure.phone}}}};
    if (!d.photo.empty())
        j["photo"] = platform::toBase64(platform::Bytes(d.photo.begin(), d.photo.end()));
    return j;
}

json toJson(const ReceptionSlot& s) {
    return {{"id", s.id},
            {"date", formatDate(s.date)},
            {"start", formatTimeOfDay(s.startMinute)},
            {"end", formatTimeOfDay(s.endMinute)},
            {"place", s.place},
            {"kind", std::string(slotKindId(s.kind))},
            {"note", s.note},
            {"deputies", s.plannedDeputies}};
}

json toJson(const StationRoster& r) {
    json out = json::object();
    if (r.station)
        out["station"] = {{"id", r.station->id},
                          {"name", r.station->name},
                          {"address", r.station->address},
                          {"county_code", r.station->countyCode},
                          {"utc_offset_minutes", r.station->utcOffsetMinutes},
                          {"seal_key", r.station->countySealKey},
                          {"hotline", r.station->hotline}};
    out["deputies"] = json::array();
    for (const auto& d : r.deputies) out["deputies"].push_back(toJson(d));
    if (r.hasSlots || !r.slots.empty()) {
        out["slots"] = json::array();
        for (const auto& s : r.slots) out["slots"].push_back(toJson(s));
    }
    return out;
}

}  // namespace csync::model
