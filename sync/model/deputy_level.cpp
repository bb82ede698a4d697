#include "sync/model/deputy_level.hpp"

#include "sync/model/id_table.hpp"

namespace csync::model {
namespace {

constexpr IdTable<Level, 5> kLevelIds{{
    {Level::National, "national"},
    {Level::Provincial, "provincial"},
    {Level::City, "city"},
    {Level::County, "county"},
    {Level::Township, "township"},
}};

}  // namespace

std::string_view levelId(Level level) {
    return idOf(kLevelIds, level);
}

std::optional<Level> parseLevel(std::string_view id) {
    return parseId(kLevelIds, id);
}

const std::vector<Level>& allLevels() {
    static const std::vector<Level> levels = valuesOf(kLevelIds);
    return levels;
}

}  // namespace csync::model
