#include "sync/protocol/text.hpp"

namespace csync {

std::optional<std::size_t> textLength(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return std::nullopt;
        if (n == 1 && c < 0x20 && c != '\n' && c != '\r' && c != '\t') return std::nullopt;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
        i += n;
    }
    return count;
}

}  // namespace csync
