#include "kiosk/store/ledger_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/domain/text.hpp"
#include "kiosk/store/guarded.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"

namespace kiosk::store {

domain::LedgerEntry LedgerRepository::add(domain::LedgerEntry e) {
    for (const std::string* s : {&e.activity, &e.notes, &e.slotId})
        if (!domain::isValidUtf8(*s))
            throw StoreError(StoreErrorKind::InvalidInput, "error.invalid_utf8",
                             domain::InputError::InvalidUtf8);
    e.activity = domain::trimSpaces(e.activity);
    if (e.activity.empty())
        throw StoreError(StoreErrorKind::InvalidInput, "error.text_empty",
                         domain::InputError::TextEmpty);
    if (e.peopleReceived < 0 || domain::codePointCount(e.notes) > domain::kMaxConcernChars)
        throw StoreError(StoreErrorKind::InvalidInput, "error.text_too_long",
                         domain::InputError::TextTooLong);
    if (e.id.empty()) e.id = platform::newUuid();
    if (e.at == 0) e.at = m_clock.nowMs();
    const nlohmann::json deputies = e.deputies;
    nlohmann::json payload{{"at", e.at},           {"activity", e.activity},
                           {"slot", e.slotId},     {"people", e.peopleReceived},
                           {"deputies", deputies}, {"notes", e.notes}};
    if (!e.officer.empty()) payload[csync::kOfficerField] = e.officer;
    guarded([&] {
        Transaction tx(m_db);
        m_db.cached(
                "INSERT INTO ledger(id, at, activity, slot_id, people, deputies, notes, officer) "
                "VALUES(?,?,?,?,?,?,?,?)")
            .bindAll(e.id, e.at, e.activity, e.slotId, e.peopleReceived, deputies.dump(), e.notes,
                     e.officer)
            .run();
        OutboxRepository(m_db).enqueue(
            {e.id, std::string(csync::record_type::Ledger), e.at, csync::canonicalJson(payload)});
        tx.commit();
    });
    return e;
}

std::vector<domain::LedgerEntry> LedgerRepository::list(std::optional<domain::MonthRange> range) {
    auto& st = m_db.cached(
        "SELECT id, at, activity, slot_id, people, deputies, notes, officer FROM ledger "
        "WHERE at >= ? AND at < ? ORDER BY at, rowid");
    st.bindAll(range ? range->begin : INT64_MIN, range ? range->end : INT64_MAX);
    std::vector<domain::LedgerEntry> out;
    while (st.step()) {
        domain::LedgerEntry e;
        e.id = st.getText(0);
        e.at = st.getInt(1);
        e.activity = st.getText(2);
        e.slotId = st.getText(3);
        e.peopleReceived = static_cast<int>(st.getInt(4));
        e.deputies = nlohmann::json::parse(st.getText(5)).get<std::vector<std::string>>();
        e.notes = st.getText(6);
        e.officer = st.getText(7);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace kiosk::store
