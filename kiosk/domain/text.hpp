#pragma once
// UTF-8 text rules shared by every input path (touch, keyboard, stationctl, sync).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::domain {

/// True if text is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool isValidUtf8(std::string_view text);

/// Number of Unicode code points in valid UTF-8 text.
std::size_t codePointCount(std::string_view text);

/// The code points of text in order; malformed bytes are skipped.
std::vector<char32_t> codePointsOf(std::string_view text);

/// Text with leading and trailing ASCII and ideographic (U+3000) spaces removed.
std::string trimSpaces(std::string_view text);

}  // namespace kiosk::domain
