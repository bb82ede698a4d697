#pragma once
// The five levels of people's congress a deputy belongs to, with the ids used in storage, on
// the wire and in roster files: one list for the kiosk, the county server and the disclosure
// rule.
#include <optional>
#include <string_view>
#include <vector>

namespace csync::model {

enum class Level { National, Provincial, City, County, Township };

/// Stable id used in storage and on the wire ("national", ..., "township").
std::string_view levelId(Level level);

/// Parses a level id; nullopt if unknown.
std::optional<Level> parseLevel(std::string_view id);

/// All five levels, highest first.
const std::vector<Level>& allLevels();

}  // namespace csync::model
