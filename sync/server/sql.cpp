#include "sync/server/sql.hpp"

#include <charconv>

namespace csync::server {

std::int64_t SqlRow::integer(std::size_t i) const {
    const std::string& v = m_values.at(i);
    std::int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}

std::string sqliteParameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$') {
            c = '?';
        }
        out += c;
    }
    return out;
}

}  // namespace csync::server
