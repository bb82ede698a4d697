#pragma once
// A station store on a real SQLite file in a temporary folder, with a clock the test moves.
#include <gtest/gtest.h>

#include <memory>

#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/station_store.hpp"
#include "platform/crypto.hpp"
#include "temp_dir.hpp"

namespace testsupport {

class StoreTest : public ::testing::Test {
protected:
    StoreTest()
        : m_clock(kiosk::domain::fromLocal({2026, 11, 15}, 10 * 60,
                                           kiosk::domain::kChinaUtcOffsetMinutes)),
          m_countyKeys(platform::makeSealKeyPair()) {
        reopen();
    }
    void reopen() {
        m_store.reset();
        m_store = std::make_unique<kiosk::store::StationStore>(dbPath(), m_clock);
    }
    void configureStation(bool withKey = true) {
        kiosk::domain::Station s{"430321-test",
                                 "测试联络站",
                                 "测试路1号",
                                 "430321",
                                 kiosk::domain::kChinaUtcOffsetMinutes,
                                 withKey ? platform::toBase64(m_countyKeys.publicKey) : "",
                                 "0732-1"};
        m_store->station().put(s);
    }
    void addDeputy(const std::string& id,
                   kiosk::domain::Level level = kiosk::domain::Level::Township) {
        kiosk::domain::Deputy d;
        d.id = id;
        d.name = "代表" + id;
        d.level = level;
        m_store->roster().putDeputy(d);
    }
    std::string dbPath() const { return m_dir.file("station.db"); }
    kiosk::store::StationStore& store() { return *m_store; }

    TempDir m_dir;
    platform::ManualClock m_clock;
    platform::SealKeyPair m_countyKeys;
    std::unique_ptr<kiosk::store::StationStore> m_store;
};

}  // namespace testsupport
