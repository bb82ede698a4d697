#include "sync/server/export.hpp"

#include <set>

#include "platform/log.hpp"

namespace csync::server {
namespace {

using nlohmann::json;

// Columns in the order staff read them; any other payload field follows, alphabetically.
const std::vector<std::string> kConcernColumns{
    "id",    "station", "received_at", "receipt", "created_at",   "category",     "text",
    "place", "deputy",  "taken_by",    "status",  "contact_name", "contact_phone"};
const std::vector<std::string> kCheckinColumns{
    "id", "station", "received_at", "deputy", "at", "direction", "method", "key_id", "planned"};

// Opens a concern's sealed contact ({"name", "phone"}) into the row.
void openContact(json& row, const platform::SealKeyPair& keys) {
    std::string name, phone;
    if (auto it = row.find("contact_sealed"); it != row.end()) {
        const auto box =
            it->is_string() ? platform::fromBase64(it->get<std::string>()) : std::nullopt;
        const auto plain = box ? platform::openSealed(keys, *box) : std::nullopt;
        const json contact = plain ? json::parse(*plain, nullptr, false) : json();
        if (contact.is_object()) {
            name = contact.value("name", "");
            phone = contact.value("phone", "");
        } else {
            // The id only: nothing about the person goes to the log.
            platform::logLine(
                platform::LogLevel::Warning, "export",
                "cannot open the sealed contact of concern " + row.value("id", std::string()));
        }
        row.erase(it);
    }
    row["contact_name"] = name;
    row["contact_phone"] = phone;
}

std::string cell(const json& v) {
    std::string text = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
    // Spreadsheets run cells starting with = + - @ as formulas: citizens' text must stay text.
    if (v.is_string() && !text.empty() &&
        std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
        text.insert(0, "'");
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace

std::string_view exportRecordType(std::string_view kind) {
    if (kind == "concerns") return record_type::Concern;
    if (kind == "checkins") return record_type::Checkin;
    return {};
}

json exportJson(Backend& backend, std::string_view kind) {
    const auto type = exportRecordType(kind);
    if (type.empty()) throw std::invalid_argument("unknown export " + std::string(kind));
    std::optional<platform::SealKeyPair> seal;
    if (type == record_type::Concern) {
        const auto county = backend.county();
        if (!county) throw BackendError("the database is not initialised");
        seal = county->seal;
    }
    json rows = json::array();
    for (const auto& r : backend.records(type)) {
        json row = json::parse(r.record.payload);
        row["id"] = r.record.id;
        row["station"] = r.station;
        row["received_at"] = r.receivedAtMs;
        if (seal) openContact(row, *seal);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string exportCsv(Backend& backend, std::string_view kind) {
    const json rows = exportJson(backend, kind);
    std::vector<std::string> columns =
        exportRecordType(kind) == record_type::Concern ? kConcernColumns : kCheckinColumns;
    const std::set<std::string> known(columns.begin(), columns.end());
    std::set<std::string> extra;
    for (const auto& row : rows)
        for (const auto& [key, value] : row.items())
            if (!known.contains(key)) extra.insert(key);
    columns.insert(columns.end(), extra.begin(), extra.end());

    std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8 correctly
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
    out += "\r\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out += ',';
            auto it = row.find(columns[i]);
            if (it != row.end()) out += cell(*it);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace csync::server
