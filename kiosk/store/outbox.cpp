#include "kiosk/store/outbox.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::store {
namespace {

std::vector<csync::Record> readRecords(Statement& st) {
    std::vector<csync::Record> out;
    while (st.step()) out.push_back({st.getText(0), st.getText(1), st.getInt(2), st.getText(3)});
    return out;
}

}  // namespace

void OutboxRepository::enqueue(const csync::Record& r) {
    m_db.cached("INSERT INTO outbox(id, type, created_at, payload) VALUES(?, ?, ?, ?)")
        .bindAll(r.id, r.type, r.createdAtMs, r.payload)
        .run();
}

std::vector<csync::Record> OutboxRepository::pending(std::size_t limit) {
    auto& st = m_db.cached(
        "SELECT id, type, created_at, payload FROM outbox "
        "WHERE acked_at IS NULL ORDER BY seq LIMIT ?");
    st.bindAll(static_cast<std::int64_t>(limit));
    return readRecords(st);
}

std::vector<csync::Record> OutboxRepository::all() {
    return readRecords(
        m_db.cached("SELECT id, type, created_at, payload FROM outbox ORDER BY seq"));
}

void OutboxRepository::markAcked(const std::vector<std::string>& ids, std::int64_t at) {
    Transaction tx(m_db);
    for (const auto& id : ids) {
        m_db.cached("UPDATE outbox SET acked_at = ? WHERE id = ? AND acked_at IS NULL")
            .bindAll(at, id)
            .run();
        // The county holds the contact now; the kiosk keeps no copy, sealed or not.
        auto& payload = m_db.cached(
            "SELECT payload FROM outbox WHERE id = ? AND type = 'concern' AND "
            "payload LIKE '%\"contact_sealed\"%'");
        payload.bindAll(id);
        if (payload.step()) {
            auto json = nlohmann::json::parse(payload.getText(0));
            payload.reset();
            json.erase("contact_sealed");
            m_db.cached("UPDATE outbox SET payload = ? WHERE id = ?")
                .bindAll(csync::canonicalJson(json), id)
                .run();
            m_db.cached("UPDATE concern SET contact_sealed = NULL WHERE id = ?").bindAll(id).run();
        }
    }
    tx.commit();
}

OutboxCounts OutboxRepository::counts() {
    auto& st = m_db.cached(
        "SELECT COUNT(*) FILTER (WHERE acked_at IS NULL), "
        "COUNT(*) FILTER (WHERE acked_at IS NOT NULL) FROM outbox");
    st.step();
    OutboxCounts c{st.getInt(0), st.getInt(1)};
    st.reset();
    return c;
}

std::int64_t OutboxRepository::pendingCount() {
    // The partial index outbox_pending holds only these: years of acknowledged records are
    // not read.
    return m_db.queryInt("SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL");
}

}  // namespace kiosk::store
