#pragma once
// Untrusted JSON is measured before it is parsed: nlohmann::json builds a tree as deep as the
// text and serialises it recursively, so a few kilobytes of "[[[[" cost hundreds of megabytes
// or the stack (issue 18). Every body that arrives from the network goes through here.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace csync {

/// Deepest nesting a protocol message needs (a batch's record payload included), with room.
inline constexpr std::size_t kMaxJsonDepth = 32;

/// Why text may not be parsed ("" when it may): longer than maxBytes, or nested deeper than
/// maxDepth (arrays and objects, outside strings). Linear, no allocation.
std::string jsonShapeProblem(std::string_view text, std::size_t maxBytes,
                             std::size_t maxDepth = kMaxJsonDepth);

/// Parses text once jsonShapeProblem allows it; nullopt (and *problem set) otherwise, or when
/// it is not JSON.
std::optional<nlohmann::json> parseBoundedJson(std::string_view text, std::size_t maxBytes,
                                               std::string* problem = nullptr,
                                               std::size_t maxDepth = kMaxJsonDepth);

}  // namespace csync
