#include "sync/protocol/text.hpp"

namespace csync {

std::optional<std::u32string> codePoints(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return std::nullopt;
        if (n == 1 && c < 0x20 && c != '\n' && c != '\r' && c != '\t') return std::nullopt;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (b & 0x3F);
        }
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::optional<std::size_t> textLength(std::string_view s) {
    const auto cps = codePoints(s);
    if (!cps) return std::nullopt;
    return cps->size();
}

}  // namespace csync
