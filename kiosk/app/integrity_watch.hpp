#pragma once
// The station file's integrity check (PRAGMA quick_check) on a thread of its own, after the
// first frame: it reads every page, ~80 ms for five years of a station's data, which would
// otherwise delay every start. A damaged file is marked for the next start (which moves it
// aside and starts a fresh store, as a check on open does) and the kiosk restarts at Home.
#include <future>
#include <optional>
#include <string>

namespace kiosk::app {

class IntegrityWatch {
public:
    explicit IntegrityWatch(std::string dbPath) : m_path(std::move(dbPath)) {}
    IntegrityWatch(const IntegrityWatch&) = delete;
    IntegrityWatch& operator=(const IntegrityWatch&) = delete;

    /// Starts the check (once); the main loop is woken when it ends.
    void start();
    /// What the check found wrong, once it ended and found something; nullopt while running or
    /// when the file is healthy. UI thread.
    const std::optional<std::string>& damage();

private:
    std::string m_path;
    std::future<std::optional<std::string>> m_result;  // its destructor waits for the check
    std::optional<std::string> m_damage;
};

/// The exit status of a kiosk that found its file damaged (EX_TEMPFAIL): systemd starts it again.
inline constexpr int kExitStoreDamaged = 75;

}  // namespace kiosk::app
