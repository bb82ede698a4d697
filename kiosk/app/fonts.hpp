#pragma once
// Chinese fonts without baking all of CJK: the atlas holds only the characters the kiosk needs
// (string table, store contents, what is being typed). New characters are baked into a fresh
// atlas on a worker thread and swapped in between frames, so typing never stalls a frame.
// Noto Sans CJK SC, rasterised with FreeType, in three sizes. Characters beyond the BMP (16-bit
// ImWchar cannot hold them) are drawn through private-use stand-ins: text() maps them, and the
// bake rasterises their glyphs from Noto Sans CJK or, failing that, Noto Serif CJK.
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/glyph_rasteriser.hpp"
#include "platform/mapped_file.hpp"

struct ImFont;
struct ImFontAtlas;

namespace kiosk::app {

struct FontSizes {  // in layout units
    float body = 34;
    float title = 52;
    float huge = 96;    // receipt codes: digits and Latin letters only
    float density = 1;  // screen pixels per layout unit: glyphs are rasterised this much finer
    bool operator==(const FontSizes&) const = default;
};

class Fonts {
public:
    /// fontFile: a Noto Sans CJK .ttc/.otf; collectionIndex selects Simplified Chinese in a .ttc.
    Fonts(std::string fontFile, int collectionIndex);
    ~Fonts();

    /// Adds the characters of utf8 text; returns true if any was new (a bake is due).
    bool require(std::string_view utf8);
    /// The text to hand to ImGui for utf8: requires its characters and replaces characters
    /// beyond the BMP by their private-use stand-ins. Every drawn string goes through this.
    std::string text(std::string_view utf8);
    /// Whether characters arrived that the installed atlas lacks.
    bool dirty() const { return m_dirty; }
    /// Bakes and installs an atlas now (start-up, text-size change). Returns the bake time, ms.
    double build(const FontSizes& sizes);
    /// Starts baking the current characters on a worker thread (no-op while one runs);
    /// onDone is called from that thread when it finishes (to wake the UI loop). With
    /// useCache, an atlas saved by an earlier identical bake is loaded instead, and a fresh
    /// bake is saved for next time (start-up uses this).
    void bakeInBackground(const FontSizes& sizes, std::function<void()> onDone,
                          bool useCache = false);
    /// Where bakeInBackground(…, true) keeps its atlas; empty = no cache.
    void setCacheFile(std::filesystem::path file) { m_cacheFile = std::move(file); }
    /// Whether the last installed atlas came from the cache.
    bool fromCache() const { return m_fromCache; }
    /// On the UI thread between frames: installs a finished background bake. True if installed
    /// (the caller re-uploads the texture). With wait, blocks until a running bake finishes.
    bool installBaked(bool wait = false);
    /// Whether a background bake is running.
    bool baking() const { return m_pending.valid(); }

    ImFont* body() const { return m_body; }
    ImFont* title() const { return m_title; }
    ImFont* huge() const { return m_huge; }
    const FontSizes& sizes() const { return m_sizes; }
    /// Number of distinct characters baked into the installed atlas.
    std::size_t glyphCount() const { return m_bakedChars.size(); }
    /// Code points of utf8 the body font has no real glyph for (empty = all render).
    std::set<unsigned> missingGlyphs(std::string_view utf8) const;
    /// Atlas texture size in pixels.
    void atlasSize(int& w, int& h) const;

    struct Baked;      // an atlas built off the UI thread, with the fonts in it
    struct BakeInput;  // what a bake reads: font data, characters, sizes

private:
    void install(Baked&& baked);
    BakeInput bakeInput(const FontSizes& sizes);
    std::string cacheKey(const FontSizes& sizes);
    std::unique_ptr<Baked> loadCached(const FontSizes& sizes);
    platform::MappedFile* mappedFont();
    const std::string& fallbackFile();
    static FontSource source(const platform::MappedFile& map, int index);

    std::string m_file;
    std::unique_ptr<platform::MappedFile> m_map;  // one shared copy for all sizes, mapped lazily
    int m_index;
    std::unique_ptr<platform::MappedFile> m_fallback;  // Noto Serif CJK, mapped on first need
    int m_fallbackIndex = 0;
    std::string m_fallbackFile;
    bool m_fallbackLooked = false;
    std::map<unsigned, unsigned> m_standIns;  // character beyond the BMP → private-use stand-in
    std::set<unsigned> m_chars;               // everything required so far
    std::set<unsigned> m_bakedChars;          // what the installed atlas holds
    bool m_dirty = true;
    std::filesystem::path m_cacheFile;
    bool m_fromCache = false;
    FontSizes m_sizes;      // of the installed atlas
    FontSizes m_requested;  // of the latest bake asked for; older bakes are dropped
    std::shared_ptr<std::vector<unsigned short>> m_ranges;  // glyph ranges the atlas points at
    std::future<std::unique_ptr<Baked>> m_pending;
    ImFont* m_body = nullptr;
    ImFont* m_title = nullptr;
    ImFont* m_huge = nullptr;
};

/// Decodes UTF-8 into code points (invalid bytes are skipped).
std::set<unsigned> codePoints(std::string_view utf8);

}  // namespace kiosk::app
