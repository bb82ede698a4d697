#pragma once
// ESC/POS bytes for a receipt, as thermal receipt printers sold in China take them: Chinese
// text in GB18030 under FS & (Chinese character mode), ESC a alignment, GS ! character size,
// ESC E emphasis, the QR code by GS ( k (model 2), a feed and a GS V partial cut. The same
// receipt always gives the same bytes.
#include <string>

#include "kiosk/printing/receipt.hpp"

namespace kiosk::printing {

/// Error correction of the printed QR code (GS ( k function 169 values).
enum class QrLevel : char { L = 48, M = 49, Q = 50, H = 51 };

/// What stands in for a character the printer cannot show: one that GB18030 has no code for
/// (malformed UTF-8) or, with two-byte fonts, one outside GBK. Full-width white square.
inline constexpr const char* kFallbackGlyph = "\xA1\xF5";  // □ in GB18030

/// GB18030 bytes of UTF-8 text (glibc iconv). Malformed UTF-8 and control characters become
/// kFallbackGlyph / a space; with gbkOnly, so do characters that need GB18030's four-byte
/// form, which the two-byte (GBK) fonts of most printers cannot print. Never throws.
std::string toGb18030(const std::string& utf8, bool gbkOnly = true);

/// The whole print job for a receipt: ESC @ … GS V.
std::string encodeEscPos(const Receipt& receipt, QrLevel level = QrLevel::Q);

/// GS ( k commands that store, size and print a model-2 QR code holding `data`.
std::string escPosQr(const std::string& data, int moduleDots, QrLevel level);

}  // namespace kiosk::printing
