#pragma once
// Syncs with the county server on its own thread and its own store connection, kept open (SQLite
// WAL lets it write while the UI reads): every few minutes when all is well and soon after the
// kiosk records something; after network or server trouble it backs off exponentially with jitter;
// after an auth or config refusal it waits for staff ("sync now"), since those do not fix
// themselves. Each run's report reaches the UI thread through a queue.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sync/client/sync_client.hpp"

namespace kiosk::app {

class SyncWorker {
public:
    explicit SyncWorker(std::string dbPath) : m_dbPath(std::move(dbPath)) {}
    ~SyncWorker() { stop(); }
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    /// Starts the worker thread (first run right away).
    void start();
    /// Stops it and waits (a request in flight ends at its timeout).
    void stop();
    /// Asks for a run as soon as possible (staff "sync now", a new record). Any thread.
    void requestNow();
    /// Reports of finished runs, oldest first. UI thread.
    std::vector<csync::client::SyncReport> drain();
    /// Delay before the next run after `report`, given how many runs failed in a row
    /// (exposed for tests): -1 means "wait for requestNow".
    static long long delayAfterMs(const csync::client::SyncReport& report, int failuresInARow,
                                  double jitter01);

private:
    void loop();

    std::string m_dbPath;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_now = false;
    std::deque<csync::client::SyncReport> m_reports;
};

}  // namespace kiosk::app
