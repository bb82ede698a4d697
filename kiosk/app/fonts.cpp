#include "kiosk/app/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
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

double Fonts::build(const FontSizes& sizes) {
    const auto t0 = std::chrono::steady_clock::now();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    // Ranges are [first, last] pairs ending in 0; consecutive characters share a pair.
    static std::vector<ImWchar> ranges;
    ranges.clear();
    for (unsigned c : m_chars) {
        if (!ranges.empty() && ranges.back() + 1u == c) {
            ranges.back() = static_cast<ImWchar>(c);
        } else {
            ranges.push_back(static_cast<ImWchar>(c));
            ranges.push_back(static_cast<ImWchar>(c));
        }
    }
    ranges.push_back(0);
    static const ImWchar asciiRanges[] = {0x20, 0x7E, 0x2013, 0x2014, 0};
    ImFontConfig cfg;
    cfg.FontNo = m_index;
    cfg.FontDataOwnedByAtlas = false;       // the mapping outlives the atlas
    cfg.OversampleH = cfg.OversampleV = 1;  // FreeType hinting makes oversampling unnecessary
    cfg.PixelSnapH = true;
    void* data = const_cast<void*>(m_map->data());  // ImGui only reads it
    const int size = static_cast<int>(m_map->size());
    m_body = atlas->AddFontFromMemoryTTF(data, size, sizes.body, &cfg, ranges.data());
    m_title = atlas->AddFontFromMemoryTTF(data, size, sizes.title, &cfg, ranges.data());
    m_huge = atlas->AddFontFromMemoryTTF(data, size, sizes.huge, &cfg, asciiRanges);
    if (!m_body || !m_title || !m_huge) throw std::runtime_error("cannot load font " + m_file);
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    if (!atlas->Build()) throw std::runtime_error("font atlas build failed");
    m_dirty = false;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
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
