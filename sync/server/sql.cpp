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

void serialiseWriters(SqlSession& sql, std::string_view table) {
    // table is a fixed name in our code, never input.
    if (sql.dialect() == SqlDialect::Postgres)
        sql.exec("LOCK TABLE " + std::string(table) + " IN EXCLUSIVE MODE");
}

std::string_view byteOrder(SqlDialect dialect) {
    return dialect == SqlDialect::Postgres ? " COLLATE \"C\"" : " COLLATE BINARY";
}

}  // namespace csync::server
