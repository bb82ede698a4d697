#pragma once
// UTF-8, written once for the kiosk, the printer, the county server and the tools: decoding one
// sequence, encoding one code point, validity, counting, trimming, and the rule for text people
// type (no control characters other than line breaks and tabs).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csync::model {

/// One decoded sequence: its code point and byte length, or ok=false (length 1) when the bytes
/// at that place are not well-formed UTF-8 (overlongs, surrogates and values above U+10FFFF
/// included).
struct Utf8Step {
    char32_t codePoint = 0;
    std::size_t length = 1;
    bool ok = false;
};

/// Decodes the sequence that starts at byte `at` of text (at < text.size()).
Utf8Step decodeUtf8(std::string_view text, std::size_t at);

/// Calls fn(codePoint, byteOffset, byteLength) for each well-formed sequence, skipping bytes
/// that are not.
template <class Fn>
void forEachCodePoint(std::string_view text, Fn&& fn) {
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step s = decodeUtf8(text, i);
        if (s.ok) fn(s.codePoint, i, s.length);
        i += s.length;
    }
}

/// Appends the UTF-8 of cp (U+FFFD for a surrogate or a value above U+10FFFF).
void appendUtf8(std::string& out, char32_t cp);

/// The UTF-8 of one code point.
std::string toUtf8(char32_t cp);

/// True if text is well-formed UTF-8.
bool isValidUtf8(std::string_view text);

/// Number of code points of valid UTF-8 text (lead bytes counted).
std::size_t codePointCount(std::string_view text);

/// The code points of text in order; malformed bytes are skipped.
std::vector<char32_t> codePointsOf(std::string_view text);

/// The code points of text, each malformed byte as U+FFFD (for layout and printing, where
/// something must take the place).
std::vector<char32_t> codePointsOrReplacement(std::string_view text);

/// Text with leading and trailing ASCII and ideographic (U+3000) spaces removed.
std::string trimSpaces(std::string_view text);

/// The code points of text typed by people, or nullopt when the bytes are not UTF-8 or hold
/// control characters other than line breaks and tabs.
std::optional<std::u32string> typedCodePoints(std::string_view text);

/// Length in characters as people count them of text typedCodePoints accepts, else nullopt.
std::optional<std::size_t> textLength(std::string_view text);

}  // namespace csync::model
