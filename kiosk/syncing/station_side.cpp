#include "kiosk/syncing/station_side.hpp"

#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/store/station_roster.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/store/sync_repo.hpp"
#include "sync/protocol/record.hpp"

namespace kiosk::syncing {

std::vector<csync::Record> StoreStationSide::pendingRecords(std::size_t limit) {
    return m_store.outbox().pending(limit);
}

void StoreStationSide::acknowledge(const std::vector<std::string>& ids, std::int64_t atMs) {
    m_store.outbox().markAcked(ids, atMs);
}

std::int64_t StoreStationSide::pendingCount() {
    return m_store.outbox().counts().pending;
}

std::string StoreStationSide::configEtag() {
    return m_store.sync().configEtag();
}

void StoreStationSide::applyConfig(const nlohmann::json& config, const std::string& etag) {
    // Everything the county sends lands together or not at all (nested transactions are
    // savepoints inside this one).
    store::Transaction tx(m_store.db());
    if (config.contains("station") && config.contains("deputies")) {
        auto roster = csync::model::rosterFromJson(config);
        if (const auto current = m_store.station().get()) {
            // The county may not rename the station's identity or drop its sealing key.
            auto& s = *roster.station;
            s.id = current->id;
            if (s.countyCode.empty()) s.countyCode = current->countyCode;
            if (s.countySealKey.empty()) s.countySealKey = current->countySealKey;
            if (s.name.empty()) s.name = current->name;
        }
        store::applyRoster(m_store, roster);
    }
    if (config.contains("sign_keys"))
        m_store.trust().setSigningKeys(csync::signingKeysFromJson(config.at("sign_keys")));
    if (config.contains("revoked"))
        m_store.trust().setRevokedSerials(config.at("revoked").get<std::vector<std::string>>());
    // The county's public progress page for receipt QR codes; a config without it clears it.
    if (config.contains("sign_keys")) {
        const auto url = config.contains("track_url") && config.at("track_url").is_string()
                             ? config.at("track_url").get<std::string>()
                             : std::string();
        m_store.station().setSetting(store::kTrackUrlSetting,
                                     domain::isTrackUrl(url) ? url : std::string());
    }
    if (config.contains("announcements"))
        m_store.station().setSetting(store::kAnnouncementsSetting,
                                     config.at("announcements").dump());
    m_store.sync().setConfigEtag(etag);
    tx.commit();
}

std::int64_t StoreStationSide::updatesCursor() {
    return m_store.sync().updatesCursor();
}

void StoreStationSide::applyUpdates(const csync::UpdatesResponse& u) {
    store::Transaction tx(m_store.db());
    std::int64_t cursor = m_store.sync().updatesCursor();
    auto concerns = m_store.concerns();
    for (const auto& x : u.updates) {
        cursor = std::max(cursor, x.cursor);
        // The concern by its id (the same on both sides); older county servers sent the receipt.
        const auto here = x.concernId.empty() ? concerns.findByReceipt(x.receipt)
                                              : concerns.findById(x.concernId);
        const auto status = domain::parseStatus(x.status);
        std::string_view refused;
        if (!here) {
            refused = csync::kRefusedNotFound;
        } else if (!status) {
            refused = csync::kRefusedUnknownStatus;  // a status this kiosk does not know yet
        } else {
            try {
                concerns.applyStatus(here->receipt, *status, x.atMs, x.note, x.answer, x.summary);
            } catch (const store::StoreError& e) {
                // Disk full or I/O: roll back and try again at the next sync.
                if (e.kind() == store::StoreErrorKind::NotAllowed)
                    refused = csync::kRefusedTransition;
                else if (e.kind() == store::StoreErrorKind::NotFound)
                    refused = csync::kRefusedNotFound;
                else
                    throw;
            }
        }
        if (refused.empty()) continue;
        // Never skipped in silence: the county hears of it and staff see it on the concern.
        concerns.reportRefusedUpdate(
            x.concernId.empty() && here ? here->id : x.concernId, x.receipt, x.cursor, x.status,
            here ? std::string(domain::statusId(here->status)) : "", refused);
        m_store.sync().log("county update " + std::to_string(x.cursor) + " for " + x.receipt +
                               " not applied (" + std::string(refused) + "), reported back",
                           x.atMs);
    }
    m_store.sync().setUpdatesCursor(std::max(cursor, u.nextCursor));
    tx.commit();
}

}  // namespace kiosk::syncing
