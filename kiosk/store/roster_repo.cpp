#include "kiosk/store/roster_repo.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kiosk::store {
namespace {

constexpr const char* kDeputyColumns =
    "SELECT id, name, level, work_unit, phone, photo, show_name, show_photo, show_work_unit, "
    "show_phone, active FROM deputy ";

domain::Deputy readDeputy(const Statement& st) {
    domain::Deputy d;
    d.id = st.getText(0);
    d.name = st.getText(1);
    d.level = domain::parseLevel(st.getText(2)).value_or(domain::Level::Township);
    d.workUnit = st.getText(3);
    d.phone = st.getText(4);
    const Blob photo = st.getBlob(5);
    d.photo.assign(photo.begin(), photo.end());
    d.disclosure = {st.getInt(6) != 0, st.getInt(7) != 0, st.getInt(8) != 0, st.getInt(9) != 0};
    d.active = st.getInt(10) != 0;
    return d;
}

}  // namespace

void RosterRepository::putDeputy(const domain::Deputy& d) {
    auto& st = m_db.cached(
        "INSERT INTO deputy(id, name, level, work_unit, phone, photo, show_name, show_photo, "
        "show_work_unit, show_phone, active) VALUES(?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET name=excluded.name, level=excluded.level, "
        "work_unit=excluded.work_unit, phone=excluded.phone, photo=excluded.photo, "
        "show_name=excluded.show_name, show_photo=excluded.show_photo, "
        "show_work_unit=excluded.show_work_unit, show_phone=excluded.show_phone, "
        "active=excluded.active");
    st.bindAll(d.id, d.name, std::string(domain::levelId(d.level)), d.workUnit, d.phone);
    if (d.photo.empty())
        st.bind(6, nullptr);
    else
        st.bind(6, Blob(d.photo.begin(), d.photo.end()));
    st.bind(7, d.disclosure.name).bind(8, d.disclosure.photo).bind(9, d.disclosure.workUnit);
    st.bind(10, d.disclosure.phone).bind(11, d.active);
    st.run();
}

std::optional<domain::Deputy> RosterRepository::deputy(const std::string& id) {
    auto& st = m_db.cached(std::string(kDeputyColumns) + "WHERE id = ?");
    st.bindAll(id);
    if (!st.step()) return std::nullopt;
    domain::Deputy d = readDeputy(st);
    st.reset();
    return d;
}

std::vector<domain::Deputy> RosterRepository::deputies(bool includeInactive) {
    auto& st = m_db.cached(std::string(kDeputyColumns) +
                           "WHERE active OR ? ORDER BY CASE level WHEN 'national' THEN 0 "
                           "WHEN 'provincial' THEN 1 WHEN 'city' THEN 2 WHEN 'county' THEN 3 "
                           "ELSE 4 END, name");
    st.bindAll(includeInactive);
    std::vector<domain::Deputy> out;
    while (st.step()) out.push_back(readDeputy(st));
    return out;
}

void RosterRepository::putSlot(const domain::ReceptionSlot& s) {
    m_db.cached(
            "INSERT INTO slot(id, date, start_min, end_min, place, kind, note) "
            "VALUES(?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET date=excluded.date, "
            "start_min=excluded.start_min, end_min=excluded.end_min, place=excluded.place, "
            "kind=excluded.kind, note=excluded.note")
        .bindAll(s.id, domain::formatDate(s.date), s.startMinute, s.endMinute, s.place,
                 std::string(domain::slotKindId(s.kind)), s.note)
        .run();
    m_db.cached("DELETE FROM slot_deputy WHERE slot_id = ?").bindAll(s.id).run();
    for (const auto& deputyId : s.plannedDeputies)
        m_db.cached("INSERT INTO slot_deputy(slot_id, deputy_id) VALUES(?, ?)")
            .bindAll(s.id, deputyId)
            .run();
}

void RosterRepository::removeSlotsExcept(const std::vector<std::string>& keep) {
    const nlohmann::json ids = keep;
    m_db.cached("DELETE FROM slot_deputy WHERE slot_id NOT IN (SELECT value FROM json_each(?))")
        .bindAll(ids.dump())
        .run();
    m_db.cached("DELETE FROM slot WHERE id NOT IN (SELECT value FROM json_each(?))")
        .bindAll(ids.dump())
        .run();
}

std::vector<domain::ReceptionSlot> RosterRepository::slots() {
    std::map<std::string, std::vector<std::string>> planned;
    auto& sd = m_db.cached("SELECT slot_id, deputy_id FROM slot_deputy ORDER BY rowid");
    while (sd.step()) planned[sd.getText(0)].push_back(sd.getText(1));

    auto& st = m_db.cached(
        "SELECT id, date, start_min, end_min, place, kind, note FROM slot "
        "ORDER BY date, start_min");
    std::vector<domain::ReceptionSlot> out;
    while (st.step()) {
        domain::ReceptionSlot s;
        s.id = st.getText(0);
        s.date = domain::parseDate(st.getText(1)).value_or(domain::LocalDate{});
        s.startMinute = static_cast<int>(st.getInt(2));
        s.endMinute = static_cast<int>(st.getInt(3));
        s.place = st.getText(4);
        s.kind = domain::parseSlotKind(st.getText(5)).value_or(domain::SlotKind::ReceptionDay);
        s.note = st.getText(6);
        s.plannedDeputies = planned[s.id];
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace kiosk::store
