#pragma once
// The disclosure rule of seed 002 §5 (DESIGN.md §1), in one place for the kiosk's directory and
// the county's roster pages: county and township deputies' name, photo and work unit are
// published at the station by rule; everything else only when the deputy chose it. A missing
// entry publishes nothing it does not have to: privacy defaults deny.
#include <string_view>

#include <nlohmann/json.hpp>

namespace csync {

/// What a deputy agreed to publish, field by field; false when not stated.
struct DisclosureChoice {
    bool name = false;
    bool photo = false;
    bool workUnit = false;
    bool phone = false;
};

/// Which fields the public may see.
struct PublicFields {
    bool name = false;
    bool photo = false;
    bool workUnit = false;
    bool phone = false;
    bool operator==(const PublicFields&) const = default;
};

/// Whether the rule publishes name, photo and work unit of this level ("county", "township").
bool publishedByRule(std::string_view levelId);

/// The rule: by level (publishedByRule) or as chosen; a phone number only when chosen.
PublicFields publicFields(std::string_view levelId, const DisclosureChoice& chosen);

/// Reads the "disclosure" object of a roster entry ({"name":true,…}); missing keys are false.
DisclosureChoice disclosureFromJson(const nlohmann::json& deputy);

}  // namespace csync
