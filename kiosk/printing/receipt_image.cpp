#include "kiosk/printing/receipt_image.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <exception>
#include <memory>

#include "platform/font_files.hpp"
#include "platform/mapped_file.hpp"
#include "sync/model/utf8.hpp"

namespace kiosk::printing {

namespace {

constexpr int kCell = 12;        // dots per half-width column at size 1
constexpr int kLineDots = 34;    // ESC/POS default line spacing (1/6 inch)
constexpr int kMarginDots = 24;  // paper above the first line and below the last

// A FreeType face over a mapped font file.
class Face {
public:
    Face(FT_Library lib, const std::string& path, int index) {
        if (path.empty() || !lib) return;
        try {
            m_file = std::make_unique<platform::MappedFile>(path);
        } catch (const std::exception&) {
            return;
        }
        if (FT_New_Memory_Face(lib, static_cast<const FT_Byte*>(m_file->data()),
                               static_cast<FT_Long>(m_file->size()), index, &m_face) != 0)
            m_face = nullptr;
    }
    ~Face() {
        if (m_face) FT_Done_Face(m_face);
    }
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;
    FT_Face get() const { return m_face; }

private:
    std::unique_ptr<platform::MappedFile> m_file;
    FT_Face m_face = nullptr;
};

class Painter {
public:
    explicit Painter(int height) {
        m_img.width = kPaperDots;
        m_img.height = height;
        m_img.pixels.assign(static_cast<std::size_t>(kPaperDots) * height * 4, 255);
        FT_Init_FreeType(&m_lib);
        int index = 0;
        const std::string sans = platform::findNotoSansCjk(index);
        m_sans = std::make_unique<Face>(m_lib, sans, index);
        const std::string serif = platform::findNotoSerifCjk(index);
        m_serif = std::make_unique<Face>(m_lib, serif, index);
    }
    ~Painter() {
        m_sans.reset();
        m_serif.reset();
        if (m_lib) FT_Done_FreeType(m_lib);
    }
    bool ok() const { return m_sans->get() != nullptr; }

    void dot(int x, int y, int coverage) {
        if (x < 0 || y < 0 || x >= m_img.width || y >= m_img.height || coverage <= 0) return;
        std::uint8_t* p = &m_img.pixels[(static_cast<std::size_t>(y) * m_img.width + x) * 4];
        const int v = std::max(0, p[0] - coverage);
        p[0] = p[1] = p[2] = static_cast<std::uint8_t>(v);
    }
    void fill(int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) dot(x, y, 255);
    }

    // One line in printer cells: each character centred in its cell, glyphs wider than the
    // cell condensed to fit (as the printer's narrow font A is).
    void line(const ReceiptBlock& b, int top) {
        const int size = std::clamp(b.size, 1, 8), h = 24 * size;
        const int width = textColumns(b.text) * kCell * size;
        int x = b.align == Align::Left     ? 0
                : b.align == Align::Center ? (kPaperDots - width) / 2
                                           : kPaperDots - width;
        for (char32_t cp : csync::model::codePointsOrReplacement(b.text)) {
            const int cell = (cp < 0x80 ? 1 : 2) * kCell * size;
            glyph(cp, x, top, cell, h, b.bold);
            x += cell;
        }
    }

    void qr(const ReceiptBlock& b, const ZXing::BitMatrix& m, int top) {
        const int d = b.moduleDots, x0 = (kPaperDots - m.width() * d) / 2;
        for (int y = 0; y < m.height(); ++y)
            for (int x = 0; x < m.width(); ++x)
                if (m.get(x, y)) fill(x0 + x * d, top + y * d, x0 + (x + 1) * d, top + (y + 1) * d);
    }

    platform::Rgba take() { return std::move(m_img); }

private:
    FT_Face faceFor(char32_t cp) {
        if (FT_Get_Char_Index(m_sans->get(), cp) == 0 && m_serif->get() &&
            FT_Get_Char_Index(m_serif->get(), cp) != 0)
            return m_serif->get();
        return m_sans->get();
    }

