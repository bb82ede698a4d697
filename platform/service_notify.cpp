#include "platform/service_notify.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace platform {
namespace {

// WATCHDOG_USEC applies to us when WATCHDOG_PID is unset, ours, or our parent's. The kiosk runs
// as the child of its compositor (cage), which is the unit's main process; with
// NotifyAccess=all systemd accepts the child's keep-alives, but sd_watchdog_enabled() would
// decline because the pid is cage's.
std::chrono::microseconds watchdogFromEnvironment() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) return std::chrono::microseconds(usec);
    const char* text = std::getenv("WATCHDOG_USEC");
    const char* pid = std::getenv("WATCHDOG_PID");
    if (!text || !pid) return std::chrono::microseconds(0);
    char* end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    const long long owner = std::strtoll(pid, nullptr, 10);
    if (end == text || *end != '\0' || value <= 0 || owner != static_cast<long long>(getppid()))
        return std::chrono::microseconds(0);
    return std::chrono::microseconds(value);
}

}  // namespace

ServiceNotifier::ServiceNotifier() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    m_enabled = socket && *socket;
    if (m_enabled) m_watchdog = watchdogFromEnvironment();
    m_lastPing = std::chrono::steady_clock::now();
}

void ServiceNotifier::send(const std::string& message) {
    if (!m_enabled) return;
    sd_notify(0, message.c_str());  // 0: keep NOTIFY_SOCKET for the next message
}

void ServiceNotifier::ready(const std::string& status) {
    send(status.empty() ? std::string("READY=1") : "READY=1\nSTATUS=" + status);
    m_ready = m_enabled;
    m_lastPing = std::chrono::steady_clock::now();
}

void ServiceNotifier::stopping() {
    send("STOPPING=1");
}

void ServiceNotifier::keepAlive() {
    if (!m_ready || m_watchdog.count() == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastPing < m_watchdog / 2) return;
    m_lastPing = now;
    send("WATCHDOG=1");
}

long long ServiceNotifier::msUntilKeepAlive() const {
    if (!m_ready || m_watchdog.count() == 0) return -1;
    const auto due = m_lastPing + m_watchdog / 2;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        due - std::chrono::steady_clock::now());
    return left.count() > 0 ? left.count() : 0;
}

}  // namespace platform
