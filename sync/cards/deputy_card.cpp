#include "sync/cards/deputy_card.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>

#include "platform/font_files.hpp"
#include "platform/mapped_file.hpp"
#include "sync/model/utf8.hpp"

namespace csync::cards {

namespace {

struct Rgb {
    std::uint8_t r, g, b;
};

constexpr Rgb kRed{178, 34, 34};
constexpr Rgb kInk{30, 30, 30};
constexpr Rgb kMuted{95, 95, 95};
constexpr Rgb kWhite{255, 255, 255};
constexpr Rgb kCut{170, 170, 170};

// One FreeType face over the mapped font file, for the lifetime of a drawing.
class Font {
public:
    Font(const std::string& path, int index) : m_file(path) {
        if (FT_Init_FreeType(&m_lib) != 0) return;
        if (FT_New_Memory_Face(m_lib, static_cast<const FT_Byte*>(m_file.data()),
                               static_cast<FT_Long>(m_file.size()), index, &m_face) != 0)
            m_face = nullptr;
    }
    ~Font() {
        if (m_face) FT_Done_Face(m_face);
        if (m_lib) FT_Done_FreeType(m_lib);
    }
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;
    bool ok() const { return m_face != nullptr; }
    FT_Face face() const { return m_face; }

private:
    platform::MappedFile m_file;
    FT_Library m_lib = nullptr;
    FT_Face m_face = nullptr;
};

class Canvas {
public:
    Canvas(int w, int h) {
        m_img.width = w;
        m_img.height = h;
        m_img.pixels.assign(static_cast<std::size_t>(w) * h * 4, 255);
    }
    void fill(int x0, int y0, int x1, int y1, Rgb c) {
        for (int y = std::max(0, y0); y < std::min(m_img.height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(m_img.width, x1); ++x) blend(x, y, c, 255);
    }
    void blend(int x, int y, Rgb c, int alpha) {
        if (x < 0 || y < 0 || x >= m_img.width || y >= m_img.height || alpha == 0) return;
        std::uint8_t* p = &m_img.pixels[(static_cast<std::size_t>(y) * m_img.width + x) * 4];
        p[0] = static_cast<std::uint8_t>((c.r * alpha + p[0] * (255 - alpha)) / 255);
        p[1] = static_cast<std::uint8_t>((c.g * alpha + p[1] * (255 - alpha)) / 255);
        p[2] = static_cast<std::uint8_t>((c.b * alpha + p[2] * (255 - alpha)) / 255);
    }
    // One line of text at pixel height px with the line's top at y; stops at maxX.
    void text(Font& font, int x, int y, int px, const std::string& s, Rgb c, int maxX) {
        FT_Face f = font.face();
        FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(px));
        const int baseline = y + static_cast<int>(f->size->metrics.ascender >> 6);
        for (char32_t cp : model::codePointsOrReplacement(s)) {
            if (FT_Load_Char(f, cp, FT_LOAD_RENDER) != 0) continue;
            const FT_GlyphSlot g = f->glyph;
            const int advance = static_cast<int>(g->advance.x >> 6);
            if (x + advance > maxX) break;
            const FT_Bitmap& bm = g->bitmap;
            for (unsigned row = 0; row < bm.rows; ++row)
                for (unsigned col = 0; col < bm.width; ++col)
                    blend(x + g->bitmap_left + static_cast<int>(col),
                          baseline - g->bitmap_top + static_cast<int>(row), c,
                          bm.buffer[row * bm.pitch + col]);
            x += advance;
        }
    }
    // Copies img with its top-left corner at (x, y).
    void blit(const platform::Rgba& img, int x, int y) {
        for (int row = 0; row < img.height; ++row) {
            const int ty = y + row;
            if (ty < 0 || ty >= m_img.height) continue;
            for (int col = 0; col < img.width; ++col) {
                const int tx = x + col;
                if (tx < 0 || tx >= m_img.width) continue;
                std::copy_n(&img.pixels[(static_cast<std::size_t>(row) * img.width + col) * 4], 4,
                            &m_img.pixels[(static_cast<std::size_t>(ty) * m_img.width + tx) * 4]);
            }
        }
    }
    platform::Rgba take() { return std::move(m_img); }

private:
    platform::Rgba m_img;
};

std::unique_ptr<Font> openFont(std::string& error) {
    int index = 0;
    const std::string path = platform::findNotoSansCjk(index);
    if (path.empty()) {
        error = "Noto Sans CJK not found (install fonts-noto-cjk)";
        return nullptr;
    }
    auto font = std::make_unique<Font>(path, index);
    if (!font->ok()) {
        error = "cannot load " + path;
        return nullptr;
    }
    return font;
}

std::optional<platform::Rgba> drawCard(Font& font, const DeputyCard& card, std::string& error) {
    constexpr int kBand = 110;
    Canvas c(kCardWidth, kCardHeight);
    c.fill(0, 0, kCardWidth, kBand, kRed);
    c.text(font, 48, 26, 54, "人大代表联络站 · 代表值班码", kWhite, kCardWidth - 40);

    // The QR code at level Q in alphanumeric mode, with a quiet zone of four modules.
    ZXing::BitMatrix m;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEccLevel(6).setMargin(0);
        m = writer.encode(std::wstring(card.token.begin(), card.token.end()), 0, 0);
    } catch (const std::exception& e) {
        error = std::string("the token does not fit a QR code: ") + e.what();
        return std::nullopt;
    }
    const int side = kCardHeight - kBand - 60, cell = side / (m.width() + 8);
    const int qx = 40 + 4 * cell, qy = kBand + 30 + 4 * cell;
    for (int y = 0; y < m.height(); ++y)
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, y))
                c.fill(qx + x * cell, qy + y * cell, qx + (x + 1) * cell, qy + (y + 1) * cell,
                       kInk);

    const int tx = 40 + side + 40, right = kCardWidth - 30;
    c.text(font, tx, kBand + 40, 96, card.name.empty() ? card.deputyId : card.name, kInk, right);
    int y = kBand + 170;
    for (const std::string& line :
         {"代表编号：" + card.deputyId, card.station.empty() ? "" : "联络站：" + card.station,
          "有效期至：" + card.validUntil, "签发：" + card.issuer}) {
        if (line.empty()) continue;
        c.text(font, tx, y, 36, line, kMuted, right);
        y += 54;
    }
    c.text(font, tx, kBand + 430, 34, "接待日到联络站时，", kInk, right);
    c.text(font, tx, kBand + 478, 34, "请在触摸屏上扫码签到。", kInk, right);
    return c.take();
}

}  // namespace

