#include "kiosk/store/checkin_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/store/guarded.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/roster_repo.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"
#include "sync/model/utf8.hpp"
#include "sync/protocol/checkin.hpp"

namespace kiosk::store {
namespace {

constexpr const char* kColumns =
    "id, deputy_id, at, direction, method, key_id, planned, reason, voids, officer";

domain::Checkin rowOf(Statement& st) {
    return {st.getText(0),
            st.getText(1),
            st.getInt(2),
            domain::parseDirection(st.getText(3)).value_or(domain::Direction::In),
            domain::parseCheckinMethod(st.getText(4)).value_or(domain::CheckinMethod::Qr),
            st.getText(5),
            st.getInt(6) != 0,
            st.getText(7),
            st.getText(8),
            st.getText(9)};
}

void checkReason(const std::string& reason, bool required) {
    using domain::InputError;
    const auto length = csync::model::textLength(reason);
    if (!length) throw StoreError(StoreErrorKind::InvalidInput, "reason", InputError::InvalidUtf8);
    if (required && reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw StoreError(StoreErrorKind::InvalidInput, "no reason", InputError::ReasonMissing);
    if (*length > csync::kCheckinReasonChars)
        throw StoreError(StoreErrorKind::InvalidInput, "reason", InputError::ReasonTooLong);
}

}  // namespace

domain::Checkin CheckinRepository::record(const std::string& deputyId, domain::Direction direction,
                                          domain::CheckinMethod method, const std::string& keyId,
                                          const std::string& reason, const std::string& officer) {
    RosterRepository roster(m_db);
    const auto deputy = roster.deputy(deputyId);
    if (!deputy || !deputy->active)
        throw StoreError(StoreErrorKind::UnknownDeputy, "unknown deputy " + deputyId);
    // A check-out the deputy confirms with their card needs no reason, nor one staff confirm
    // at the deputy's request; signing in by hand does (seed 003: attendance is checked).
    checkReason(reason,
                method == domain::CheckinMethod::Staff && direction == domain::Direction::In);
    const auto station = StationRepository(m_db).get();
    const int offset = station ? station->utcOffsetMinutes : domain::kChinaUtcOffsetMinutes;

    domain::Checkin c{platform::newUuid(),
                      deputyId,
                      m_clock.nowMs(),
                      direction,
                      method,
                      keyId,
                      false,
                      reason,
                      "",
                      officer};
    c.planned = domain::isPlanned(roster.slots(), deputyId, c.at, offset);
    return insert(std::move(c));
}

domain::Checkin CheckinRepository::correct(const std::string& id, const std::string& reason,
                                           const std::string& officer) {
    checkReason(reason, true);
    auto& st = m_db.cached(std::string("SELECT ") + kColumns + " FROM checkin WHERE id = ?");
    st.bindAll(id);
    if (!st.step()) throw StoreError(StoreErrorKind::NotFound, "no check-in " + id);
    const domain::Checkin target = rowOf(st);
    st.reset();
    using domain::InputError;
    if (!target.voids.empty())
        throw StoreError(StoreErrorKind::InvalidInput, "a correction",
                         InputError::CheckinIsCorrection);
    auto& corrected = m_db.cached("SELECT 1 FROM checkin WHERE voids = ?");
    corrected.bindAll(id);
    const bool already = corrected.step();
    corrected.reset();
    if (already)
        throw StoreError(StoreErrorKind::InvalidInput, "corrected already",
                         InputError::CheckinCorrected);
    domain::Checkin c{platform::newUuid(),
                      target.deputyId,
                      m_clock.nowMs(),
                      target.direction,
                      domain::CheckinMethod::Staff,
                      "",
                      target.planned,
                      reason,
                      target.id,
                      officer};
    return insert(std::move(c));
}

domain::Checkin CheckinRepository::insert(domain::Checkin c) {
    nlohmann::json payload{{"deputy", c.deputyId},
                           {"at", c.at},
                           {"direction", domain::directionId(c.direction)},
                           {"method", domain::checkinMethodId(c.method)},
                           {"key_id", c.keyId},
                           {"planned", c.planned}};
    if (!c.reason.empty()) payload[csync::checkin_field::Reason] = c.reason;
    if (!c.voids.empty()) payload[csync::checkin_field::Voids] = c.voids;
    if (!c.officer.empty()) payload[csync::kOfficerField] = c.officer;
    guarded([&] {
        Transaction tx(m_db);
        m_db.cached(
                "INSERT INTO checkin(id, deputy_id, at, direction, method, key_id, planned, "
                "reason, voids, officer) VALUES(?,?,?,?,?,?,?,?,?,?)")
            .bindAll(c.id, c.deputyId, c.at, std::string(domain::directionId(c.direction)),
                     std::string(domain::checkinMethodId(c.method)), c.keyId, c.planned, c.reason,
                     c.voids, c.officer)
            .run();
        OutboxRepository(m_db).enqueue(
            {c.id, std::string(csync::record_type::Checkin), c.at, csync::canonicalJson(payload)});
        tx.commit();
    });
    return c;
}

std::vector<domain::Checkin> CheckinRepository::list(std::optional<domain::MonthRange> range) {
    // The range's records and every correction (few: a handful a year), whenever it was made.
    auto& st = m_db.cached(std::string("SELECT ") + kColumns +
                           " FROM checkin WHERE (at >= ? AND at < ?) OR voids <> '' "
                           "ORDER BY at, rowid");
    st.bindAll(range ? range->begin : INT64_MIN, range ? range->end : INT64_MAX);
    std::vector<domain::Checkin> all;
    while (st.step()) all.push_back(rowOf(st));
    std::vector<csync::CheckinRef> refs;
    refs.reserve(all.size());
    for (const auto& c : all) refs.push_back({c.id, c.voids});
    const auto counts = csync::countsAsAttendance(refs);
    std::vector<domain::Checkin> out;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (counts[i]) out.push_back(std::move(all[i]));
    return out;
}

}  // namespace kiosk::store
