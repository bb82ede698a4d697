#include "sync/protocol/disclosure.hpp"

#include "sync/model/deputy_level.hpp"

namespace csync {

bool publishedByRule(std::string_view levelId) {
    const auto level = model::parseLevel(levelId);
    return level == model::Level::County || level == model::Level::Township;
}

PublicFields publicFields(std::string_view levelId, const DisclosureChoice& chosen) {
    const bool rule = publishedByRule(levelId);
    return {rule || chosen.name, rule || chosen.photo, rule || chosen.workUnit, chosen.phone};
}

DisclosureChoice disclosureFromJson(const nlohmann::json& deputy) {
    DisclosureChoice c;
    const auto it = deputy.find("disclosure");
    if (it == deputy.end() || !it->is_object()) return c;
    auto flag = [&](const char* key) {
        const auto f = it->find(key);
        return f != it->end() && f->is_boolean() && f->get<bool>();
    };
    c.name = flag("name");
    c.photo = flag("photo");
    c.workUnit = flag("work_unit");
    c.phone = flag("phone");
    return c;
}

}  // namespace csync
