#include "sync/server/staff/labels.hpp"

#include <nlohmann/json.hpp>

#include "platform/assets.hpp"

namespace csync::server::staff {
namespace {

// The table in file order (nlohmann::ordered_json keeps it), parsed once.
const nlohmann::ordered_json& table() {
    static const nlohmann::ordered_json t = [] {
        const auto text = platform::asset("strings/zh-CN.json");
        return text ? nlohmann::ordered_json::parse(*text, nullptr, false)
                    : nlohmann::ordered_json::object();
    }();
    return t;
}

}  // namespace

std::string label(std::string_view key) {
    const auto& t = table();
    const auto it = t.find(std::string(key));
    return it != t.end() && it->is_string() ? it->get<std::string>() : std::string(key);
}

std::string labelOf(std::string_view group, std::string_view id) {
    const std::string key = std::string(group) + "." + std::string(id);
    std::string text = label(group == "category" ? key + ".name" : key);
    return text.starts_with(key) ? std::string(id) : text;
}

std::vector<std::pair<std::string, std::string>> labelsOf(std::string_view group,
                                                          std::string_view suffix) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string prefix = std::string(group) + ".";
    for (const auto& [key, value] : table().items()) {
        if (!key.starts_with(prefix) || !key.ends_with(suffix) || !value.is_string()) continue;
        const std::string id =
            key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
        if (id.empty() || id.find('.') != std::string::npos) continue;
        out.emplace_back(id, value.get<std::string>());
    }
    return out;
}

}  // namespace csync::server::staff
