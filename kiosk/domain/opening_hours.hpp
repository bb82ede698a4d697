#pragma once
// The station's opening hours (a setting staff choose): when the kiosk keeps the screen awake,
// and when, after it has been idle, it shows the calm "closed" screen instead of Home.
// Text form: rules separated by ';', each "[days] HH:MM-HH:MM[,HH:MM-HH:MM…]", e.g.
//   "08:30-17:30"                                  every day
//   "mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00"
//   "周一至周五 08:30-17:30；周六 09:00-12:00"     (Chinese day names and punctuation too)
// Days: mon tue wed thu fri sat sun, 周一…周日 (周天), 星期一…星期日, single or "a-b" ranges,
// several joined by ','. Days no rule names are closed days.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/local_time.hpp"

namespace kiosk::domain {

struct OpeningRange {
    int startMinute = 0;  // minutes since local midnight
    int endMinute = 0;    // exclusive; 1440 for "24:00"
    bool operator==(const OpeningRange&) const = default;
};

struct OpeningHours {
    std::array<std::vector<OpeningRange>, 7> days;  // 0 = Monday … 6 = Sunday, sorted
    bool operator==(const OpeningHours&) const = default;
};

/// Why a text is not valid opening hours: a string-table key and the part that is wrong.
struct OpeningHoursError {
    std::string key;
    std::string part;
};

/// Parses opening hours; nullopt with `error` set when the text is not valid.
std::optional<OpeningHours> parseOpeningHours(std::string_view text, OpeningHoursError& error);

/// The canonical text form ("mon-fri 08:30-17:30; sat 09:00-12:00"); parses back to the same.
std::string formatOpeningHours(const OpeningHours& hours);

/// The hours for people: "周一至周五 08:30-17:30；周六 09:00-12:00", "每天 08:30-17:30".
std::string describeOpeningHours(const OpeningHours& hours,
                                 const std::function<std::string(std::string_view)>& tr);

/// Whether the station is open at the local date and time.
bool isOpenAt(const OpeningHours& hours, const LocalDateTime& at);

}  // namespace kiosk::domain
