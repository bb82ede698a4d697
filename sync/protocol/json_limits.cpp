#include "sync/protocol/json_limits.hpp"

namespace csync {

std::string jsonShapeProblem(std::string_view text, std::size_t maxBytes, std::size_t maxDepth) {
    if (text.size() > maxBytes)
        return "the JSON is larger than " + std::to_string(maxBytes) + " bytes";
    std::size_t depth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return "the JSON is nested deeper than " + std::to_string(maxDepth) + " levels";
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return "";
}

std::optional<nlohmann::json> parseBoundedJson(std::string_view text, std::size_t maxBytes,
                                               std::string* problem, std::size_t maxDepth) {
    std::string why = jsonShapeProblem(text, maxBytes, maxDepth);
    if (why.empty()) {
        nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded()) return j;
        why = "the body is not JSON";
    }
    if (problem) *problem = std::move(why);
    return std::nullopt;
}

}  // namespace csync
