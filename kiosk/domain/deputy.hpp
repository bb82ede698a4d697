#pragma once
// Deputies and the disclosure rule of seed 002 §5 (sync/protocol/disclosure.hpp, shared with the
// county's roster pages): county and township deputies' name, photo and work unit are always
// published at the station; a phone number and higher-level deputies' fields only as chosen.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/deputy_level.hpp"
#include "sync/model/roster.hpp"

namespace kiosk::domain {

using csync::model::allLevels;
using csync::model::Level;
using csync::model::levelId;
using csync::model::parseLevel;

/// What a deputy has agreed to publish; a field not stated is not published.
using Disclosure = csync::DisclosureChoice;
using csync::model::Deputy;

/// Which fields of a deputy may be shown to the public.
struct VisibleFields {
    bool name = false;
    bool photo = false;
    bool workUnit = false;
    bool phone = false;
};

/// Applies the disclosure rule: county/township name, photo and work unit always; the rest as
/// the deputy chose.
VisibleFields visibleFields(const Deputy& deputy);

/// A copy of the deputy holding only what may be shown (hidden fields emptied).
Deputy publicView(const Deputy& deputy);

}  // namespace kiosk::domain
