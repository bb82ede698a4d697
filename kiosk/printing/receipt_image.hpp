#pragma once
// The receipt drawn as the thermal printer would print it, for `--printer file:PATH.png`
// previews and tests: 576 px wide (80 mm at 203 dpi), font A cells (12 × 24 dots per half-width
// character, 24 × 24 per Chinese one, times the size), Noto Sans CJK, the QR code from ZXing's
// writer at the module size the printer gets.
#include <optional>
#include <string>

#include "kiosk/printing/receipt.hpp"
#include "platform/image.hpp"

namespace kiosk::printing {

/// The receipt as an image; nullopt with `error` when the font is missing.
std::optional<platform::Rgba> renderReceiptImage(const Receipt& receipt, std::string& error);

}  // namespace kiosk::printing
