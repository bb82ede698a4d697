#include "kiosk/app/kiosk_model.hpp"

#include <algorithm>

namespace kiosk::app {

void KioskModel::refresh(store::StationStore& store, domain::EpochMs t) {
    now = t;
    station = store.station().get().value_or(domain::Station{});
    deputies.clear();
    for (const auto& d : store.roster().deputies()) deputies.push_back(domain::publicView(d));
    slots = store.roster().slots();
    onDuty = domain::onDuty(slots, store.checkins().list(), now, offset());
    nextReception = domain::nextReceptionDay(slots, now, offset());
    results.clear();
    for (const auto& c : store.concerns().list()) {
        if (c.answer.empty() ||
            (c.status != domain::Status::Answered && c.status != domain::Status::Closed))
            continue;
        domain::EpochMs answeredAt = c.createdAt;
        for (const auto& h : c.history)
            if (h.status == domain::Status::Answered) answeredAt = h.at;
        results.push_back({c.category, c.createdAt, answeredAt, c.answer, c.satisfaction});
    }
    std::sort(results.begin(), results.end(),
              [](const PublishedResult& a, const PublishedResult& b) {
                  return a.answeredAt > b.answeredAt;
              });
    pendingUploads = store.outbox().counts().pending;
    sync = store.sync().status();
    // A setting that does not parse (written by hand) counts as unset: the screen stays on.
    domain::OpeningHoursError error;
    const std::string hours = store.station().setting(store::kOpeningHoursSetting).value_or("");
    openingHours = hours.empty() ? std::nullopt : domain::parseOpeningHours(hours, error);
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
    return all;
}

}  // namespace kiosk::app