std::optional<platform::Rgba> renderDeputyCard(const DeputyCard& card, std::string& error) {
    const auto font = openFont(error);
    if (!font) return std::nullopt;
    return drawCard(*font, card, error);
}

std::optional<platform::Rgba> renderCardSheet(const std::vector<DeputyCard>& cards,
                                              std::string& error) {
    const auto font = openFont(error);
    if (!font) return std::nullopt;
    // Two columns of four with a gap to cut in; the block is centred on the page.
    constexpr int kCols = 2, kRows = kCardsPerSheet / kCols, kGap = 40;
    constexpr int x0 = (kSheetWidth - kCols * kCardWidth - (kCols - 1) * kGap) / 2;
    constexpr int y0 = (kSheetHeight - kRows * kCardHeight - (kRows - 1) * kGap) / 2;
    Canvas page(kSheetWidth, kSheetHeight);
    for (std::size_t i = 0; i < cards.size() && i < static_cast<std::size_t>(kCardsPerSheet); ++i) {
        const int col = static_cast<int>(i) % kCols, row = static_cast<int>(i) / kCols;
        const int x = x0 + col * (kCardWidth + kGap), y = y0 + row * (kCardHeight + kGap);
        auto img = drawCard(*font, cards[i], error);
        if (!img) return std::nullopt;
        page.blit(*img, x, y);
        // Thin grey frame to cut along.
        page.fill(x - 2, y - 2, x + kCardWidth + 2, y, kCut);
        page.fill(x - 2, y + kCardHeight, x + kCardWidth + 2, y + kCardHeight + 2, kCut);
        page.fill(x - 2, y, x, y + kCardHeight, kCut);
        page.fill(x + kCardWidth, y, x + kCardWidth + 2, y + kCardHeight, kCut);
    }
    return page.take();
}

bool writeDeputyCard(const std::string& path, const DeputyCard& card, std::string& error) {
    const auto img = renderDeputyCard(card, error);
    if (!img) return false;
    if (!platform::writePng(path, *img)) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

std::string encodePng(const platform::Rgba& image) {
    std::string png;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
        },
        &png, image.width, image.height, 4, image.pixels.data(), image.width * 4);
    return png;
}

}  // namespace csync::cards
