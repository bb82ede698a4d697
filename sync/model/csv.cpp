#include "sync/model/csv.hpp"

namespace csync::model {

std::string csvField(std::string_view text, bool neutralise) {
    std::string out(text);
    if (neutralise && !out.empty() &&
        std::string_view("=+-@\t\r").find(out[0]) != std::string_view::npos)
        out.insert(0, "'");
    if (out.find_first_of(",\"\r\n") == std::string::npos) return out;
    std::string quoted = "\"";
    for (char c : out) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csvLine(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csvField(fields[i]);
    return out + "\r\n";
}

}  // namespace csync::model
