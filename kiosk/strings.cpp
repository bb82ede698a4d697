#include "kiosk/strings.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "platform/assets.hpp"

namespace kiosk {
namespace {

const std::map<std::string, std::string, std::less<>>& table() {
    static const auto strings = [] {
        const auto text = platform::asset("strings/zh-CN.json");
        if (!text) throw std::runtime_error("string table strings/zh-CN.json is not embedded");
        return nlohmann::json::parse(*text).get<std::map<std::string, std::string, std::less<>>>();
    }();
    return strings;
}

}  // namespace

const std::string& tr(std::string_view key) {
    static thread_local std::string missing;
    const auto& t = table();
    if (auto it = t.find(key); it != t.end()) return it->second;
    missing.assign(key);
    return missing;
}

bool hasString(std::string_view key) {
    return table().find(key) != table().end();
}

std::vector<std::string> stringKeys() {
    std::vector<std::string> keys;
    for (const auto& [k, v] : table()) keys.push_back(k);
    return keys;
}

}  // namespace kiosk
