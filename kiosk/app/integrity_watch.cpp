#include "kiosk/app/integrity_watch.hpp"

#include "kiosk/store/station_store.hpp"
#include "platform/log.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

void IntegrityWatch::start() {
    if (m_result.valid() || m_damage) return;
    m_result = std::async(std::launch::async, [path = m_path] {
        auto result = store::storeFileDamage(path);
        platform::Window::wake();
        return result;
    });
}

const std::optional<std::string>& IntegrityWatch::damage() {
    if (m_result.valid() &&
        m_result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        m_damage = m_result.get();
        if (m_damage) {
            store::markStoreDamaged(m_path, *m_damage);
            platform::logLine(platform::LogLevel::Error, "store",
                              "database " + m_path + " failed its check (" + *m_damage +
                                  "); the kiosk restarts at Home and moves it aside");
        }
    }
    return m_damage;
}

}  // namespace kiosk::app
