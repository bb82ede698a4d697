#pragma once
// Wall-clock seam so tests and scripted runs can move time without sleeping.
#include <atomic>
#include <cstdint>

namespace platform {

/// Milliseconds since the Unix epoch (UTC).
using EpochMs = std::int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    /// Current time in milliseconds since the Unix epoch.
    virtual EpochMs nowMs() const = 0;
};

/// The real system clock.
class SystemClock final : public Clock {
public:
    /// Reads std::chrono::system_clock.
    EpochMs nowMs() const override;
};

/// A clock that only moves when told to (tests, scripted UI runs).
class ManualClock final : public Clock {
public:
    /// Starts the clock at the given time.
    explicit ManualClock(EpochMs start) : m_now(start) {}
    /// Returns the time last set.
    EpochMs nowMs() const override { return m_now.load(); }
    /// Sets the current time.
    void set(EpochMs t) { m_now.store(t); }
    /// Moves the clock forward by ms milliseconds.
    void advance(EpochMs ms) { m_now.fetch_add(ms); }

private:
    std::atomic<EpochMs> m_now;
};

}  // namespace platform
