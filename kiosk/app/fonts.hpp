#pragma once
// Chinese fonts without baking all of CJK: the atlas holds only the characters the kiosk needs
// (string table, store contents, what is being typed) and is rebuilt between frames when new
// characters arrive. Noto Sans CJK SC, rasterised with FreeType, in three sizes.
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "platform/mapped_file.hpp"

struct ImFont;

namespace kiosk::app {

struct FontSizes {
    float body = 34;
    float title = 52;
    float huge = 96;  // receipt codes: digits and Latin letters only
};

class Fonts {
public:
    /// fontFile: a Noto Sans CJK .ttc/.otf; collectionIndex selects Simplified Chinese in a .ttc.
    Fonts(std::string fontFile, int collectionIndex);

    /// Adds the characters of utf8 text; returns true if any was new (a rebuild is due).
    bool require(std::string_view utf8);
    /// Whether characters arrived since the last build.
    bool dirty() const { return m_dirty; }
    /// Rebuilds the ImGui atlas for the given sizes (call between frames, then re-upload the
    /// texture). Returns the build time in milliseconds.
    double build(const FontSizes& sizes);

    ImFont* body() const { return m_body; }
    ImFont* title() const { return m_title; }
    ImFont* huge() const { return m_huge; }
    /// Number of distinct characters baked.
    std::size_t glyphCount() const { return m_chars.size(); }
    /// Code points of utf8 the body font has no real glyph for (empty = all render).
    std::set<unsigned> missingGlyphs(std::string_view utf8) const;
    /// Atlas texture size in pixels.
    void atlasSize(int& w, int& h) const;

    /// The Noto Sans CJK file on this machine, or "" when the font package is missing.
    static std::string findNotoCjk(int& collectionIndex);

private:
    std::string m_file;
    std::unique_ptr<platform::MappedFile> m_map;  // one shared, mapped copy for all sizes
    int m_index;
    std::set<unsigned> m_chars;
    bool m_dirty = true;
    ImFont* m_body = nullptr;
    ImFont* m_title = nullptr;
    ImFont* m_huge = nullptr;
};

/// Decodes UTF-8 into code points (invalid bytes are skipped).
std::set<unsigned> codePoints(std::string_view utf8);

}  // namespace kiosk::app
