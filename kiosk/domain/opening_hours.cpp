#include "kiosk/domain/opening_hours.hpp"

#include <algorithm>
#include <utility>

namespace kiosk::domain {
namespace {

constexpr const char* kDayIds[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Full-width and Chinese separators typed on a Chinese keyboard become their ASCII forms.
std::string normalise(std::string_view text) {
    static const std::pair<const char*, const char*> kReplace[] = {
        {"：", ":"}, {"－", "-"}, {"—", "-"},  {"～", "-"}, {"~", "-"},  {"至", "-"},
        {"到", "-"}, {"，", ","}, {"、", ","}, {"；", ";"}, {"　", " "}, {"\t", " "}};
    std::string s(text);
    for (const auto& [from, to] : kReplace)
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at))
            s.replace(at, std::string_view(from).size(), to);
    return s;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const auto at = s.find(sep, start);
        out.push_back(trim(s.substr(start, at == std::string_view::npos ? s.npos : at - start)));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

std::optional<int> dayIndex(std::string_view name) {
    static const char* kChinese[7] = {"一", "二", "三", "四", "五", "六", "日"};
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (int i = 0; i < 7; ++i) {
        const std::string cn = kChinese[i];
        if (lower == kDayIds[i] || lower == "周" + cn || lower == "星期" + cn) return i;
    }
    if (lower == "周天" || lower == "星期天") return 6;
    return std::nullopt;
}

// "mon-fri,sun" → the days it names.
bool parseDays(std::string_view text, std::array<bool, 7>& days, OpeningHoursError& error) {
    for (std::string_view item : split(text, ',')) {
        const auto dash = item.find('-');
        const auto first = dayIndex(trim(item.substr(0, dash)));
        const auto last =
            dash == std::string_view::npos ? first : dayIndex(trim(item.substr(dash + 1)));
        if (!first || !last) {
            error = {"error.hours_day", std::string(item)};
            return false;
        }
        // "fri-mon" wraps over the weekend.
        for (int d = *first;; d = (d + 1) % 7) {
            days[static_cast<std::size_t>(d)] = true;
            if (d == *last) break;
        }
    }
    return true;
}

std::optional<int> parseTime(std::string_view t) {
    std::string s(t);
    if (s.size() == 4 && s[1] == ':') s = "0" + s;  // "8:30"
    return parseTimeOfDay(s);
}

bool parseRanges(std::string_view text, std::vector<OpeningRange>& out, OpeningHoursError& error) {
    for (std::string_view item : split(text, ',')) {
        const auto dash = item.find('-');
        if (dash == std::string_view::npos || item.find(':') == std::string_view::npos) {
            error = {"error.hours_format", std::string(item)};
            return false;
        }
        const auto start = parseTime(trim(item.substr(0, dash)));
        const auto end = parseTime(trim(item.substr(dash + 1)));
        if (!start || !end || *start == 24 * 60) {
            error = {"error.hours_time", std::string(item)};
            return false;
        }
        if (*end <= *start) {
            error = {"error.hours_order", std::string(item)};
            return false;
        }
        out.push_back({*start, *end});
    }
    return true;
}

std::string rangesText(const std::vector<OpeningRange>& ranges, const std::string& sep) {
    std::string out;
    for (const auto& r : ranges)
        out += (out.empty() ? "" : sep) + formatTimeOfDay(r.startMinute) + "-" +
               formatTimeOfDay(r.endMinute);
    return out;
}

// Runs of consecutive days with the same ranges: (first, last) pairs, closed days skipped.
std::vector<std::pair<int, int>> dayGroups(const OpeningHours& h) {
    std::vector<std::pair<int, int>> out;
    for (int d = 0; d < 7; ++d) {
        const auto& r = h.days[static_cast<std::size_t>(d)];
        if (r.empty()) continue;
        if (!out.empty() && out.back().second == d - 1 &&
            h.days[static_cast<std::size_t>(out.back().first)] == r)
            out.back().second = d;
        else
            out.push_back({d, d});
    }
    return out;
}

}  // namespace

std::optional<OpeningHours> parseOpeningHours(std::string_view text, OpeningHoursError& error) {
    const std::string s = normalise(text);
    OpeningHours hours;
    bool any = false;
    for (std::string_view rule : split(s, ';')) {
        if (rule.empty()) continue;
        // The days end where the first time begins (day names hold no ASCII digits).
        const auto digit = rule.find_first_of("0123456789");
        if (digit == std::string_view::npos) {
            error = {"error.hours_format", std::string(rule)};
            return std::nullopt;
        }
        std::array<bool, 7> days{};
        const std::string_view dayText = trim(rule.substr(0, digit));
        if (dayText.empty())
            days.fill(true);
        else if (!parseDays(dayText, days, error))
            return std::nullopt;
        std::vector<OpeningRange> ranges;
        if (!parseRanges(rule.substr(digit), ranges, error)) return std::nullopt;
        for (std::size_t d = 0; d < 7; ++d)
            if (days[d]) hours.days[d].insert(hours.days[d].end(), ranges.begin(), ranges.end());
        any = true;
    }
    if (!any) {
        error = {"error.hours_format", std::string(text)};
        return std::nullopt;
    }
    for (auto& day : hours.days) {
        std::sort(day.begin(), day.end(), [](const auto& a, const auto& b) {
            return std::pair(a.startMinute, a.endMinute) < std::pair(b.startMinute, b.endMinute);
        });
        day.erase(std::unique(day.begin(), day.end()), day.end());
    }
    return hours;
}

std::string formatOpeningHours(const OpeningHours& hours) {
    std::string out;
    for (const auto& [first, last] : dayGroups(hours)) {
        std::string days = kDayIds[first];
        if (last != first) days += std::string("-") + kDayIds[last];
        if (!out.empty()) out += "; ";
        out += days + " " + rangesText(hours.days[static_cast<std::size_t>(first)], ",");
    }
    return out;
}

std::string describeOpeningHours(const OpeningHours& hours,
                                 const std::function<std::string(std::string_view)>& tr) {
    const auto groups = dayGroups(hours);
    auto dayName = [&](int d) { return tr("hours.day." + std::to_string(d)); };
    std::string out;
    for (const auto& [first, last] : groups) {
        std::string days = first == 0 && last == 6 ? tr("hours.every_day") : dayName(first);
        if (last != first && !(first == 0 && last == 6))
            days += tr("hours.through") + dayName(last);
        if (!out.empty()) out += tr("hours.rule_sep");
        out += days + " " +
               rangesText(hours.days[static_cast<std::size_t>(first)], tr("hours.range_sep"));
    }
    return out;
}

bool isOpenAt(const OpeningHours& hours, const LocalDateTime& at) {
    const auto& ranges = hours.days[static_cast<std::size_t>(weekday(at.date))];
    return std::any_of(ranges.begin(), ranges.end(), [&](const OpeningRange& r) {
        return at.minuteOfDay >= r.startMinute && at.minuteOfDay < r.endMinute;
    });
}

}  // namespace kiosk::domain