    void glyph(char32_t cp, int x, int top, int cell, int h, bool bold) {
        FT_Face f = faceFor(cp);
        FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(h));
        if (FT_Load_Char(f, cp, FT_LOAD_DEFAULT) != 0) return;
        const int advance = static_cast<int>(f->glyph->advance.x >> 6);
        if (advance > cell) {
            FT_Set_Pixel_Sizes(f, static_cast<FT_UInt>(h * cell / advance),
                               static_cast<FT_UInt>(h));
            if (FT_Load_Char(f, cp, FT_LOAD_DEFAULT) != 0) return;
        }
        if (FT_Render_Glyph(f->glyph, FT_RENDER_MODE_NORMAL) != 0) return;
        const FT_GlyphSlot g = f->glyph;
        const int gx = x + (cell - static_cast<int>(g->advance.x >> 6)) / 2 + g->bitmap_left;
        const int baseline = top + static_cast<int>(f->size->metrics.ascender >> 6);
        const FT_Bitmap& bm = g->bitmap;
        for (int pass = 0; pass < (bold ? 2 : 1); ++pass)
            for (unsigned row = 0; row < bm.rows; ++row)
                for (unsigned col = 0; col < bm.width; ++col)
                    dot(gx + pass + static_cast<int>(col),
                        baseline - g->bitmap_top + static_cast<int>(row),
                        bm.buffer[row * bm.pitch + col]);
        FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(h));
    }

    platform::Rgba m_img;
    FT_Library m_lib = nullptr;
    std::unique_ptr<Face> m_sans, m_serif;
};

int textHeight(const ReceiptBlock& b) {
    const int size = std::clamp(b.size, 1, 8);
    return std::max(kLineDots, 24 * size + 10);
}

}  // namespace

std::optional<platform::Rgba> renderReceiptImage(const Receipt& receipt, std::string& error) {
    // The QR codes first: their size decides the height.
    std::vector<ZXing::BitMatrix> codes;
    int height = 2 * kMarginDots;
    for (const auto& b : receipt.blocks) {
        switch (b.kind) {
            case ReceiptBlock::Kind::Text:
            case ReceiptBlock::Kind::Rule:
                height += textHeight(b);
                break;
            case ReceiptBlock::Kind::Feed:
                height += kLineDots * b.lines;
                break;
            case ReceiptBlock::Kind::Qr:
                try {
                    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
                    // 6 ≈ level Q, as the ESC/POS job asks for and the screen shows.
                    writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(6).setMargin(0);
                    codes.push_back(writer.encode(b.text, 0, 0));
                } catch (const std::exception& e) {
                    error = std::string("QR: ") + e.what();
                    return std::nullopt;
                }
                height += codes.back().height() * b.moduleDots + kLineDots;
                break;
        }
    }
    Painter p(height);
    if (!p.ok()) {
        error = "Noto Sans CJK not found (install fonts-noto-cjk)";
        return std::nullopt;
    }
    int y = kMarginDots;
    std::size_t qrIndex = 0;
    for (const auto& b : receipt.blocks) {
        switch (b.kind) {
            case ReceiptBlock::Kind::Text:
                p.line(b, y);
                y += textHeight(b);
                break;
            case ReceiptBlock::Kind::Rule: {
                ReceiptBlock dashes = b;
                dashes.text = std::string(kColumns, '-');
                p.line(dashes, y);
                y += textHeight(b);
                break;
            }
            case ReceiptBlock::Kind::Feed:
                y += kLineDots * b.lines;
                break;
            case ReceiptBlock::Kind::Qr: {
                const auto& m = codes[qrIndex++];
                p.qr(b, m, y);
                y += m.height() * b.moduleDots + kLineDots;
                break;
            }
        }
    }
    return p.take();
}

}  // namespace kiosk::printing
