#include "kiosk/store/station_repo.hpp"

namespace kiosk::store {

std::optional<domain::Station> StationRepository::get() {
    auto& st = m_db.cached(
        "SELECT id, name, address, county_code, utc_offset_min, seal_key, hotline FROM station");
    if (!st.step()) return std::nullopt;
    domain::Station s{
        st.getText(0), st.getText(1), st.getText(2), st.getText(3), static_cast<int>(st.getInt(4)),
        st.getText(5), st.getText(6)};
    st.reset();
    return s;
}

void StationRepository::put(const domain::Station& s) {
    m_db.cached(
            "INSERT INTO station(singleton, id, name, address, county_code, utc_offset_min, "
            "seal_key, hotline) VALUES(1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(singleton) DO UPDATE "
            "SET id=excluded.id, name=excluded.name, address=excluded.address, "
            "county_code=excluded.county_code, utc_offset_min=excluded.utc_offset_min, "
            "seal_key=excluded.seal_key, hotline=excluded.hotline")
        .bindAll(s.id, s.name, s.address, s.countyCode, s.utcOffsetMinutes, s.countySealKey,
                 s.hotline)
        .run();
}

std::optional<std::string> StationRepository::setting(const std::string& key) {
    auto& st = m_db.cached("SELECT value FROM setting WHERE key = ?");
    st.bindAll(key);
    if (!st.step()) return std::nullopt;
    std::string v = st.getText(0);
    st.reset();
    return v;
}

void StationRepository::setSetting(const std::string& key, const std::string& value) {
    m_db.cached(
            "INSERT INTO setting(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bindAll(key, value)
        .run();
}

}  // namespace kiosk::store
