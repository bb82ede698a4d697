#include "kiosk/domain/station.hpp"

#include <string>

namespace kiosk::domain {

std::optional<MonthRange> monthRange(std::string_view yyyyMm, int utcOffsetMinutes) {
    if (yyyyMm.size() != 7) return std::nullopt;
    const auto first = parseDate(std::string(yyyyMm) + "-01");
    if (!first) return std::nullopt;
    const LocalDate next = first->month == 12 ? LocalDate{first->year + 1, 1, 1}
                                              : LocalDate{first->year, first->month + 1, 1};
    return MonthRange{fromLocal(*first, 0, utcOffsetMinutes), fromLocal(next, 0, utcOffsetMinutes)};
}

}  // namespace kiosk::domain
