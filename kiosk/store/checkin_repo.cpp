#include "kiosk/store/checkin_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/store/guarded.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/roster_repo.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"

namespace kiosk::store {

domain::Checkin CheckinRepository::record(const std::string& deputyId, domain::Direction direction,
                                          domain::CheckinMethod method, const std::string& keyId) {
    RosterRepository roster(m_db);
    const auto deputy = roster.deputy(deputyId);
    if (!deputy || !deputy->active)
        throw StoreError(StoreErrorKind::UnknownDeputy, "unknown deputy " + deputyId);
    const auto station = StationRepository(m_db).get();
    const int offset = station ? station->utcOffsetMinutes : domain::kChinaUtcOffsetMinutes;

    domain::Checkin c{
        platform::newUuid(), deputyId, m_clock.nowMs(), direction, method, keyId, false};
    c.planned = domain::isPlanned(roster.slots(), deputyId, c.at, offset);
    const nlohmann::json payload{{"deputy", c.deputyId},
                                 {"at", c.at},
                                 {"direction", domain::directionId(c.direction)},
                                 {"method", domain::checkinMethodId(c.method)},
                                 {"key_id", c.keyId},
                                 {"planned", c.planned}};
    guarded([&] {
        Transaction tx(m_db);
        m_db.cached(
                "INSERT INTO checkin(id, deputy_id, at, direction, method, key_id, planned) "
                "VALUES(?,?,?,?,?,?,?)")
            .bindAll(c.id, c.deputyId, c.at, std::string(domain::directionId(c.direction)),
                     std::string(domain::checkinMethodId(c.method)), c.keyId, c.planned)
            .run();
        OutboxRepository(m_db).enqueue(
            {c.id, std::string(csync::record_type::Checkin), c.at, csync::canonicalJson(payload)});
        tx.commit();
    });
    return c;
}

std::vector<domain::Checkin> CheckinRepository::list(std::optional<domain::MonthRange> range) {
    auto& st = m_db.cached(
        "SELECT id, deputy_id, at, direction, method, key_id, planned "
        "FROM checkin WHERE at >= ? AND at < ? ORDER BY at, rowid");
    st.bindAll(range ? range->begin : INT64_MIN, range ? range->end : INT64_MAX);
    std::vector<domain::Checkin> out;
    while (st.step())
        out.push_back(
            {st.getText(0), st.getText(1), st.getInt(2),
             domain::parseDirection(st.getText(3)).value_or(domain::Direction::In),
             domain::parseCheckinMethod(st.getText(4)).value_or(domain::CheckinMethod::Qr),
             st.getText(5), st.getInt(6) != 0});
    return out;
}

}  // namespace kiosk::store
