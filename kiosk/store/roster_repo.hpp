#pragma once
// Deputies and the reception plan, as published by the county (or the demo data).
#include <optional>
#include <string>
#include <vector>

#include "kiosk/domain/deputy.hpp"
#include "kiosk/domain/schedule.hpp"
#include "kiosk/store/sqlite.hpp"

namespace kiosk::store {

class RosterRepository {
public:
    explicit RosterRepository(Database& db) : m_db(db) {}
    /// Creates or replaces a deputy.
    void putDeputy(const domain::Deputy& deputy);
    /// The deputy with this id, or nullopt.
    std::optional<domain::Deputy> deputy(const std::string& id);
    /// Deputies ordered by level (national first) then name; inactive ones only if asked.
    std::vector<domain::Deputy> deputies(bool includeInactive = false);
    /// Creates or replaces a slot with its planned deputies.
    void putSlot(const domain::ReceptionSlot& slot);
    /// Removes every slot whose id is not in keep (the county's schedule replaces the station's).
    void removeSlotsExcept(const std::vector<std::string>& keep);
    /// Every slot, ordered by date and start.
    std::vector<domain::ReceptionSlot> slots();

private:
    Database& m_db;
};

}  // namespace kiosk::store
