#include "kiosk/app/fonts.hpp"

#include "kiosk/app/atlas_cache.hpp"
#include "kiosk/app/glyph_rasteriser.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "platform/font_files.hpp"
#include "sync/model/utf8.hpp"

namespace kiosk::app {

namespace {

// Private-use area for stand-ins of characters beyond the BMP.
constexpr unsigned kStandInFirst = 0xE000;
constexpr unsigned kStandInLast = 0xF8FF;

}  // namespace

std::set<unsigned> codePoints(std::string_view s) {
    std::set<unsigned> out;
    csync::model::forEachCodePoint(s,
                                   [&](char32_t cp, std::size_t, std::size_t) { out.insert(cp); });
    return out;
}

Fonts::Fonts(std::string fontFile, int collectionIndex)
    : m_file(std::move(fontFile)), m_index(collectionIndex) {
    // Always present: printable ASCII, CJK punctuation and full-width forms used in the UI.
    for (unsigned c = 0x20; c < 0x7F; ++c) m_chars.insert(c);
    for (unsigned c = 0x3000; c < 0x3020; ++c) m_chars.insert(c);
    for (unsigned c = 0xFF01; c < 0xFF5F; ++c) m_chars.insert(c);
    for (unsigned c : {0x00B7u, 0x2013u, 0x2014u, 0x2026u, 0x2018u, 0x2019u, 0x201Cu, 0x201Du,
                       0x25B6u, 0x25CFu, 0x2190u, 0x2192u, 0x2713u, 0x221Au, 0x25A1u, 0x00D7u})
        m_chars.insert(c);
}

bool Fonts::require(std::string_view utf8) {
    bool added = false;
    for (unsigned cp : codePoints(utf8)) {
        if (cp < 0x20 || (cp >= kStandInFirst && cp <= kStandInLast)) continue;
        if (cp > 0xFFFF) {
            // ImGui 1.86 as packaged uses 16-bit ImWchar: give the character a stand-in.
            if (m_standIns.count(cp)) continue;
            const unsigned standIn = kStandInFirst + static_cast<unsigned>(m_standIns.size());
            if (standIn > kStandInLast) continue;
            m_standIns.emplace(cp, standIn);
            cp = standIn;
        }
        added |= m_chars.insert(cp).second;
    }
    m_dirty |= added;
    return added;
}

std::string Fonts::text(std::string_view utf8) {
    require(utf8);
    std::string out;
    out.reserve(utf8.size());
    std::size_t copied = 0;
    csync::model::forEachCodePoint(utf8, [&](char32_t cp, std::size_t at, std::size_t len) {
        if (len != 4) return;
        const auto it = m_standIns.find(cp);
        if (it == m_standIns.end()) return;
        out.append(utf8.substr(copied, at - copied));
        csync::model::appendUtf8(out, it->second);
        copied = at + len;
    });
    out.append(utf8.substr(copied));
    return out;
}

struct Fonts::Baked {
    ImFontAtlas* atlas = nullptr;
    ImFont* body = nullptr;
    ImFont* title = nullptr;
    ImFont* huge = nullptr;
    std::set<unsigned> chars;
    std::map<unsigned, unsigned> standIns;  // baked as custom glyphs
    bool fromCache = false;
    // The atlas keeps pointing at its glyph ranges: they live on the heap, owned with the atlas.
    std::shared_ptr<std::vector<ImWchar>> ranges = std::make_shared<std::vector<ImWchar>>();
    FontSizes sizes;
    double ms = 0;
};

struct Fonts::BakeInput {
    FontSource primary;
    FontSource fallback;  // data == nullptr when not needed or not installed
    std::set<unsigned> chars;
    std::map<unsigned, unsigned> standIns;
    FontSizes sizes;
    std::string cacheKey;  // everything the baked atlas depends on
};

namespace {

// Builds a complete atlas without touching the ImGui context, so it can run on any thread.
// Copies glyph bitmaps rasterised outside ImGui into their custom rectangles of the atlas.
void blitCustomGlyphs(ImFontAtlas& atlas, const std::vector<std::pair<int, GlyphBitmap>>& glyphs) {
    for (const auto& [id, g] : glyphs) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id);
        for (int y = 0; y < g.height; ++y)
            std::memcpy(atlas.TexPixelsAlpha8 + (r->Y + y) * atlas.TexWidth + r->X,
                        g.pixels.data() + static_cast<std::size_t>(y * g.width),
                        static_cast<std::size_t>(g.width));
    }
}

// A font rasterised at density d texels per layout unit is given layout-unit metrics: the UI
// code stays in layout units, and the GL backend's framebuffer scale maps them back to screen
// pixels, texel for pixel, so text stays crisp at any scale.
void toLayoutUnits(ImFont& font, float d) {
    font.FontSize /= d;
    font.Ascent /= d;
    font.Descent /= d;
    for (ImFontGlyph& g : font.Glyphs) {
        g.X0 /= d;
        g.Y0 /= d;
        g.X1 /= d;
        g.Y1 /= d;
        g.AdvanceX /= d;
    }
    font.BuildLookupTable();  // advance index and fallback advance from the new metrics
}

