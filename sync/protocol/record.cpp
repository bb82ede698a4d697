#include "sync/protocol/record.hpp"

#include <stdexcept>

namespace csync {

std::string canonicalJson(const nlohmann::json& payload) {
    // nlohmann::json objects keep keys sorted, so dump() is canonical; strict UTF-8 is enforced.
    return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

nlohmann::json toJson(const Record& record) {
    return {{"id", record.id},
            {"type", record.type},
            {"created_at", record.createdAtMs},
            {"payload", nlohmann::json::parse(record.payload)}};
}

Record recordFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("record: not an object");
    auto field = [&](const char* name) -> const nlohmann::json& {
        auto it = json.find(name);
        if (it == json.end()) throw std::invalid_argument(std::string("record: missing ") + name);
        return *it;
    };
    const auto& id = field("id");
    const auto& type = field("type");
    const auto& created = field("created_at");
    const auto& payload = field("payload");
    if (!id.is_string() || id.get_ref<const std::string&>().empty())
        throw std::invalid_argument("record: id must be a non-empty string");
    if (!type.is_string()) throw std::invalid_argument("record: type must be a string");
    if (!created.is_number_integer())
        throw std::invalid_argument("record: created_at must be an integer");
    if (!payload.is_object()) throw std::invalid_argument("record: payload must be an object");
    return Record{id.get<std::string>(), type.get<std::string>(), created.get<std::int64_t>(),
                  canonicalJson(payload)};
}

}  // namespace csync
