#include "kiosk/domain/deputy.hpp"

#include "kiosk/domain/id_table.hpp"
#include "sync/protocol/disclosure.hpp"

namespace kiosk::domain {
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

VisibleFields visibleFields(const Deputy& deputy) {
    const Disclosure& d = deputy.disclosure;
    const auto v =
        csync::publicFields(levelId(deputy.level), {d.name, d.photo, d.workUnit, d.phone});
    return {v.name, v.photo, v.workUnit, v.phone};
}

Deputy publicView(const Deputy& deputy) {
    const VisibleFields v = visibleFields(deputy);
    Deputy out = deputy;
    if (!v.name) out.name.clear();
    if (!v.photo) out.photo.clear();
    if (!v.workUnit) out.workUnit.clear();
    if (!v.phone) out.phone.clear();
    return out;
}

}  // namespace kiosk::domain
