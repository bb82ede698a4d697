#pragma once
// The sync client's view of a station store: the outbox to upload, and the downloads (station
// config, concern updates) applied each in one store transaction.
#include "kiosk/store/station_store.hpp"
#include "sync/client/sync_client.hpp"

namespace kiosk::syncing {

class StoreStationSide final : public csync::client::StationSide {
public:
    explicit StoreStationSide(store::StationStore& store) : m_store(store) {}
    std::vector<csync::Record> pendingRecords(std::size_t limit) override;
    void acknowledge(const std::vector<std::string>& ids, std::int64_t atMs) override;
    std::string configEtag() override;
    void applyConfig(const nlohmann::json& config, const std::string& etag) override;
    std::int64_t updatesCursor() override;
    void applyUpdates(const csync::UpdatesResponse& updates) override;
    std::int64_t pendingCount() override;

private:
    store::StationStore& m_store;
};

}  // namespace kiosk::syncing
