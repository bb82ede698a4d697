#pragma once
// Regions whose content can grow past the screen: a finger drags the content (with momentum
// after a flick), and big 上一页 / 下一页 buttons with "第 2/5 页" page it for those who do not
// drag. What is pinned below (the wizard's 上一步/下一步, the keyboard) stays outside the region.
#include <imgui.h>

#include "kiosk/app/ui.hpp"

namespace kiosk::widgets {

using app::Ui;

/// Begins a scrolling region of `size` at the cursor (the pager row, when the content does not
/// fit, is drawn inside that size, under the view). Always pair with endScroll.
void beginScroll(Ui& ui, const char* id, ImVec2 size);
/// Ends the region begun last and draws its pager row; the cursor goes below the region.
void endScroll(Ui& ui);

/// Begins the region filling the screen from the cursor down to `reservedBelow` px above the
/// bottom padding, full content width (or `width`): a screen's body above what it pins to the
/// bottom.
void beginBody(Ui& ui, const char* id, float reservedBelow = 0, float width = 0);

/// Scrolls the region being drawn so that the item drawn last is in view (a focused field).
void scrollToLastItem();

/// True while a flick is still moving content: the main loop keeps drawing frames.
bool scrollAnimating();

/// True when the last frame opened a region or changed whether its pager shows: the next frame
/// lays out differently, so the main loop (and a script) draws it before waiting.
bool layoutSettling();

/// Forgets every region's position: the next screen (or visitor) starts at the top.
void resetScrolling();

/// Height of the pager row under a region whose content does not fit.
float pagerHeight(const Ui& ui);

}  // namespace kiosk::widgets
