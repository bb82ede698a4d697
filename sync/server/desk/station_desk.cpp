#include "sync/server/desk/station_desk.hpp"

#include "platform/crypto.hpp"
#include "sync/server/staff/announcement_store.hpp"
#include "sync/server/staff/concern_store.hpp"

namespace csync::server::desk {
namespace {

// The progress page the station prints on receipts; the ETag covers it, so a new address
// reaches the stations on their next sync.
void addTrackUrl(Backend& backend, StationConfig& config) {
    std::string base;
    {
        auto sql = backend.sql();
        base = staff::publicUrl(*sql);
    }
    if (base.empty()) return;
    config.body["track_url"] = base + "/track/";
    config.etag = platform::toHex(platform::sha256(config.etag + "\n" + base)).substr(0, 32);
    config.body["etag"] = config.etag;
}

}  // namespace

StationConfig stationConfig(Backend& backend, const std::string& station, std::int64_t nowMs) {
    StationConfig config = backend.stationConfig(station);
    addTrackUrl(backend, config);
    staff::addAnnouncements(backend, config, nowMs);
    return config;
}

}  // namespace csync::server::desk
