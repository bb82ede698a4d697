#pragma once
// Files from assets/ compiled into the binary (string tables, the demo station).
#include <optional>
#include <string_view>
#include <vector>

namespace platform {

/// Contents of the embedded file at path (relative to assets/, e.g. "demo/station.json").
std::optional<std::string_view> asset(std::string_view path);

/// Paths of all embedded files that start with prefix, in build order.
std::vector<std::string_view> assetPaths(std::string_view prefix);

}  // namespace platform
