#pragma once
// The station's own settings row and the key/value settings table.
#include <optional>
#include <string>

#include "kiosk/domain/station.hpp"
#include "kiosk/store/sqlite.hpp"

namespace kiosk::store {

/// Setting holding the county's progress-page base URL ("https://…/track/") from sync config.
inline constexpr const char* kTrackUrlSetting = "county.track_url";
/// The county's announcements as its config sent them (a JSON array, sync/protocol).
inline constexpr const char* kAnnouncementsSetting = "county.announcements";
/// Setting holding the station's opening hours in canonical text (domain/opening_hours.hpp);
/// unset: always open.
inline constexpr const char* kOpeningHoursSetting = "kiosk.opening_hours";
/// Settings ("1" or unset) for how every visit starts: in large text, with read-aloud on. Each
/// visitor may switch them for the visit; the idle reset and 完成 go back to these.
inline constexpr const char* kLargeTextDefaultSetting = "kiosk.large_text_default";
inline constexpr const char* kReadAloudDefaultSetting = "kiosk.read_aloud_default";

class StationRepository {
public:
    explicit StationRepository(Database& db) : m_db(db) {}
    /// The station, or nullopt before init/enrollment.
    std::optional<domain::Station> get();
    /// Creates or replaces the station settings.
    void put(const domain::Station& station);
    /// A setting's value, or nullopt.
    std::optional<std::string> setting(const std::string& key);
    /// Creates or replaces a setting.
    void setSetting(const std::string& key, const std::string& value);

private:
    Database& m_db;
};

}  // namespace kiosk::store
