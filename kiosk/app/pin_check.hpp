#pragma once
// Checks a staff PIN against its stored hash on its own thread: the key stretching takes about
// 100 ms on the station's CPU, too long for the frame that draws the tap. The result comes back
// through a future set before the main loop is woken, so the next frame finds it.
#include <future>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::app {

class PinCheck {
public:
    PinCheck() = default;
    ~PinCheck();
    PinCheck(const PinCheck&) = delete;
    PinCheck& operator=(const PinCheck&) = delete;

    /// Starts checking pin against hash (platform::verifySecret); false while one is running.
    bool start(std::string hash, std::string pin);
    /// Whether a check is running or its result has not been taken yet.
    bool pending() const { return m_result.valid(); }
    /// The result once the check finished (taken once), else nullopt. UI thread.
    std::optional<bool> take();

private:
    std::thread m_thread;
    std::future<bool> m_result;
};

}  // namespace kiosk::app
