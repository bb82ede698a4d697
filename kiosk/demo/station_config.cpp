#include "kiosk/demo/station_config.hpp"

#include <stdexcept>

#include "kiosk/demo/avatar.hpp"
#include "kiosk/store/station_roster.hpp"
#include "platform/assets.hpp"
#include "platform/crypto.hpp"

namespace kiosk::demo {
namespace {

using nlohmann::json;
using namespace kiosk::domain;

std::string str(const json& j, const char* key, const std::string& fallback = "") {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::vector<std::string> idsOf(const json& j) {
    return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

// A demo schedule rule on a date, read as a roster slot is.
ReceptionSlot makeSlot(json rule, const LocalDate& date, std::vector<std::string> deputies) {
    rule["date"] = formatDate(date);
    rule.erase("id");
    ReceptionSlot s = csync::model::slotFromJson(rule);
    s.plannedDeputies = std::move(deputies);
    return s;
}

// Expands the demo's schedule rules into slots for the months around `today`.
std::vector<ReceptionSlot> expandSchedule(const json& rules, const LocalDate& today) {
    std::vector<ReceptionSlot> out;
    const int before = rules.value("months_before", 5), after = rules.value("months_after", 6);
    const int monthIndex0 = today.year * 12 + (today.month - 1);
    int weekCounter = 0;
    for (int m = -before; m <= after; ++m) {
        const int idx = monthIndex0 + m;
        const int year = idx / 12, month = idx % 12 + 1;
        const std::size_t cycle = static_cast<std::size_t>(idx);
        for (const auto& rule : rules.at("monthly")) {
            const auto& rot = rule.at("rotation");
            out.push_back(makeSlot(rule, {year, month, rule.at("day").get<int>()},
                                   idsOf(rot.at(cycle % rot.size()))));
        }
        const auto& acts = rules.at("activities");
        if (!acts.empty()) {
            const auto& act = acts.at(cycle % acts.size());
            const int day = std::min(act.at("day").get<int>(), daysInMonth(year, month));
            out.push_back(makeSlot(act, {year, month, day}, idsOf(act.at("deputies"))));
        }
        for (const auto& rule : rules.at("weekly")) {
            const auto& rot = rule.at("rotation");
            const int wd = rule.at("weekday").get<int>() - 1;  // JSON: 1 = Monday
            for (int d = 1; d <= daysInMonth(year, month); ++d) {
                const LocalDate date{year, month, d};
                if (weekday(date) != wd || d == 15) continue;
                out.push_back(makeSlot(rule, date, idsOf(rot.at(weekCounter++ % rot.size()))));
            }
        }
    }
    return out;
}

}  // namespace

DemoCountyKeys demoCountyKeys() {
    const auto text = platform::asset("demo/county_demo_keys.json");
    if (!text) throw std::runtime_error("demo county keys are not embedded");
    const json j = json::parse(*text);
    DemoCountyKeys k;
    k.county = j.at("sign_county").get<std::string>();
    k.keyId = j.at("sign_key_id").get<std::uint16_t>();
    k.sign.publicKey = platform::fromBase64(j.at("sign_public").get<std::string>()).value();
    k.sign.secretKey = platform::fromBase64(j.at("sign_secret").get<std::string>()).value();
    return k;
}

void loadDemoStation(store::StationStore& store, const platform::Clock& clock) {
    const auto text = platform::asset("demo/station.json");
    if (!text) throw std::runtime_error("demo station is not embedded");
    json demo = json::parse(*text);
    // Generated portraits for the demo deputies ("avatar": "f" or "m"), as photos.
    std::uint32_t seed = 0;
    for (auto& d : demo.at("deputies")) {
        const std::uint32_t s = seed++ * 7 + 3;
        if (d.contains("avatar") && !d.contains("photo")) {
            const std::string png = makeAvatarPng(s, str(d, "avatar") == "f");
            d["photo"] = platform::toBase64(platform::Bytes(png.begin(), png.end()));
        }
    }
    store::applyRoster(store, csync::model::rosterFromJson(demo));

    // The demo's staff PINs are printed in README; a real station sets its own with stationctl
    // (staff add --name, staff set-pin).
    store.staff().setPin(demo.at("staff_pin").get<std::string>());
    for (const auto& o : demo.value("liaison_officers", json::array())) {
        const auto name = o.at("name").get<std::string>(), pin = o.at("pin").get<std::string>();
        if (!store.staff().setOfficerPin(name, pin))  // init --force keeps them, with these PINs
            store.staff().addOfficer(name, pin, clock.nowMs());
    }
    // The demo county's QR signing key, as enrollment and sync deliver a real county's keys.
    const auto keys = demoCountyKeys();
    store.trust().setSigningKeys({{keys.county, keys.keyId, keys.sign.publicKey}});
    store.trust().setRevokedSerials({});
    const EpochMs now = clock.nowMs();
    const int offset = store.station().get()->utcOffsetMinutes;
    const LocalDate today = toLocal(now, offset).date;
    const auto slots = expandSchedule(demo.at("schedule"), today);
    {
        store::Transaction tx(store.db());
        for (const auto& slot : slots) store.roster().putSlot(slot);
        tx.commit();
    }

    // Past reception slots: deputies signed in and out; monthly ones also got a ledger entry.
    platform::ManualClock at(now);
    const auto& ledgerRules = demo.at("ledger");
    std::size_t ledgerIndex = 0;
    for (const auto& slot : slots) {
        const EpochMs start = fromLocal(slot.date, slot.startMinute, offset);
        const EpochMs end = fromLocal(slot.date, slot.endMinute, offset);
        if (end > now || slot.kind != SlotKind::ReceptionDay) continue;
        store::CheckinRepository checkins(store.db(), at);
        for (std::size_t i = 0; i < slot.plannedDeputies.size(); ++i) {
            at.set(start - 10 * 60000 + static_cast<EpochMs>(i) * 3 * 60000);
            checkins.record(slot.plannedDeputies[i], Direction::In, CheckinMethod::Qr, "demo-1");
            at.set(end + static_cast<EpochMs>(i) * 2 * 60000);
            checkins.record(slot.plannedDeputies[i], Direction::Out, CheckinMethod::Qr, "demo-1");
        }
        if (slot.date.day != 15) continue;
        const auto& people = ledgerRules.at("people");
        const auto& notes = ledgerRules.at("notes");
        LedgerEntry entry;
        entry.at = end;
        entry.activity = std::string(slotKindId(slot.kind));
        entry.slotId = slot.id;
        entry.peopleReceived = people.at(ledgerIndex % people.size()).get<int>();
        entry.deputies = slot.plannedDeputies;
        entry.notes = notes.at(ledgerIndex % notes.size()).get<std::string>();
        ++ledgerIndex;
        store::LedgerRepository(store.db(), at).add(entry);
    }

    // Sample concerns with the history and answers real ones accumulate.
    int sample = 0;
    for (const auto& j : demo.at("concerns")) {
        // Office hours on the day it was made: 09:30 plus a little for each sample.
        const LocalDate day = addDays(today, -j.at("days_ago").get<int>());
        const EpochMs created = fromLocal(day, 9 * 60 + 30 + 23 * sample++, offset);
        at.set(created);
        ConcernInput in;
        in.category = parseCategory(str(j, "category")).value();
        in.text = str(j, "text");
        in.place = str(j, "place");
        in.deputyId = str(j, "deputy");
        in.takenBy = parseTakenBy(str(j, "taken_by", "self")).value();
        if (auto c = j.find("contact"); c != j.end()) {
            in.contactName = str(*c, "name");
            in.contactPhone = str(*c, "phone");
            in.consent = true;
        }
        store::ConcernRepository repo(store.db(), at);
        const Concern concern = repo.add(in);
        if (j.contains("disposition"))
            repo.setDisposition(concern.receipt, parseDisposition(str(j, "disposition")).value(),
                                str(j, "disposition_note"));
        for (const auto& change : j.value("status", json::array())) {
            const auto status = parseStatus(change.at(0).get<std::string>()).value();
            const EpochMs when = created + change.at(1).get<EpochMs>() * 86400000 + 3600000;
            const bool answered = status == Status::Answered;
            repo.applyStatus(concern.receipt, status, when, change.at(2).get<std::string>(),
                             answered ? str(j, "answer") : "", answered ? str(j, "summary") : "");
        }
        if (j.contains("satisfaction"))
            repo.rate(concern.receipt, parseSatisfaction(str(j, "satisfaction")).value());
    }
}

}  // namespace kiosk::demo
