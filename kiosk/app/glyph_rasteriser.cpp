#include "kiosk/app/glyph_rasteriser.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cmath>
#include <cstring>

namespace kiosk::app {

struct GlyphRasteriser::Impl {
    FT_Library lib = nullptr;
    std::vector<FT_Face> faces;
};

namespace {

// ImGui's FreeType builder asks for the "real dimension" (ascender - descender) to be px.
void setPixelHeight(FT_Face face, float px) {
    FT_Size_RequestRec req{};
    req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
    req.height = static_cast<FT_Long>(px * 64);
    FT_Request_Size(face, &req);
}

float ceilPixels(FT_Pos v) {
    return static_cast<float>((v + 63) >> 6);
}

}  // namespace

GlyphRasteriser::GlyphRasteriser(const std::vector<FontSource>& sources)
    : m_impl(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&m_impl->lib) != 0) return;
    for (const FontSource& s : sources) {
        FT_Face face = nullptr;
        if (s.data && FT_New_Memory_Face(m_impl->lib, static_cast<const FT_Byte*>(s.data), s.size,
                                         s.index, &face) == 0) {
            FT_Select_Charmap(face, FT_ENCODING_UNICODE);
            m_impl->faces.push_back(face);
        }
    }
}

GlyphRasteriser::~GlyphRasteriser() {
    for (FT_Face f : m_impl->faces) FT_Done_Face(f);
    if (m_impl->lib) FT_Done_FreeType(m_impl->lib);
}

std::optional<GlyphBitmap> GlyphRasteriser::render(unsigned codePoint, float px) {
    if (m_impl->faces.empty()) return std::nullopt;
    FT_Face primary = m_impl->faces.front();
    setPixelHeight(primary, px);
    // The baseline sits where ImGui puts it for the primary font: rounded ascender from the top.
    const float ascender = std::round(ceilPixels(primary->size->metrics.ascender));
    for (FT_Face face : m_impl->faces) {
        const FT_UInt index = FT_Get_Char_Index(face, codePoint);
        if (index == 0) continue;
        setPixelHeight(face, px);
        if (FT_Load_Glyph(face, index, FT_LOAD_NO_BITMAP | FT_LOAD_TARGET_LIGHT) != 0 ||
            FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0)
            continue;
        const FT_GlyphSlot slot = face->glyph;
        const FT_Bitmap& bm = slot->bitmap;
        if (bm.pixel_mode != FT_PIXEL_MODE_GRAY) continue;
        GlyphBitmap g;
        g.width = static_cast<int>(bm.width);
        g.height = static_cast<int>(bm.rows);
        g.advance = ceilPixels(slot->advance.x);
        g.left = static_cast<float>(slot->bitmap_left);
        g.top = ascender - static_cast<float>(slot->bitmap_top);
        g.pixels.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
        for (int y = 0; y < g.height; ++y)
            std::memcpy(g.pixels.data() + static_cast<std::size_t>(y * g.width),
                        bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch,
                        static_cast<std::size_t>(g.width));
        return g;
    }
    return std::nullopt;
}

}  // namespace kiosk::app
