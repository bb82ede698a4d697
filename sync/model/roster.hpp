#pragma once
// A station's roster as the county issues it and the station applies it: the station, its
// deputies and its schedule of reception days and activities (seed 002 §5–6). One validating
// reader and one writer for the JSON form, used by stationctl (init --config, roster export),
// the sync client (config from the county) and the county (roster import, the roster pages).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/deputy_level.hpp"
#include "sync/model/local_time.hpp"
#include "sync/protocol/disclosure.hpp"

namespace csync::model {

enum class SlotKind {
    ReceptionDay,       // 接待日
    Inspection,         // 视察
    Study,              // 专题调研
    ReportToVoters,     // 向选民报告履职
    LegalConsultation,  // 法律咨询
    LegalPublicity,     // 法制宣传
    Discussion,         // 座谈交流
    Training,           // 履职学习
};

/// Stable id of a slot kind ("reception_day", ...).
std::string_view slotKindId(SlotKind kind);
/// Parses a slot kind id; nullopt if unknown.
std::optional<SlotKind> parseSlotKind(std::string_view id);
/// Every slot kind in display order.
const std::vector<SlotKind>& allSlotKinds();

struct Station {
    std::string id;
    std::string name;
    std::string address;
    std::string countyCode;
    int utcOffsetMinutes = kChinaUtcOffsetMinutes;
    std::string countySealKey;  // base64 X25519 public key that contact data is sealed to
    std::string hotline;        // county liaison office phone shown on receipts
};

struct Deputy {
    std::string id;
    std::string name;
    Level level = Level::Township;
    std::string workUnit;
    std::string phone;
    std::string photo;            // encoded image bytes (PNG/JPEG); empty when none
    DisclosureChoice disclosure;  // a field not stated is not published
    bool active = true;
};

struct ReceptionSlot {
    std::string id;
    LocalDate date;
    int startMinute = 9 * 60;  // minutes after local midnight
    int endMinute = 12 * 60;
    std::string place;
    SlotKind kind = SlotKind::ReceptionDay;
    std::vector<std::string> plannedDeputies;  // deputy ids
    std::string note;
};

struct StationRoster {
    std::optional<Station> station;
    std::vector<Deputy> deputies;
    std::vector<ReceptionSlot> slots;
    // A roster that states its slots is the whole schedule: a day it leaves out is cancelled.
    bool hasSlots = false;
};

/// The id a slot without one gets: "demo-YYYY-MM-DD-kind" (what stations have stored).
std::string defaultSlotId(const ReceptionSlot& slot);

/// Reads {"station":{…}, "deputies":[…], "slots":[…]}; deputies may carry a base64 "photo".
/// Throws std::invalid_argument naming the field at fault: a station refuses the whole roster
/// for one bad entry, so the county checks with this same reader before storing.
StationRoster rosterFromJson(const nlohmann::json& j);

/// The roster as JSON, the form rosterFromJson reads.
nlohmann::json toJson(const StationRoster& roster);
/// One deputy as JSON (photo as base64).
nlohmann::json toJson(const Deputy& deputy);
/// One slot as JSON.
nlohmann::json toJson(const ReceptionSlot& slot);

/// One slot read the way rosterFromJson reads it.
ReceptionSlot slotFromJson(const nlohmann::json& j);

}  // namespace csync::model
