#pragma once
// Text typed by people (staff forms, announcements, summaries): validity, length in characters
// as they count them, and code points.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace csync {

/// Code points of valid UTF-8 text, or nullopt when the bytes are not UTF-8 or hold control
/// characters other than line breaks and tabs.
std::optional<std::size_t> textLength(std::string_view s);

/// The code points of text that textLength accepts; nullopt where it returns nullopt.
std::optional<std::u32string> codePoints(std::string_view s);

}  // namespace csync
