#include "sync/protocol/checkin.hpp"

#include <set>

namespace csync {

std::vector<bool> countsAsAttendance(const std::vector<CheckinRef>& records) {
    std::set<std::string_view> voided;
    for (const auto& r : records)
        if (!r.voids.empty()) voided.insert(r.voids);
    std::vector<bool> out;
    out.reserve(records.size());
    for (const auto& r : records) out.push_back(r.voids.empty() && !voided.contains(r.id));
    return out;
}

}  // namespace csync
