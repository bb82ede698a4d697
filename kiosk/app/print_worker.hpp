#pragma once
// Prints receipts on its own thread, so a slow, absent or hung printer never stalls the screen;
// each job's outcome reaches the UI thread through a queue (drain) and wakes the main loop.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/printing/printer.hpp"
#include "kiosk/printing/receipt.hpp"

namespace kiosk::app {

struct PrintEvent {
    std::uint64_t job = 0;
    printing::PrintResult result;
};

class PrintWorker {
public:
    /// target: where receipts go (Kind::None: printing is off). timeoutMs bounds each job.
    explicit PrintWorker(printing::PrinterTarget target, int timeoutMs = 8000)
        : m_target(std::move(target)), m_timeoutMs(timeoutMs) {}
    ~PrintWorker() { stop(); }
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    /// Whether a printer is configured at all.
    bool configured() const { return m_target.kind != printing::PrinterTarget::Kind::None; }
    /// Queues a receipt; returns the job number its PrintEvent will carry (0: no printer).
    /// Starts the thread on first use. UI thread.
    std::uint64_t submit(printing::Receipt receipt);
    /// Outcomes of finished jobs, oldest first. UI thread.
    std::vector<PrintEvent> drain();
    /// Stops the thread after the job in hand (bounded by its timeout) and waits for it.
    void stop();

private:
    void loop();

    printing::PrinterTarget m_target;
    int m_timeoutMs;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::uint64_t m_nextJob = 1;
    std::deque<std::pair<std::uint64_t, printing::Receipt>> m_jobs;
    std::deque<PrintEvent> m_done;
};

}  // namespace kiosk::app