Fonts::Baked bake(Fonts::BakeInput in) {
    const auto t0 = std::chrono::steady_clock::now();
    Fonts::Baked b;
    b.chars = std::move(in.chars);
    b.standIns = std::move(in.standIns);
    b.sizes = in.sizes;
    const FontSizes sizes = in.sizes;
    const int index = in.primary.index;
    const int fontSize = static_cast<int>(in.primary.size);
    // Ranges are [first, last] pairs ending in 0; consecutive characters share a pair.
    auto& ranges = *b.ranges;
    for (unsigned c : b.chars) {
        if (c >= kStandInFirst && c <= kStandInLast) continue;  // custom glyphs, below
        if (!ranges.empty() && ranges.back() + 1u == c) {
            ranges.back() = static_cast<ImWchar>(c);
        } else {
            ranges.push_back(static_cast<ImWchar>(c));
            ranges.push_back(static_cast<ImWchar>(c));
        }
    }
    ranges.push_back(0);
    static const ImWchar asciiRanges[] = {0x20, 0x7E, 0x2013, 0x2014, 0};
    b.atlas = IM_NEW(ImFontAtlas)();
    ImFontConfig cfg;
    cfg.FontNo = index;
    // ImGui 1.86 copies font data it does not own (19 MB per size). Claim ownership to avoid the
    // copies, then hand the mapping back before the atlas could ever free it (see below).
    cfg.FontDataOwnedByAtlas = true;
    cfg.OversampleH = cfg.OversampleV = 1;  // FreeType hinting makes oversampling unnecessary
    cfg.PixelSnapH = true;
    void* data = const_cast<void*>(in.primary.data);  // ImGui only reads it
    const float d = sizes.density;  // rasterise at screen pixels, lay out in layout units
    b.body = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.body * d, &cfg, ranges.data());
    b.title = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.title * d, &cfg, ranges.data());
    b.huge = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.huge * d, &cfg, asciiRanges);
    b.atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    b.atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    std::vector<std::pair<int, GlyphBitmap>> custom;
    if (!b.standIns.empty() && b.body && b.title) {
        GlyphRasteriser raster({in.primary, in.fallback});
        for (auto [font, px] : {std::pair{b.body, sizes.body * d}, {b.title, sizes.title * d}}) {
            for (const auto& [cp, standIn] : b.standIns) {
                std::optional<GlyphBitmap> g = raster.render(cp, px);
                if (!g || g->width == 0 || g->height == 0) continue;  // stays missing: '?'
                const int id =
                    b.atlas->AddCustomRectFontGlyph(font, static_cast<ImWchar>(standIn), g->width,
                                                    g->height, g->advance, ImVec2(g->left, g->top));
                custom.emplace_back(id, std::move(*g));
            }
        }
    }
    const bool built = b.body && b.title && b.huge && b.atlas->Build();
    if (built) blitCustomGlyphs(*b.atlas, custom);
    // The glyphs are baked: the atlas no longer needs (and must never free) the mapped font.
    for (ImFontConfig& c : b.atlas->ConfigData) {
        c.FontData = nullptr;
        c.FontDataOwnedByAtlas = false;
    }
    if (!built) {
        IM_DELETE(b.atlas);
        throw std::runtime_error("font atlas build failed");
    }
    b.atlas->ClearInputData();  // configs and glyph-range references are only needed to build
    if (d != 1.0f)
        for (ImFont* font : b.atlas->Fonts) toLayoutUnits(*font, d);
    b.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return b;
}

}  // namespace

Fonts::~Fonts() {
    if (m_pending.valid()) IM_DELETE(m_pending.get()->atlas);
}

void Fonts::install(Baked&& b) {
    // The context owns whatever atlas io.Fonts points at (and deletes the last one itself).
    ImGuiIO& io = ImGui::GetIO();
    IM_DELETE(io.Fonts);
    io.Fonts = b.atlas;
    m_body = b.body;
    m_title = b.title;
    m_huge = b.huge;
    m_sizes = b.sizes;
    m_fromCache = b.fromCache;
    m_ranges = std::move(b.ranges);
    m_bakedChars = std::move(b.chars);
    m_dirty = m_bakedChars != m_chars;
}

FontSource Fonts::source(const platform::MappedFile& map, int index) {
    return {map.data(), static_cast<long>(map.size()), index};
}

platform::MappedFile* Fonts::mappedFont() {
    if (!m_map) m_map = std::make_unique<platform::MappedFile>(m_file);  // first bake only
    return m_map.get();
}

Fonts::BakeInput Fonts::bakeInput(const FontSizes& sizes) {
    BakeInput in{source(*mappedFont(), m_index), {}, m_chars, m_standIns, sizes, cacheKey(sizes)};
    if (!m_standIns.empty()) {
        if (!m_fallback && !fallbackFile().empty())  // mapped on the first character beyond BMP
            m_fallback = std::make_unique<platform::MappedFile>(fallbackFile());
        if (m_fallback) in.fallback = source(*m_fallback, m_fallbackIndex);
    }
    return in;
}

