#include "kiosk/app/pin_check.hpp"

#include <chrono>

#include "platform/crypto.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

PinCheck::~PinCheck() {
    if (m_thread.joinable()) m_thread.join();
}

bool PinCheck::start(std::string hash, std::string pin) {
    if (pending()) return false;
    if (m_thread.joinable()) m_thread.join();  // the last check, finished and taken
    std::promise<bool> promise;
    m_result = promise.get_future();
    m_thread = std::thread(
        [hash = std::move(hash), pin = std::move(pin), promise = std::move(promise)]() mutable {
            promise.set_value(platform::verifySecret(hash, pin));
            platform::Window::wake();
        });
    return true;
}

std::optional<bool> PinCheck::take() {
    if (!pending() || m_result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    return m_result.get();  // leaves the future invalid: not pending any more
}

}  // namespace kiosk::app
