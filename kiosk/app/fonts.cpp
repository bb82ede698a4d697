#include "kiosk/app/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kiosk::app {

std::set<unsigned> codePoints(std::string_view s) {
    std::set<unsigned> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) {
            ++i;
            continue;
        }
        unsigned cp = n == 1 ? c : c & (0xFF >> (n + 1));
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.insert(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

Fonts::Fonts(std::string fontFile, int collectionIndex)
    : m_file(std::move(fontFile)),
      m_map(std::make_unique<platform::MappedFile>(m_file)),
      m_index(collectionIndex) {
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
        // ImGui 1.86 as packaged uses 16-bit ImWchar: characters beyond the BMP cannot be baked.
        if (cp > 0xFFFF || cp < 0x20) continue;
        added |= m_chars.insert(cp).second;
    }
    m_dirty |= added;
    return added;
}

struct Fonts::Baked {
    ImFontAtlas* atlas = nullptr;
    ImFont* body = nullptr;
    ImFont* title = nullptr;
    ImFont* huge = nullptr;
    std::set<unsigned> chars;
    // The atlas keeps pointing at its glyph ranges: they live on the heap, owned with the atlas.
    std::shared_ptr<std::vector<ImWchar>> ranges = std::make_shared<std::vector<ImWchar>>();
    FontSizes sizes;
    double ms = 0;
};

namespace {

// Builds a complete atlas without touching the ImGui context, so it can run on any thread.
Fonts::Baked bake(const void* fontData, int fontSize, int index, std::set<unsigned> chars,
                  FontSizes sizes) {
    const auto t0 = std::chrono::steady_clock::now();
    Fonts::Baked b;
    b.chars = std::move(chars);
    b.sizes = sizes;
    // Ranges are [first, last] pairs ending in 0; consecutive characters share a pair.
    auto& ranges = *b.ranges;
    for (unsigned c : b.chars) {
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
    void* data = const_cast<void*>(fontData);  // ImGui only reads it
    b.body = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.body, &cfg, ranges.data());
    b.title = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.title, &cfg, ranges.data());
    b.huge = b.atlas->AddFontFromMemoryTTF(data, fontSize, sizes.huge, &cfg, asciiRanges);
    b.atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    b.atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    const bool built = b.body && b.title && b.huge && b.atlas->Build();
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
    m_ranges = std::move(b.ranges);
    m_bakedChars = std::move(b.chars);
    m_dirty = m_bakedChars != m_chars;
}

double Fonts::build(const FontSizes& sizes) {
    if (m_pending.valid()) IM_DELETE(m_pending.get()->atlas);  // an older bake: drop it
    m_requested = sizes;
    Baked b = bake(m_map->data(), static_cast<int>(m_map->size()), m_index, m_chars, sizes);
    m_map->dropResidentPages();  // only the next bake reads the font again
    const double ms = b.ms;
    install(std::move(b));
    return ms;
}

void Fonts::bakeInBackground(const FontSizes& sizes, std::function<void()> onDone) {
    if (m_pending.valid()) return;
    m_requested = sizes;
    m_pending = std::async(
        std::launch::async, [map = m_map.get(), index = m_index, chars = m_chars, sizes, onDone] {
            auto b = std::make_unique<Baked>(
                bake(map->data(), static_cast<int>(map->size()), index, chars, sizes));
            map->dropResidentPages();
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
        if (cp > 0xFFFF || !m_body || !m_body->FindGlyphNoFallback(static_cast<ImWchar>(cp)))
            missing.insert(cp);
    }
    return missing;
}

void Fonts::atlasSize(int& w, int& h) const {
    w = ImGui::GetIO().Fonts->TexWidth;
    h = ImGui::GetIO().Fonts->TexHeight;
}

std::string Fonts::findNotoCjk(int& collectionIndex) {
    // fonts-noto-cjk: index 2 of the collection is Noto Sans CJK SC (Simplified Chinese).
    for (const char* path : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                             "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"}) {
        if (std::filesystem::exists(path)) {
            collectionIndex = std::string_view(path).ends_with(".ttc") ? 2 : 0;
            return path;
        }
    }
    return "";
}

}  // namespace kiosk::app
