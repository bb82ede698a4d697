#pragma once
// Transactional outbox: every record the county must receive is queued in the same transaction
// as the record itself, and stays until the county acknowledges it.
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/store/sqlite.hpp"
#include "sync/protocol/record.hpp"

namespace kiosk::store {

struct OutboxCounts {
    std::int64_t pending = 0;
    std::int64_t acked = 0;
};

class OutboxRepository {
public:
    explicit OutboxRepository(Database& db) : m_db(db) {}
    /// Queues a record; call inside the transaction that writes the record itself.
    void enqueue(const csync::Record& record);
    /// Oldest unacknowledged records, at most limit.
    std::vector<csync::Record> pending(std::size_t limit);
    /// Every queued record, acknowledged or not, oldest first.
    std::vector<csync::Record> all();
    /// Marks records acknowledged by the county at time `at` and purges the sealed contact data
    /// of acknowledged concerns from the kiosk (DESIGN.md §8). One transaction.
    void markAcked(const std::vector<std::string>& ids, std::int64_t at);
    /// Pending and acknowledged counts.
    OutboxCounts counts();
    /// Pending count only (cheap on a station with years of acknowledged records).
    std::int64_t pendingCount();

private:
    Database& m_db;
};

}  // namespace kiosk::store
