#pragma once
// A kiosk screen: draws itself from the model each frame and sends intents to the controller.
#include <memory>
#include <vector>

#include "kiosk/app/navigator.hpp"
#include "kiosk/app/ui.hpp"

namespace kiosk::screens {

class Screen {
public:
    virtual ~Screen() = default;
    virtual app::ScreenId id() const = 0;
    /// Draws the whole screen below the header; called once per frame while it shows.
    virtual void draw(app::Ui& ui) = 0;
    /// Forgets everything a citizen typed or chose (idle reset, and Home).
    virtual void reset() {}
};

/// The one registration list of screens.
std::vector<std::unique_ptr<Screen>> makeScreens();

}  // namespace kiosk::screens
