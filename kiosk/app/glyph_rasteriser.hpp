#pragma once
// Rasterises single characters with FreeType, sized the way Dear ImGui's FreeType builder sizes
// a font, for glyphs the atlas cannot bake itself: Debian's ImGui uses 16-bit ImWchar, so
// characters beyond the Basic Multilingual Plane (rare name characters such as 𬌗 U+2C317) are
// drawn through private-use stand-ins whose bitmaps come from here.
#include <memory>
#include <optional>
#include <vector>

namespace kiosk::app {

/// A font file in memory; index selects the face in a collection (.ttc).
struct FontSource {
    const void* data = nullptr;
    long size = 0;
    int index = 0;
};

/// One rendered glyph: 8-bit coverage, placed relative to the pen position and the line top.
struct GlyphBitmap {
    int width = 0;
    int height = 0;
    float advance = 0;
    float left = 0;                     // x offset from the pen position
    float top = 0;                      // y offset from the top of the line (ImGui's glyph Y0)
    std::vector<unsigned char> pixels;  // width * height, row by row
};

class GlyphRasteriser {
public:
    /// sources in order of preference; the first one defines the baseline (ascender).
    explicit GlyphRasteriser(const std::vector<FontSource>& sources);
    ~GlyphRasteriser();
    GlyphRasteriser(const GlyphRasteriser&) = delete;
    GlyphRasteriser& operator=(const GlyphRasteriser&) = delete;

    /// The glyph of codePoint at pixel height px from the first source that has it.
    std::optional<GlyphBitmap> render(unsigned codePoint, float px);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::app
