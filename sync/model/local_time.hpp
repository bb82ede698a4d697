#pragma once
// Local calendar arithmetic for stations and the county server alike. Stored times are UTC epoch
// ms; a station has a fixed UTC offset (China has no DST), so local dates are computed without a
// time-zone database.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csync::model {

using EpochMs = std::int64_t;

/// Offset of China Standard Time from UTC, the default for every station.
inline constexpr int kChinaUtcOffsetMinutes = 8 * 60;

struct LocalDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    auto operator<=>(const LocalDate&) const = default;
};

struct LocalDateTime {
    LocalDate date;
    int minuteOfDay = 0;  // 0..1439
};

/// Parses "YYYY-MM-DD" (a real calendar date) or returns nullopt.
std::optional<LocalDate> parseDate(std::string_view text);

/// Parses "HH:MM" (00:00..23:59, also 24:00 as end of day) into minutes since midnight.
std::optional<int> parseTimeOfDay(std::string_view text);

/// "YYYY-MM-DD".
std::string formatDate(const LocalDate& date);

/// "HH:MM".
std::string formatTimeOfDay(int minuteOfDay);

/// Local date and time at instant t for a station at utcOffsetMinutes.
LocalDateTime toLocal(EpochMs t, int utcOffsetMinutes);

/// "YYYY-MM-DD HH:MM" of instant t at utcOffsetMinutes.
std::string formatDateTime(EpochMs t, int utcOffsetMinutes);

/// The instant at which the local date/time occurs.
EpochMs fromLocal(const LocalDate& date, int minuteOfDay, int utcOffsetMinutes);

/// Parses "YYYY-MM-DDTHH:MM" at utcOffsetMinutes (the tools' --now) or returns nullopt.
std::optional<EpochMs> parseLocalStamp(std::string_view text, int utcOffsetMinutes);

/// Day of week, 0 = Monday .. 6 = Sunday.
int weekday(const LocalDate& date);

/// Number of days in the month.
int daysInMonth(int year, int month);

/// The date n days after (or before, for negative n) date.
LocalDate addDays(const LocalDate& date, int n);

}  // namespace csync::model
