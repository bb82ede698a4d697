#pragma once
// What a citizen's printed receipt (回执) says, as a list of blocks that both the ESC/POS encoder
// and the PNG preview draw. Lines are already wrapped to the 80 mm paper (48 columns of
// half-width characters at size 1), so the printer and the preview break lines at the same
// places. No I/O.
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::printing {

/// Printable width of 80 mm paper at 203 dpi, in dots.
inline constexpr int kPaperDots = 576;
/// Half-width columns across the paper at size 1 (font A, 12 × 24 dots).
inline constexpr int kColumns = 48;

enum class Align { Left, Center, Right };

struct ReceiptBlock {
    enum class Kind { Text, Qr, Rule, Feed };
    Kind kind = Kind::Text;
    std::string text;  // Text: one line, already wrapped; Qr: the payload
    Align align = Align::Left;
    int size = 1;        // Text: character magnification 1–3 (width and height)
    bool bold = false;   // Text
    int moduleDots = 6;  // Qr: dots per module
    int lines = 1;       // Feed: blank lines
};

struct Receipt {
    std::vector<ReceiptBlock> blocks;
};

/// The facts a receipt carries.
struct ReceiptInfo {
    std::string stationName;
    std::string hotline;       // may be empty: no hotline line then
    std::string receiptCode;   // the normalised code (9 characters)
    std::string qrText;        // what the screen's receipt QR holds (RC1:… or a /track/ URL)
    std::string categoryName;  // as the citizen chose it
    std::int64_t atMs = 0;     // when the concern was recorded
    int utcOffsetMinutes = 480;
};

/// Lays out the receipt: title, station, date and time, the code large, the QR, category, what
/// happens next and the hotline. Words come from the string table (receipt.*).
Receipt buildReceipt(const ReceiptInfo& info);

/// Display columns of UTF-8 text: 1 for ASCII, 2 for anything wider (CJK, full-width forms).
int textColumns(const std::string& utf8);

/// Splits text into lines of at most `columns` display columns, keeping ASCII words whole when
/// they fit a line; existing '\n' break lines.
std::vector<std::string> wrapText(const std::string& utf8, int columns);

}  // namespace kiosk::printing
