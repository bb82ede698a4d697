#pragma once
// The station ledger (台账): receptions and other activities with people received and notes.
#include <optional>
#include <vector>

#include "kiosk/domain/station.hpp"
#include "kiosk/store/sqlite.hpp"
#include "platform/clock.hpp"

namespace kiosk::store {

class LedgerRepository {
public:
    LedgerRepository(Database& db, const platform::Clock& clock) : m_db(db), m_clock(clock) {}
    /// Records an entry (time = now when entry.at is 0), queued for the county. Throws
    /// StoreError(InvalidInput) for empty activity, negative people or invalid UTF-8.
    domain::LedgerEntry add(domain::LedgerEntry entry);
    /// Entries in [range.begin, range.end), or all, oldest first.
    std::vector<domain::LedgerEntry> list(std::optional<domain::MonthRange> range = std::nullopt);

private:
    Database& m_db;
    const platform::Clock& m_clock;
};

}  // namespace kiosk::store
