#include "kiosk/app/kiosk_model.hpp"

#include "kiosk/store/station_store.hpp"

#include <algorithm>

#include "kiosk/domain/local_time.hpp"

namespace kiosk::app {

void KioskModel::refresh(store::StationStore& store, domain::EpochMs t) {
    now = t;
    station = store.station().get().value_or(domain::Station{});
    // Each part is re-read only when what it shows was written since (triggers count writes by
    // topic, on every connection): a station with years of concerns and 2,000 reception slots
    // stays quick to refresh after each new concern.
    const auto counts = store.changeCounts();
    if (counts.roster != m_rosterCount || m_rosterCount < 0) {
        deputies.clear();
        for (const auto& d : store.roster().deputies()) deputies.push_back(domain::publicView(d));
        slots = store.roster().slots();
        m_rosterCount = counts.roster;
    }
    // Only today's check-ins matter for who is on duty; years of them stay on disk.
    const auto today = domain::toLocal(now, offset()).date;
    const auto dayStart = domain::fromLocal(today, 0, offset());
    onDuty = domain::onDuty(
        slots, store.checkins().list(domain::MonthRange{dayStart, dayStart + 86'400'000}), now,
        offset());
    nextReception = domain::nextReceptionDay(slots, now, offset());
    const auto local = domain::toLocal(now, offset());
    const bool newYear = local.date.year != m_boardYear;
    if (counts.board != m_boardCount || newYear) {
        results = store.concerns().published(kResultsShown);
        resultsTotal = store.concerns().publishedCount();
        m_boardCount = counts.board;
    }
    // This year's totals count every new concern: cheap, read after any write.
    const std::int64_t stamp = store.changeStamp();
    if (stamp != m_boardStamp || newYear) {
        yearTotals =
            store.concerns().totalsSince(domain::fromLocal({local.date.year, 1, 1}, 0, offset()));
        m_boardStamp = store.changeStamp();
        m_boardYear = local.date.year;
    }
    // The county sends every announcement that has not ended; this clock decides which show,
    // so one ends on time without a sync.
    if (auto json = store.station().setting(store::kAnnouncementsSetting).value_or("");
        json != m_announcementsJson) {
        m_announcementsJson = std::move(json);
        const auto parsed = nlohmann::json::parse(m_announcementsJson, nullptr, false);
        m_allAnnouncements = csync::announcementsFromJson(parsed);
    }
    announcements = csync::showingAt(m_allAnnouncements, now);
    pendingUploads = store.outbox().pendingCount();
    sync = store.sync().status();
    // A setting that does not parse (written by hand) counts as unset: the screen stays on.
    domain::OpeningHoursError error;
    const std::string hours = store.station().setting(store::kOpeningHoursSetting).value_or("");
    openingHours = hours.empty() ? std::nullopt : domain::parseOpeningHours(hours, error);
    largeTextDefault = store.station().setting(store::kLargeTextDefaultSetting) == "1";
    readAloudDefault = store.station().setting(store::kReadAloudDefaultSetting) == "1";
    openNow = !openingHours || domain::isOpenAt(*openingHours, domain::toLocal(now, offset()));
}

const domain::Deputy* KioskModel::deputy(const std::string& id) const {
    for (const auto& d : deputies)
        if (d.id == id) return &d;
    return nullptr;
}

std::string KioskModel::allText() const {
    std::string all = station.name + station.address + station.hotline;
    for (const auto& d : deputies) all += d.name + d.workUnit + d.phone;
    for (const auto& s : slots) all += s.place + s.note;
    for (const auto& r : results) all += r.summary + r.answer;
    for (const auto& a : announcements) all += a.title + a.text;
    return all;
}

}  // namespace kiosk::app
