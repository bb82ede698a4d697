#include "kiosk/app/kiosk_model.hpp"

#include <algorithm>

#include "kiosk/domain/local_time.hpp"

namespace kiosk::app {

void KioskModel::refresh(store::StationStore& store, domain::EpochMs t) {
    now = t;
    station = store.station().get().value_or(domain::Station{});
    deputies.clear();
    for (const auto& d : store.roster().deputies()) deputies.push_back(domain::publicView(d));
    slots = store.roster().slots();
    // Only today's check-ins matter for who is on duty; years of them stay on disk.
    const auto today = domain::toLocal(now, offset()).date;
    const auto dayStart = domain::fromLocal(today, 0, offset());
    onDuty = domain::onDuty(
        slots, store.checkins().list(domain::MonthRange{dayStart, dayStart + 86'400'000}), now,
        offset());
    nextReception = domain::nextReceptionDay(slots, now, offset());
    // Paged queries: a station with years of concerns loads only what the board shows, and
    // only when something was written since (these read across years of concerns).
    const auto local = domain::toLocal(now, offset());
    const std::int64_t stamp = store.changeStamp();
    if (stamp != m_boardStamp || local.date.year != m_boardYear) {
        results = store.concerns().published(kResultsShown);
        resultsTotal = store.concerns().publishedCount();
        yearTotals =
            store.concerns().totalsSince(domain::fromLocal({local.date.year, 1, 1}, 0, offset()));
        m_boardStamp = store.changeStamp();  // the reads above wrote nothing, but be exact
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
    for (const auto& r : results) all += r.answer;
    for (const auto& a : announcements) all += a.title + a.text;
    return all;
}

}  // namespace kiosk::app