const std::string& Fonts::fallbackFile() {
    if (!m_fallbackLooked) m_fallbackFile = platform::findNotoSerifCjk(m_fallbackIndex);
    m_fallbackLooked = true;
    return m_fallbackFile;
}

std::string Fonts::cacheKey(const FontSizes& sizes) {
    // Format and library versions, font files (size and time), sizes, characters, stand-ins.
    std::string k = "atlas 1 imgui " + std::to_string(IMGUI_VERSION_NUM) + " sizeof(glyph) " +
                    std::to_string(sizeof(ImFontGlyph));
    const std::string fallback = m_standIns.empty() ? std::string() : fallbackFile();
    for (const auto& [file, index] : {std::pair{m_file, m_index}, {fallback, m_fallbackIndex}}) {
        std::error_code ec;
        if (file.empty()) continue;
        const auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
        k += "\nfont " + file + " " + std::to_string(index) + " " +
             std::to_string(std::filesystem::file_size(file, ec)) + " " + std::to_string(time);
    }
    k += "\nsizes " + std::to_string(sizes.body) + " " + std::to_string(sizes.title) + " " +
         std::to_string(sizes.huge) + " density " + std::to_string(sizes.density) + "\nchars";
    for (unsigned c : m_chars) k += " " + std::to_string(c);
    k += "\nstand-ins";
    for (const auto& [cp, standIn] : m_standIns)
        k += " " + std::to_string(cp) + "=" + std::to_string(standIn);
    return k;
}

double Fonts::build(const FontSizes& sizes) {
    if (m_pending.valid()) IM_DELETE(m_pending.get()->atlas);  // an older bake: drop it
    m_requested = sizes;
    Baked b = bake(bakeInput(sizes));
    mappedFont()->dropResidentPages();  // only the next bake reads the font again
    if (m_fallback) m_fallback->dropResidentPages();
    const double ms = b.ms;
    install(std::move(b));
    return ms;
}

std::unique_ptr<Fonts::Baked> Fonts::loadCached(const FontSizes& sizes) {
    ImFontAtlas* atlas = loadAtlas(m_cacheFile, cacheKey(sizes));
    if (!atlas || atlas->Fonts.Size != 3) {
        if (atlas) IM_DELETE(atlas);
        return nullptr;
    }
    auto b = std::make_unique<Baked>();
    b->atlas = atlas;
    b->body = atlas->Fonts[0];
    b->title = atlas->Fonts[1];
    b->huge = atlas->Fonts[2];
    b->chars = m_chars;
    b->standIns = m_standIns;
    b->sizes = sizes;
    b->fromCache = true;
    return b;
}

void Fonts::bakeInBackground(const FontSizes& sizes, std::function<void()> onDone, bool useCache) {
    if (m_pending.valid()) return;
    m_requested = sizes;
    const std::filesystem::path cacheFile = useCache ? m_cacheFile : std::filesystem::path();
    if (!cacheFile.empty()) {
        // A hit costs one file read: done here, and the font file is never even mapped.
        if (std::unique_ptr<Baked> cached = loadCached(sizes)) {
            std::promise<std::unique_ptr<Baked>> ready;
            ready.set_value(std::move(cached));
            m_pending = ready.get_future();
            if (onDone) onDone();
            return;
        }
    }
    m_pending =
        std::async(std::launch::async, [map = mappedFont(), fallback = m_fallback.get(),
                                        in = bakeInput(sizes), onDone, cacheFile]() mutable {
            const std::string key = in.cacheKey;
            auto b = std::make_unique<Baked>(bake(std::move(in)));
            if (!cacheFile.empty()) saveAtlas(cacheFile, key, *b->atlas);
            map->dropResidentPages();
            if (fallback) fallback->dropResidentPages();
            if (onDone) onDone();
            return b;
        });
}

bool Fonts::installBaked(bool wait) {
    if (!m_pending.valid()) return false;
    if (!wait && m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    std::unique_ptr<Baked> b = m_pending.get();
    if (!(b->sizes == m_requested)) {  // baked for a text size no longer in use
        IM_DELETE(b->atlas);
        return false;
    }
    install(std::move(*b));
    return true;
}

std::set<unsigned> Fonts::missingGlyphs(std::string_view utf8) const {
    std::set<unsigned> missing;
    for (unsigned cp : codePoints(utf8)) {
        if (cp < 0x20) continue;
        unsigned drawn = cp;
        if (cp > 0xFFFF) {
            const auto it = m_standIns.find(cp);
            drawn = it == m_standIns.end() ? 0 : it->second;
        }
        if (drawn == 0 || !m_body || !m_body->FindGlyphNoFallback(static_cast<ImWchar>(drawn)))
            missing.insert(cp);
    }
    return missing;
}

void Fonts::atlasSize(int& w, int& h) const {
    w = ImGui::GetIO().Fonts->TexWidth;
    h = ImGui::GetIO().Fonts->TexHeight;
}

}  // namespace kiosk::app
