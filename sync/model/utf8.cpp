#include "sync/model/utf8.hpp"

namespace csync::model {

Utf8Step decodeUtf8(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) return {c, 1, true};
    std::size_t extra;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return {};
    }
    if (text.size() - at <= extra) return {};
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(text[at + k]);
        if ((b & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, extra + 1, true};
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string toUtf8(char32_t cp) {
    std::string out;
    appendUtf8(out, cp);
    return out;
}

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step s = decodeUtf8(text, i);
        if (!s.ok) return false;
        i += s.length;
    }
    return true;
}

std::size_t codePointCount(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::vector<char32_t> codePointsOf(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t cp, std::size_t, std::size_t) { out.push_back(cp); });
    return out;
}

std::vector<char32_t> codePointsOrReplacement(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step s = decodeUtf8(text, i);
        out.push_back(s.ok ? s.codePoint : U'\uFFFD');
        i += s.length;
    }
    return out;
}

std::string trimSpaces(std::string_view text) {
    static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    for (;;) {
        if (!text.empty() && isSpace(text.front())) {
            text.remove_prefix(1);
        } else if (text.starts_with(kIdeographicSpace)) {
            text.remove_prefix(kIdeographicSpace.size());
        } else if (!text.empty() && isSpace(text.back())) {
            text.remove_suffix(1);
        } else if (text.ends_with(kIdeographicSpace)) {
            text.remove_suffix(kIdeographicSpace.size());
        } else {
            return std::string(text);
        }
    }
}

std::optional<std::u32string> typedCodePoints(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step s = decodeUtf8(text, i);
        if (!s.ok) return std::nullopt;
        if (s.codePoint < 0x20 && s.codePoint != '\n' && s.codePoint != '\r' && s.codePoint != '\t')
            return std::nullopt;
        out.push_back(s.codePoint);
        i += s.length;
    }
    return out;
}

std::optional<std::size_t> textLength(std::string_view text) {
    const auto cps = typedCodePoints(text);
    if (!cps) return std::nullopt;
    return cps->size();
}

}  // namespace csync::model
