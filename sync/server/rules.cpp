#include "sync/server/rules.hpp"

#include <stdexcept>

#include "sync/model/deputy_level.hpp"
#include "sync/protocol/record.hpp"

namespace csync::server {

namespace {

// Whether text matches a pattern of digits ('d') and literal characters, e.g. "dd:dd".
bool hasShape(std::string_view text, std::string_view shape) {
    if (text.size() != shape.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (shape[i] == 'd' ? !(text[i] >= '0' && text[i] <= '9') : text[i] != shape[i])
            return false;
    return true;
}

}  // namespace

bool knownType(std::string_view type) {
    return type == record_type::Concern || type == record_type::ConcernUpdate ||
           type == record_type::Checkin || type == record_type::Ledger;
}

std::string stringField(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string statusesBeforeSql(model::Status to) {
    std::string out;
    for (const auto s : model::statusesBefore(to))
        out += (out.empty() ? "('" : ", '") + std::string(model::statusId(s)) + "'";
    return out + ")";
}

std::string recordIdProblem(std::string_view id) {
    if (id.empty() || id.size() > 64) return "record id must have 1 to 64 characters";
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return "record id may only hold letters, digits and . _ -";
    return "";
}

std::string receiptTakenReason(std::string_view receipt) {
    return "receipt " + std::string(receipt) + " already belongs to another concern";
}

void checkRoster(const std::string& station, const nlohmann::json& config) {
    using nlohmann::json;
    if (!config.is_object()) throw std::invalid_argument("roster must be a JSON object");
    const json stationObj = config.value("station", json::object());
    if (!stationObj.is_object()) throw std::invalid_argument("station must be an object");
    if (stationObj.contains("id") && stationObj["id"] != station)
        throw std::invalid_argument("station.id is " + stationObj["id"].dump() + ", not " +
                                    station);
    const json deputies = config.value("deputies", json::array());
    const json slots = config.value("slots", json::array());
    if (!deputies.is_array() || !slots.is_array())
        throw std::invalid_argument("deputies and slots must be arrays");
    for (const auto& d : deputies)
        if (!d.is_object() || stringField(d, "id").empty() || stringField(d, "name").empty() ||
            !model::parseLevel(stringField(d, "level")))
            throw std::invalid_argument("every deputy needs an id, a name and a level (" +
                                        (d.is_object() ? stringField(d, "id") : "?") + ")");
    for (const auto& s : slots)
        if (!s.is_object() || !hasShape(stringField(s, "date"), "dddd-dd-dd") ||
            !hasShape(stringField(s, "start"), "dd:dd") ||
            !hasShape(stringField(s, "end"), "dd:dd"))
            throw std::invalid_argument("every slot needs date YYYY-MM-DD and start/end HH:MM");
}

}  // namespace csync::server
