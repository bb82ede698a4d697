#pragma once
// The county's announcements (通知公告) on the portable SQL session: written on the staff pages,
// sent to every station with its config (addAnnouncements), ended early by moving their end.
#include <string>
#include <vector>

#include "sync/protocol/announcement.hpp"
#include "sync/server/backend.hpp"
#include "sync/server/sql.hpp"

namespace csync::server::staff {

/// An announcement with who wrote it and when.
struct AnnouncementRow {
    Announcement announcement;
    std::int64_t createdAtMs = 0;
    std::string createdBy;
    std::string endedBy;  // who ended it early, "" if it ran its course
};

/// Stores a new announcement (already checked with announcementProblem).
void addAnnouncement(SqlSession& sql, const Announcement& a, const std::string& by,
                     std::int64_t nowMs);
/// Ends a running or upcoming one at nowMs; false when there is none of that id still running.
bool endAnnouncement(SqlSession& sql, const std::string& id, const std::string& by,
                     std::int64_t nowMs);
/// The newest `limit` announcements by creation, newest first.
std::vector<AnnouncementRow> announcementList(SqlSession& sql, int limit);
/// Puts what has not ended (newest kAnnouncementsSent by start) in a station's config and folds
/// them into its entity tag, so a new or ended announcement reaches the station on its next sync.
void addAnnouncements(Backend& backend, StationConfig& config, std::int64_t nowMs);

}  // namespace csync::server::staff
