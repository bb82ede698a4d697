#include "kiosk/printing/escpos.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "sync/model/utf8.hpp"

namespace kiosk::printing {

namespace {

constexpr char ESC = 0x1B, GS = 0x1D, FS = 0x1C, LF = 0x0A;

std::string bytes(std::initializer_list<int> b) {
    std::string s;
    for (int c : b) s.push_back(static_cast<char>(c));
    return s;
}

// One iconv descriptor for a conversion; closed on scope exit.
class Iconv {
public:
    Iconv() : m_cd(iconv_open("GB18030", "UTF-8")) {}
    ~Iconv() {
        if (ok()) iconv_close(m_cd);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    bool ok() const { return m_cd != reinterpret_cast<iconv_t>(-1); }
    // GB18030 bytes of one code point, or "" when iconv refuses it.
    std::string convert(const std::string& in) {
        char out[16];
        char* src = const_cast<char*>(in.data());
        std::size_t srcLeft = in.size(), dstLeft = sizeof out;
        char* dst = out;
        iconv(m_cd, nullptr, nullptr, nullptr, nullptr);
        if (iconv(m_cd, &src, &srcLeft, &dst, &dstLeft) == static_cast<std::size_t>(-1) ||
            srcLeft != 0)
            return "";
        return std::string(out, static_cast<std::size_t>(dst - out));
    }

private:
    iconv_t m_cd;
};

}  // namespace

std::string toGb18030(const std::string& text, bool gbkOnly) {
    Iconv cv;
    std::string out;
    for (char32_t cp : csync::model::codePointsOrReplacement(text)) {
        if (cp < 0x20 || cp == 0x7F) {
            // Control bytes in data (a station name, say) must never reach the printer as
            // commands.
            out.push_back(' ');
            continue;
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
            continue;
        }
        // Malformed bytes arrive as U+FFFD (never a lone surrogate) and print as the stand-in.
        std::string gb = (cp == 0xFFFD || !cv.ok()) ? "" : cv.convert(csync::model::toUtf8(cp));
        if (gb.empty() || (gbkOnly && gb.size() > 2)) gb = kFallbackGlyph;
        out += gb;
    }
    return out;
}

std::string escPosQr(const std::string& data, int moduleDots, QrLevel level) {
    std::string out;
    // Function 165: model 2.
    out += bytes({GS, '(', 'k', 4, 0, 49, 65, 50, 0});
    // Function 167: module size in dots (1–16).
    out += bytes({GS, '(', 'k', 3, 0, 49, 67, std::clamp(moduleDots, 1, 16)});
    // Function 169: error correction level.
    out += bytes({GS, '(', 'k', 3, 0, 49, 69, static_cast<int>(level)});
    // Function 180: store the data (length + 3 in pL pH).
    const std::size_t n = std::min<std::size_t>(data.size(), 7089) + 3;
    out += bytes({GS, '(', 'k', static_cast<int>(n & 0xFF), static_cast<int>(n >> 8), 49, 80, 48});
    out += data.substr(0, n - 3);
    // Function 181: print the stored code.
    out += bytes({GS, '(', 'k', 3, 0, 49, 81, 48});
    return out;
}

std::string encodeEscPos(const Receipt& receipt, QrLevel level) {
    std::string out = bytes({ESC, '@'});  // initialise
    out += bytes({FS, '&'});              // Chinese character mode: two-byte GB codes
    int align = -1, size = -1, bold = -1;
    auto setAlign = [&](Align a) {
        const int n = a == Align::Left ? 0 : a == Align::Center ? 1 : 2;
        if (n != align) out += bytes({ESC, 'a', align = n});
    };
    auto setSize = [&](int s) {
        const int m = std::clamp(s, 1, 8) - 1;
        if (m != size) out += bytes({GS, '!', (m << 4) | m});
        size = m;
    };
    auto setBold = [&](bool b) {
        if (static_cast<int>(b) != bold) out += bytes({ESC, 'E', bold = b ? 1 : 0});
    };
    for (const auto& b : receipt.blocks) {
        switch (b.kind) {
            case ReceiptBlock::Kind::Text:
                setAlign(b.align);
                setSize(b.size);
                setBold(b.bold);
                out += toGb18030(b.text);
                out.push_back(LF);
                break;
            case ReceiptBlock::Kind::Qr:
                setAlign(b.align);
                out += escPosQr(b.text, b.moduleDots, level);
                out.push_back(LF);
                break;
            case ReceiptBlock::Kind::Rule:
                setAlign(Align::Left);
                setSize(1);
                setBold(false);
                out += std::string(kColumns, '-');
                out.push_back(LF);
                break;
            case ReceiptBlock::Kind::Feed:
                out += bytes({ESC, 'd', std::clamp(b.lines, 0, 255)});
                break;
        }
    }
    setAlign(Align::Left);
    setSize(1);
    setBold(false);
    // Feed past the cutter, then a partial cut (GS V 66 n: feed n more and cut).
    out += bytes({ESC, 'd', 4});
    out += bytes({GS, 'V', 66, 0});
    return out;
}

}  // namespace kiosk::printing
