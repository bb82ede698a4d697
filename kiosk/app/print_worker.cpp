#include "kiosk/app/print_worker.hpp"

#include "platform/log.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

std::uint64_t PrintWorker::submit(printing::Receipt receipt) {
    if (!configured()) return 0;
    std::uint64_t job = 0;
    {
        std::lock_guard lock(m_mutex);
        job = m_nextJob++;
        m_jobs.emplace_back(job, std::move(receipt));
        if (!m_thread.joinable()) m_thread = std::thread([this] { loop(); });
    }
    m_cv.notify_one();
    return job;
}

std::vector<PrintEvent> PrintWorker::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<PrintEvent> out(std::make_move_iterator(m_done.begin()),
                                std::make_move_iterator(m_done.end()));
    m_done.clear();
    return out;
}

void PrintWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_one();
    if (m_thread.joinable()) m_thread.join();
}

void PrintWorker::loop() {
    for (;;) {
        std::pair<std::uint64_t, printing::Receipt> job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        auto result = printing::printReceipt(m_target, job.second, m_timeoutMs);
        if (!result.ok)
            platform::logLine(platform::LogLevel::Warning, "printer",
                              "receipt not printed: " + result.detail);
        {
            std::lock_guard lock(m_mutex);
            m_done.push_back({job.first, std::move(result)});
        }
        platform::Window::wake();
    }
}

}  // namespace kiosk::app
