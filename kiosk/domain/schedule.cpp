#include "kiosk/domain/schedule.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace kiosk::domain {

namespace {

bool sameLocalDay(EpochMs a, EpochMs b, int offset) {
    return toLocal(a, offset).date == toLocal(b, offset).date;
}

// Check-ins of the local day of `now` up to `now`, oldest first.
std::vector<const Checkin*> todays(const std::vector<Checkin>& checkins, EpochMs now, int offset) {
    std::vector<const Checkin*> out;
    for (const auto& c : checkins)
        if (c.at <= now && sameLocalDay(c.at, now, offset)) out.push_back(&c);
    std::stable_sort(out.begin(), out.end(),
                     [](const Checkin* a, const Checkin* b) { return a->at < b->at; });
    return out;
}

bool slotEarlier(const ReceptionSlot& a, const ReceptionSlot& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.startMinute < b.startMinute;
}

}  // namespace

std::string_view directionId(Direction d) {
    return d == Direction::In ? "in" : "out";
}

std::optional<Direction> parseDirection(std::string_view id) {
    if (id == "in") return Direction::In;
    if (id == "out") return Direction::Out;
    return std::nullopt;
}

std::string_view checkinMethodId(CheckinMethod m) {
    return m == CheckinMethod::Qr ? "qr" : "staff";
}

std::optional<CheckinMethod> parseCheckinMethod(std::string_view id) {
    if (id == "qr") return CheckinMethod::Qr;
    if (id == "staff") return CheckinMethod::Staff;
    return std::nullopt;
}

std::vector<DutyEntry> onDuty(const std::vector<ReceptionSlot>& slots,
                              const std::vector<Checkin>& checkins, EpochMs now,
                              int utcOffsetMinutes) {
    // Last direction of each deputy today, remembering when they first came in.
    std::map<std::string, std::pair<Direction, EpochMs>> last;
    std::vector<std::string> order;
    for (const Checkin* c : todays(checkins, now, utcOffsetMinutes)) {
        auto [it, inserted] = last.try_emplace(c->deputyId, c->direction, c->at);
        if (inserted) order.push_back(c->deputyId);
        if (!inserted) {
            if (c->direction == Direction::In && it->second.first == Direction::Out)
                it->second.second = c->at;
            it->second.first = c->direction;
        }
    }
    std::vector<DutyEntry> out;
    for (const auto& id : order)
        if (last[id].first == Direction::In)
            out.push_back({id, DutyState::CheckedIn, last[id].second});

    const LocalDateTime local = toLocal(now, utcOffsetMinutes);
    std::vector<ReceptionSlot> running;
    for (const auto& s : slots)
        if (s.date == local.date && s.startMinute <= local.minuteOfDay &&
            local.minuteOfDay < s.endMinute)
            running.push_back(s);
    std::sort(running.begin(), running.end(), slotEarlier);
    for (const auto& s : running) {
        for (const auto& id : s.plannedDeputies) {
            const bool seen = last.count(id) > 0 ||
                              std::any_of(out.begin(), out.end(),
                                          [&](const DutyEntry& e) { return e.deputyId == id; });
            if (!seen)
                out.push_back(
                    {id, DutyState::Expected, fromLocal(s.date, s.startMinute, utcOffsetMinutes)});
        }
    }
    return out;
}

bool isPlanned(const std::vector<ReceptionSlot>& slots, std::string_view deputyId, EpochMs at,
               int utcOffsetMinutes) {
    const LocalDate day = toLocal(at, utcOffsetMinutes).date;
    for (const auto& s : slots)
        if (s.date == day && std::find(s.plannedDeputies.begin(), s.plannedDeputies.end(),
                                       deputyId) != s.plannedDeputies.end())
            return true;
    return false;
}

Direction nextDirection(const std::vector<Checkin>& checkins, std::string_view deputyId,
                        EpochMs now, int utcOffsetMinutes) {
    Direction next = Direction::In;
    for (const Checkin* c : todays(checkins, now, utcOffsetMinutes))
        if (c->deputyId == deputyId)
            next = c->direction == Direction::In ? Direction::Out : Direction::In;
    return next;
}

std::optional<ReceptionSlot> nextReceptionDay(const std::vector<ReceptionSlot>& slots, EpochMs now,
                                              int utcOffsetMinutes) {
    std::optional<ReceptionSlot> best;
    for (const auto& s : slots) {
        if (s.kind != SlotKind::ReceptionDay) continue;
        if (fromLocal(s.date, s.endMinute, utcOffsetMinutes) <= now) continue;
        if (!best || slotEarlier(s, *best)) best = s;
    }
    return best;
}

std::vector<ReceptionSlot> slotsInMonth(const std::vector<ReceptionSlot>& slots, int year,
                                        int month) {
    std::vector<ReceptionSlot> out;
    for (const auto& s : slots)
        if (s.date.year == year && s.date.month == month) out.push_back(s);
    std::sort(out.begin(), out.end(), slotEarlier);
    return out;
}

}  // namespace kiosk::domain
