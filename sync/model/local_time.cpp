#include "sync/model/local_time.hpp"

#include <chrono>
#include <cstdio>

namespace csync::model {
namespace {

using namespace std::chrono;

sys_days toSysDays(const LocalDate& d) {
    return sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                    day{static_cast<unsigned>(d.day)}};
}

LocalDate fromSysDays(sys_days days) {
    year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int toInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::optional<LocalDate> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!allDigits(y) || !allDigits(m) || !allDigits(d)) return std::nullopt;
    LocalDate date{toInt(y), toInt(m), toInt(d)};
    if (date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > daysInMonth(date.year, date.month))
        return std::nullopt;
    return date;
}

std::optional<int> parseTimeOfDay(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto h = text.substr(0, 2), m = text.substr(3, 2);
    if (!allDigits(h) || !allDigits(m)) return std::nullopt;
    int hh = toInt(h), mm = toInt(m);
    if (hh == 24 && mm == 0) return 24 * 60;
    if (hh > 23 || mm > 59) return std::nullopt;
    return hh * 60 + mm;
}

std::string formatDate(const LocalDate& date) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

std::string formatTimeOfDay(int minuteOfDay) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    return buf;
}

LocalDateTime toLocal(EpochMs t, int utcOffsetMinutes) {
    const std::int64_t localMinutes = t / 60000 - (t % 60000 < 0 ? 1 : 0) + utcOffsetMinutes;
    std::int64_t days = localMinutes / 1440;
    std::int64_t minute = localMinutes % 1440;
    if (minute < 0) {
        minute += 1440;
        --days;
    }
    return {fromSysDays(sys_days{std::chrono::days{days}}), static_cast<int>(minute)};
}

EpochMs fromLocal(const LocalDate& date, int minuteOfDay, int utcOffsetMinutes) {
    const std::int64_t days = toSysDays(date).time_since_epoch().count();
    return (days * 1440 + minuteOfDay - utcOffsetMinutes) * 60000;
}

int weekday(const LocalDate& date) {
    return static_cast<int>(std::chrono::weekday{toSysDays(date)}.iso_encoding()) - 1;
}

int daysInMonth(int y, int m) {
    return static_cast<int>(
        static_cast<unsigned>((year{y} / month{static_cast<unsigned>(m)} / last).day()));
}

LocalDate addDays(const LocalDate& date, int n) {
    return fromSysDays(toSysDays(date) + std::chrono::days{n});
}

std::string formatDateTime(EpochMs t, int utcOffsetMinutes) {
    const LocalDateTime l = toLocal(t, utcOffsetMinutes);
    return formatDate(l.date) + " " + formatTimeOfDay(l.minuteOfDay);
}

std::optional<EpochMs> parseLocalStamp(std::string_view text, int utcOffsetMinutes) {
    if (text.size() != 16 || text[10] != 'T') return std::nullopt;
    const auto date = parseDate(text.substr(0, 10));
    const auto time = parseTimeOfDay(text.substr(11));
    if (!date || !time || *time >= 24 * 60) return std::nullopt;
    return fromLocal(*date, *time, utcOffsetMinutes);
}

}  // namespace csync::model
