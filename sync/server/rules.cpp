#include "sync/server/rules.hpp"

#include <stdexcept>

#include "sync/model/roster.hpp"
#include "sync/protocol/record.hpp"

namespace csync::server {

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
    // The station's own reader: what passes here, the station applies.
    const auto roster = model::rosterFromJson(config);
    if (roster.station && !roster.station->id.empty() && roster.station->id != station)
        throw std::invalid_argument("station.id is " + roster.station->id + ", not " + station);
}

}  // namespace csync::server
