#pragma once
// The county's station desk: what a station receives as its configuration. The API serves it;
// the pieces come from the backend (roster, keys, revocations) and the office's settings (the
// public progress page, announcements in force).
#include <cstdint>
#include <string>

#include "sync/server/backend.hpp"

namespace csync::server::desk {

/// The station's config with the county's public progress page ("track_url") and the
/// announcements in force, and an ETag that changes whenever any of them does.
StationConfig stationConfig(Backend& backend, const std::string& station, std::int64_t nowMs);

}  // namespace csync::server::desk
