#include "kiosk/app/sync_worker.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include "kiosk/store/station_store.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

namespace {
constexpr long long kIdlePeriodMs = 120'000;       // all well: look for news every two minutes
constexpr long long kFirstRetryMs = 5'000;         // network/server trouble: 5 s, 10 s, 20 s …
constexpr long long kMaxRetryMs = 600'000;         // … up to 10 minutes
constexpr long long kNotEnrolledCheckMs = 60'000;  // enrollment may happen with stationctl
}  // namespace

long long SyncWorker::delayAfterMs(const csync::client::SyncReport& r, int failures,
                                   double jitter01) {
    if (r.ok()) return kIdlePeriodMs;
    if (!r.retryable()) return -1;
    const long long base =
        std::min(kMaxRetryMs, kFirstRetryMs << std::min(failures > 0 ? failures - 1 : 0, 16));
    // ±20 % jitter, so 200 stations that lost the network together do not return together.
    return static_cast<long long>(base * (0.8 + 0.4 * jitter01));
}

void SyncWorker::start() {
    if (m_thread.joinable()) return;
    m_stop = false;
    m_thread = std::thread([this] { loop(); });
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void SyncWorker::requestNow() {
    {
        std::lock_guard lock(m_mutex);
        m_now = true;
    }
    m_cv.notify_all();
}

std::vector<csync::client::SyncReport> SyncWorker::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<csync::client::SyncReport> out(m_reports.begin(), m_reports.end());
    m_reports.clear();
    return out;
}

void SyncWorker::loop() {
    const platform::SystemClock clock;  // real time: the server compares it with its own
    int failures = 0;
    std::int64_t offset = 0;
    // One connection for the worker's life (opening runs the schema check and the pragmas);
    // after an error it is dropped and opened afresh on the next run. The App's IntegrityWatch
    // checks the file: a second check here would only compete with the first frames, and must
    // never move the file aside under the App's connection.
    std::unique_ptr<store::StationStore> open;
    store::OpenOptions options;
    options.checkOnOpen = false;
    while (true) {
        long long delay = kNotEnrolledCheckMs;
        try {
            if (!open) open = std::make_unique<store::StationStore>(m_dbPath, clock, options);
            store::StationStore& store = *open;
            if (const auto conn = store.sync().connection()) {
                syncing::StoreStationSide side(store);
                csync::client::SyncClient client(
                    *conn, side, [&] { return clock.nowMs(); },
                    [&](const std::string& line) { store.sync().log(line, clock.nowMs()); });
                client.setClockOffsetMs(offset ? offset : store.sync().status().clockOffsetMs);
                const auto report = client.runOnce();
                offset = client.clockOffsetMs();
                store.sync().recordRun(report, clock.nowMs());
                failures = report.ok() ? 0 : failures + 1;
                delay = delayAfterMs(report, failures, platform::randomBelow(1000) / 1000.0);
                {
                    std::lock_guard lock(m_mutex);
                    m_reports.push_back(report);
                }
                platform::Window::wake();
            }
        } catch (const std::exception&) {
            // The store is busy or damaged right now: the UI reports store trouble itself.
            open.reset();
            delay = kFirstRetryMs;
        }
        std::unique_lock lock(m_mutex);
        const auto wake = [&] { return m_stop || m_now; };
        if (delay < 0)
            m_cv.wait(lock, wake);
        else
            m_cv.wait_for(lock, std::chrono::milliseconds(delay), wake);
        if (m_stop) return;
        m_now = false;
    }
}

}  // namespace kiosk::app
