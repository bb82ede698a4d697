#include "kiosk/cli/deputy_card.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cstdint>

#include "kiosk/app/fonts.hpp"
#include "kiosk/app/glyph_rasteriser.hpp"
#include "kiosk/domain/text.hpp"
#include "platform/mapped_file.hpp"
#include "platform/window.hpp"

namespace kiosk::cli {

namespace {

struct Rgb {
    std::uint8_t r, g, b;
};

constexpr Rgb kRed{178, 34, 34};
constexpr Rgb kInk{30, 30, 30};
constexpr Rgb kMuted{95, 95, 95};
constexpr Rgb kWhite{255, 255, 255};

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
    // Draws one line of text with its top at y; returns the x after it.
    float text(app::GlyphRasteriser& raster, float x, int y, float px, const std::string& s,
               Rgb c) {
        for (char32_t cp : domain::codePointsOf(s)) {
            const auto g = raster.render(static_cast<unsigned>(cp), px);
            if (!g) continue;
            const int gx = static_cast<int>(x + g->left), gy = static_cast<int>(y + g->top);
            for (int row = 0; row < g->height; ++row)
                for (int col = 0; col < g->width; ++col)
                    blend(gx + col, gy + row, c,
                          g->pixels[static_cast<std::size_t>(row * g->width + col)]);
            x += g->advance;
        }
        return x;
    }
    const platform::Rgba& image() const { return m_img; }

private:
    platform::Rgba m_img;
};

}  // namespace

bool writeDeputyCard(const std::string& path, const DeputyCard& card, std::string& error) {
    int index = 0;
    const std::string font = app::Fonts::findNotoCjk(index);
    if (font.empty()) {
        error = "Noto Sans CJK not found (install fonts-noto-cjk)";
        return false;
    }
    const platform::MappedFile map(font);
    app::GlyphRasteriser raster({{map.data(), static_cast<long>(map.size()), index}});

    constexpr int kW = 1200, kH = 700, kBand = 110;
    Canvas c(kW, kH);
    c.fill(0, 0, kW, kBand, kRed);
    c.text(raster, 48, 28, 54, "人大代表联络站 · 代表值班码", kWhite);

    // The QR code at level Q in alphanumeric mode, with a quiet zone of four modules.
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setEccLevel(6).setMargin(0);
    const ZXing::BitMatrix m =
        writer.encode(std::wstring(card.token.begin(), card.token.end()), 0, 0);
    const int side = kH - kBand - 60, cell = side / (m.width() + 8);
    const int qx = 40 + 4 * cell, qy = kBand + 30 + 4 * cell;
    for (int y = 0; y < m.height(); ++y)
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, y))
                c.fill(qx + x * cell, qy + y * cell, qx + (x + 1) * cell, qy + (y + 1) * cell,
                       kInk);

    const float tx = 40.0f + side + 40;
    c.text(raster, tx, kBand + 50, 96, card.name.empty() ? card.deputyId : card.name, kInk);
    c.text(raster, tx, kBand + 190, 40, "代表编号：" + card.deputyId, kMuted);
    c.text(raster, tx, kBand + 250, 40, "有效期至：" + card.validUntil, kMuted);
    c.text(raster, tx, kBand + 310, 40, "签发：" + card.issuer, kMuted);
    c.text(raster, tx, kBand + 420, 36, "接待日到联络站时，", kInk);
    c.text(raster, tx, kBand + 470, 36, "请在触摸屏上扫码签到。", kInk);
    if (!platform::writePng(path, c.image())) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

}  // namespace kiosk::cli
