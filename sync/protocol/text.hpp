#pragma once
// Length of text typed by people (staff forms, announcements), in characters as they count them.
#include <cstddef>
#include <optional>
#include <string_view>

namespace csync {

/// Code points of valid UTF-8 text, or nullopt when the bytes are not UTF-8 or hold control
/// characters other than line breaks and tabs.
std::optional<std::size_t> textLength(std::string_view s);

}  // namespace csync
