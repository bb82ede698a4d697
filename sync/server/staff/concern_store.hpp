#pragma once
// Data access for the concern inbox and the public progress page: the concerns stations sent
// (concern + record payload), the county's handling (concern_work), its history (concern_event,
// concern_update and the station's own concern_update records) and office settings. All SQL of
// these pages lives here; every value is a parameter.
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sync/server/backend.hpp"
#include "sync/server/sql.hpp"

namespace csync::server::staff {

/// One concern as the county sees it.
struct ConcernRow {
    std::string id;  // record id
    std::string station;
    std::string stationName;
    std::string receipt;  // normalised (no dashes)
    std::int64_t createdAt = 0;
    std::string status;        // received, forwarded, in_progress, answered, closed
    std::string disposition;   // set at the station
    std::string satisfaction;  // the citizen's rating, "" when none
    std::string answer;        // the published answer
    nlohmann::json payload;    // what the kiosk recorded (text, category, place, deputy…)
    // The county's handling (concern_work).
    std::string organ;
    std::string workDisposition;
    std::string answerDraft;
    std::int64_t publishedAt = 0;
    std::int64_t closedAt = 0;
    std::string summary;  // 公示摘要 (draft until published with the answer)

    /// A string field of the payload, or "".
    std::string field(const char* name) const;
};

/// How the concern was taken, with the liaison officer's name when one logged in by name
/// ("联络员代为登记：刘小红").
std::string takenByText(const ConcernRow& c);

/// Filters of the inbox; empty strings and nullopt match everything.
struct ConcernFilter {
    std::string station;
    std::string category;
    std::string status;
    std::string deputy;
    std::string search;  // in text, receipt, answer and draft (case-insensitive for ASCII)
    std::optional<std::int64_t> fromMs;   // created at or after
    std::optional<std::int64_t> untilMs;  // created before
};

/// The inbox's answer: one page of the matching concerns newest first, and counts per status
/// of the concerns matching every filter but the status one.
struct ConcernList {
    std::vector<ConcernRow> rows;  // the page asked for
    std::map<std::string, std::int64_t> statusCounts;
    std::int64_t total = 0;     // matching every filter but status
    std::int64_t matching = 0;  // matching every filter (all pages)
};

/// One line of a concern's history.
struct ConcernEventRow {
    std::int64_t at = 0;
    std::string who;
    std::string what;  // Chinese, ready to escape and show
};

/// Columns of concern_work the pages change.
enum class WorkField { Organ, Disposition, AnswerDraft, PublishedAt, ClosedAt };

/// Concerns matching filter, limit of them from offset on (see ConcernList); filtered, counted
/// and paged in SQL.
ConcernList findConcerns(SqlSession& sql, const ConcernFilter& filter, std::size_t offset = 0,
                         std::size_t limit = std::numeric_limits<std::size_t>::max());
/// The concern with this record id.
std::optional<ConcernRow> loadConcern(SqlSession& sql, const std::string& id);
/// Its history in time order: received, county actions, published updates, station changes.
std::vector<ConcernEventRow> concernHistory(SqlSession& sql, const ConcernRow& concern);
/// Sets one field of the county's handling (creating the row on first use).
void setWork(SqlSession& sql, const std::string& concern, WorkField field, const SqlValue& value,
             std::int64_t nowMs);
/// Keeps the 公示摘要 of a concern (saved with the answer draft, sent when it is published).
void setSummary(SqlSession& sql, const std::string& concern, const std::string& summary,
                std::int64_t nowMs);
/// Adds a line to the concern's history.
void addConcernEvent(SqlSession& sql, const std::string& concern, const std::string& user,
                     const std::string& kind, const std::string& detail, std::int64_t nowMs);
/// Organs concerns were assigned to before, most used first (for the datalist).
std::vector<std::string> organsUsed(SqlSession& sql);
/// Every station {id, name}, by name.
std::vector<std::pair<std::string, std::string>> stationOptions(SqlSession& sql);
/// Every deputy of every station roster {id, name}, by name (ids once).
std::vector<std::pair<std::string, std::string>> deputyOptions(SqlSession& sql);
/// The name of a deputy id on a station's roster, or "" when unknown.
std::string deputyName(SqlSession& sql, const std::string& station, const std::string& id);

/// What the public progress page may show: no text, no contact, no names.
struct TrackInfo {
    std::string status;
    std::int64_t createdAt = 0;
    std::string category;
    std::string stationName;
    std::string answer;
    std::int64_t answeredAt = 0;  // when the answer was published (0 when none)
};
/// The concern with this normalised receipt code, when exactly one station has it.
std::optional<TrackInfo> trackConcern(SqlSession& sql, const std::string& receipt);

/// An office_setting value, or "".
std::string officeSetting(SqlSession& sql, const std::string& key);
/// Stores an office_setting value ("" deletes it).
void setOfficeSetting(SqlSession& sql, const std::string& key, const std::string& value);
/// The public base URL of the progress page (office_setting public_url), or "".
std::string publicUrl(SqlSession& sql);

}  // namespace csync::server::staff
