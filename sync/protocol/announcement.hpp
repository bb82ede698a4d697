#pragma once
// Announcements (通知公告): written by county staff, sent to every station of the county in its
// config, shown on the kiosk's Home and in a list while they run. One model and one rule of
// validity for the county's pages and the kiosk; the kiosk judges "showing" by its own clock, so
// an announcement ends on time without a sync.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace csync {

/// Longest title and text, in characters: a title fits one line of the Home banner.
inline constexpr std::size_t kAnnouncementTitleChars = 30;
inline constexpr std::size_t kAnnouncementTextChars = 500;
/// At most this many go to a station (the newest); older ones wait on the county's page.
inline constexpr std::size_t kAnnouncementsSent = 20;

struct Announcement {
    std::string id;
    std::string title;
    std::string text;
    std::int64_t fromMs = 0;   // shown from (inclusive)
    std::int64_t untilMs = 0;  // until (exclusive); ending one early moves this to now
    bool operator==(const Announcement&) const = default;
};

enum class AnnouncementState { Upcoming, Showing, Ended };

/// What is wrong with an announcement staff wrote, in Chinese with what to do; "" if nothing.
std::string announcementProblem(const Announcement& a);

/// Upcoming before fromMs, Showing in [fromMs, untilMs), Ended after.
AnnouncementState announcementState(const Announcement& a, std::int64_t nowMs);

/// The wire form {"id","title","text","from","until"} (epoch milliseconds).
nlohmann::json toJson(const Announcement& a);

/// Reads one; nullopt when a field is missing, of the wrong type, or announcementProblem finds
/// something (a station shows only what the county's pages would have accepted).
std::optional<Announcement> announcementFromJson(const nlohmann::json& j);

/// The config's "announcements" array; entries that do not read are left out.
std::vector<Announcement> announcementsFromJson(const nlohmann::json& list);

/// Those showing at nowMs, the most recently started first.
std::vector<Announcement> showingAt(std::vector<Announcement> all, std::int64_t nowMs);

}  // namespace csync
