#pragma once
// Which screen is showing, and the way back. Home is always at the bottom of the stack.
#include <vector>

namespace kiosk::app {

// Closed: the calm screen an idle kiosk shows outside opening hours (a tap brings Home back).
enum class ScreenId {
    Home,
    Submit,
    Track,
    Deputies,
    Schedule,
    Results,
    Staff,
    Scan,
    Closed,
    Announcements
};

class Navigator {
public:
    ScreenId current() const { return m_stack.back(); }
    void push(ScreenId id) {
        if (id != current()) m_stack.push_back(id);
    }
    void back() {
        if (m_stack.size() > 1) m_stack.pop_back();
    }
    void home() { m_stack.assign(1, ScreenId::Home); }
    bool atHome() const { return m_stack.size() == 1; }

private:
    std::vector<ScreenId> m_stack{ScreenId::Home};
};

}  // namespace kiosk::app
