#pragma once
// Concerns: recorded with their receipt code, status history and outbox record in one
// transaction; contact data only ever as a sealed box to the county key.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/concern.hpp"
#include "kiosk/domain/station.hpp"
#include "kiosk/store/sqlite.hpp"
#include "platform/clock.hpp"

namespace kiosk::store {

class ConcernRepository {
public:
    ConcernRepository(Database& db, const platform::Clock& clock) : m_db(db), m_clock(clock) {}

    /// Validates and records a concern; returns it once COMMIT has returned. Throws StoreError:
    /// InvalidInput, UnknownDeputy, NoCountyKey (contact given, no key), DiskFull, Io.
    domain::Concern add(const domain::ConcernInput& input);
    /// The concern with this receipt code (any accepted spelling), with its history.
    std::optional<domain::Concern> findByReceipt(std::string_view code);
    /// The concern with this id (the county's concern id is the same), with its history.
    std::optional<domain::Concern> findById(std::string_view id);
    /// Concerns created in [range.begin, range.end), or all, oldest first (history included).
    std::vector<domain::Concern> list(std::optional<domain::MonthRange> range = std::nullopt);
    /// One page of the concerns matching `query`, newest first, with their history.
    std::vector<domain::Concern> page(const domain::ConcernQuery& query, int offset, int limit);
    /// How many concerns match `query`.
    std::int64_t count(const domain::ConcernQuery& query);
    /// The latest `limit` published answers, newest answer first (the results board).
    std::vector<domain::PublishedResult> published(int limit);
    /// How many answers are published in all.
    std::int64_t publishedCount();
    /// Counts of the concerns created at or after `since` (the board's totals this year).
    domain::ConcernTotals totalsSince(domain::EpochMs since);
    /// Staff (the named officer, if any) record what was done with a concern; queued for the
    /// county. 当场解答 needs the note (the answer) and answers an open concern.
    void setDisposition(std::string_view receipt, domain::Disposition disposition,
                        const std::string& note, const std::string& officer = "");
    /// A citizen's rating of an answered concern; once only; queued for the county.
    void rate(std::string_view receipt, domain::Satisfaction satisfaction);
    /// Applies a status change published by the county (with its answer text and 公示摘要, if
    /// any; empty ones keep those published before).
    void applyStatus(std::string_view receipt, domain::Status status, domain::EpochMs at,
                     const std::string& note, const std::string& answer,
                     const std::string& summary = "");
    /// Queues for the county that its update `cursor` (status `status`) could not be applied
    /// here: why is csync::kRefusedNotFound, kRefusedTransition or kRefusedUnknownStatus;
    /// stationStatus is this concern's status here ("" when not found).
    void reportRefusedUpdate(const std::string& concernId, const std::string& receipt,
                             std::int64_t cursor, const std::string& status,
                             const std::string& stationStatus, std::string_view why);

private:
    std::string requireId(std::string_view receipt);
    void queueUpdate(const std::string& concernId, const std::string& receipt,
                     const std::string& field, const std::string& value, const std::string& note);

    Database& m_db;
    const platform::Clock& m_clock;
};

}  // namespace kiosk::store
