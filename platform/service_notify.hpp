#pragma once
// The systemd service protocol (sd_notify): READY=1, WATCHDOG=1 keep-alives and STOPPING=1.
// Without NOTIFY_SOCKET (not started by systemd) every call does nothing.
#include <chrono>
#include <string>

namespace platform {

class ServiceNotifier {
public:
    /// Reads NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID from the environment.
    ServiceNotifier();

    /// Whether a service manager listens (NOTIFY_SOCKET is set).
    bool enabled() const { return m_enabled; }
    /// The watchdog interval systemd expects keep-alives within; zero when there is none.
    std::chrono::microseconds watchdogInterval() const { return m_watchdog; }

    /// Tells the service manager start-up is complete (READY=1), with a status line.
    void ready(const std::string& status = "");
    /// Tells the service manager the process is shutting down (STOPPING=1).
    void stopping();
    /// Sends WATCHDOG=1 when half the watchdog interval has passed since the last one (or since
    /// READY=1; nothing before it: start-up is bounded by TimeoutStartSec). Call it from the
    /// loop whose progress it vouches for, never from a helper thread.
    void keepAlive();
    /// Milliseconds until keepAlive() next has something to send (-1: no watchdog), so an
    /// event loop can wake in time even when idle.
    long long msUntilKeepAlive() const;

private:
    void send(const std::string& message);

    bool m_enabled = false;
    bool m_ready = false;  // READY=1 sent (and a service manager listens)
    std::chrono::microseconds m_watchdog{0};
    std::chrono::steady_clock::time_point m_lastPing{};
};

}  // namespace platform
