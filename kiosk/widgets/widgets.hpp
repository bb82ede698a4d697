#pragma once
// Touch widgets: big buttons and tiles, the screen header with Back and Home, text fields with a
// visible counter (the on-screen keyboards are in keyboard.hpp). Every label drawn is registered
// with its rectangle.
#include <imgui.h>

#include <string>

#include "kiosk/app/ui.hpp"
#include "kiosk/domain/deputy.hpp"
#include "kiosk/widgets/keyboard.hpp"

namespace kiosk::widgets {

using app::Ui;

enum class Style { Primary, Secondary, Accent, Quiet, Selected };

/// Text at the cursor, wrapped to wrapWidth (0: to the content edge); registered as visible.
void text(Ui& ui, const std::string& s, ImFont* font, ImU32 color, float wrapWidth = 0);

/// A button of at least the layout's tap size; true on the frame it is tapped. The label is in
/// the body font unless another is given (the handwriting candidates are bigger).
bool button(Ui& ui, const std::string& label, ImVec2 size, Style style = Style::Secondary,
            ImFont* font = nullptr);

/// A home-screen tile: big title, smaller subtitle, coloured band on the left.
bool tile(Ui& ui, const std::string& title, const std::string& subtitle, ImVec2 size, ImU32 band);

/// The coloured header band with the screen title; Back and Home on every screen but Home.
/// In read-aloud mode a second row holds the title, the first a big speaker button (朗读) that
/// repeats the screen's spoken text; the title is always the first thing spoken.
void header(Ui& ui, const std::string& title);

/// Height of the header's button row; the header is twice that less a little in read-aloud mode.
inline constexpr float kHeaderRowH = 132;

/// Declares text the screen speaks in read-aloud mode (instructions, the selected item, a
/// result). Call every frame while it applies, like drawing; the App speaks what changed.
void say(Ui& ui, const std::string& s);

/// A code spoken character by character: "846-4TY-NRK" → "8 4 6 4 T Y N R K".
std::string spelledOut(const std::string& code);

/// The big speaker button (icon and 朗读); true on the frame it is tapped.
bool speakerButton(Ui& ui, ImVec2 size);

/// A single- or multi-line text field with "n/max" under it; text beyond maxChars is cut. A tap
/// focuses it; with focusWhenFree it also takes the focus while no field has it.
void textField(Ui& ui, const char* id, std::string& value, std::size_t maxChars, ImVec2 size,
               bool multiline, const std::string& hint, bool focusWhenFree = true);

/// A white rounded panel drawn behind whatever is drawn between beginCard and endCard.
void beginCard(Ui& ui, float width);
void endCard(Ui& ui);

/// A deputy's portrait at the cursor, or a "not published" placeholder (seed 002 §5).
void deputyPhoto(Ui& ui, const domain::Deputy& d, ImVec2 size);

/// The state of uploads to the county in words (Home and staff): waiting, last success, why
/// it is failing.
std::string syncStateText(const app::KioskModel& model);

/// "县人大代表" etc.
std::string levelName(domain::Level level);

/// A QR code of text (ZXing-cpp writer, error level Q) as black modules on white, side px wide.
void qrCode(const std::string& text, float side);

/// "2026年11月15日" / "11月15日 星期日" / "10:05" in station-local time.
std::string dateLong(long long t, int offset);
std::string dateShort(long long t, int offset);
std::string timeOfDay(long long t, int offset);
/// "星期日".
std::string weekdayName(long long t, int offset);

/// Remaining content width at the cursor.
float availWidth();

}  // namespace kiosk::widgets
