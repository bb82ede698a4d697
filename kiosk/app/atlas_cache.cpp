#include "kiosk/app/atlas_cache.hpp"

#include <imgui.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>
#include <type_traits>
#include <vector>

namespace kiosk::app {

namespace {

constexpr char kMagic[8] = {'K', 'A', 'T', 'L', 'A', 'S', '0', '1'};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

template <class T>
bool put(std::FILE* f, const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    return std::fwrite(&v, sizeof v, 1, f) == 1;
}
template <class T>
bool get(std::FILE* f, T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    return std::fread(&v, sizeof v, 1, f) == 1;
}

// Per font: what ImFont::BuildLookupTable cannot derive from the glyphs.
struct FontHeader {
    float fontSize, ascent, descent;
    ImWchar ellipsisChar, dotChar;
    std::uint32_t glyphCount;
    std::int32_t metricsTotalSurface;
};

struct AtlasHeader {
    std::int32_t width, height, fontCount, flags;
    ImVec2 uvWhitePixel;
    ImVec4 uvLines[IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1];
};

}  // namespace

bool saveAtlas(const std::filesystem::path& file, const std::string& key, const ImFontAtlas& a) {
    if (!a.TexPixelsAlpha8 || a.Fonts.Size == 0) return false;
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        File f(std::fopen(tmp.c_str(), "wb"));
        if (!f) return false;
        AtlasHeader h{a.TexWidth, a.TexHeight, a.Fonts.Size, a.Flags, a.TexUvWhitePixel, {}};
        for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i) h.uvLines[i] = a.TexUvLines[i];
        const auto keySize = static_cast<std::uint32_t>(key.size());
        bool ok = std::fwrite(kMagic, sizeof kMagic, 1, f.get()) == 1 && put(f.get(), keySize) &&
                  std::fwrite(key.data(), 1, key.size(), f.get()) == key.size() && put(f.get(), h);
        for (const ImFont* font : a.Fonts) {
            const FontHeader fh{font->FontSize,
                                font->Ascent,
                                font->Descent,
                                font->EllipsisChar,
                                font->DotChar,
                                static_cast<std::uint32_t>(font->Glyphs.Size),
                                font->MetricsTotalSurface};
            ok = ok && put(f.get(), fh) &&
                 std::fwrite(font->Glyphs.Data, sizeof(ImFontGlyph), font->Glyphs.Size, f.get()) ==
                     static_cast<std::size_t>(font->Glyphs.Size);
        }
        const auto pixels = static_cast<std::size_t>(a.TexWidth) * a.TexHeight;
        ok = ok && std::fwrite(a.TexPixelsAlpha8, 1, pixels, f.get()) == pixels &&
             std::fflush(f.get()) == 0;
        if (!ok) {
            f.reset();
            std::filesystem::remove(tmp, ec);
            return false;
        }
    }
    std::filesystem::rename(tmp, file, ec);  // readers see the old file or the new one, whole
    return !ec;
}

ImFontAtlas* loadAtlas(const std::filesystem::path& file, const std::string& key) {
    File f(std::fopen(file.c_str(), "rb"));
    if (!f) return nullptr;
    char magic[sizeof kMagic];
    std::uint32_t keySize = 0;
    if (std::fread(magic, sizeof magic, 1, f.get()) != 1 ||
        std::memcmp(magic, kMagic, sizeof magic) != 0 || !get(f.get(), keySize) ||
        keySize != key.size())
        return nullptr;
    std::string savedKey(keySize, '\0');
    AtlasHeader h{};
    if (std::fread(savedKey.data(), 1, keySize, f.get()) != keySize || savedKey != key ||
        !get(f.get(), h) || h.width <= 0 || h.height <= 0 || h.width > 8192 || h.height > 16384 ||
        h.fontCount <= 0 || h.fontCount > 8)
        return nullptr;

    auto* a = IM_NEW(ImFontAtlas)();
    auto fail = [&] {
        IM_DELETE(a);
        return nullptr;
    };
    a->Flags = h.flags;
    for (int i = 0; i < h.fontCount; ++i) {
        FontHeader fh{};
        if (!get(f.get(), fh) || fh.glyphCount > 70000) return fail();
        ImFont* font = IM_NEW(ImFont)();
        a->Fonts.push_back(font);
        font->ContainerAtlas = a;
        font->FontSize = fh.fontSize;
        font->Ascent = fh.ascent;
        font->Descent = fh.descent;
        font->Glyphs.resize(static_cast<int>(fh.glyphCount));
        if (std::fread(font->Glyphs.Data, sizeof(ImFontGlyph), fh.glyphCount, f.get()) !=
            fh.glyphCount)
            return fail();
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Codepoint > IM_UNICODE_CODEPOINT_MAX || g.U0 < 0 || g.U1 > 1 || g.V0 < 0 ||
                g.V1 > 1)
                return fail();
        font->BuildLookupTable();  // index tables and fallback glyph, as after a bake
        font->EllipsisChar = fh.ellipsisChar;
        font->DotChar = fh.dotChar;
        font->MetricsTotalSurface = fh.metricsTotalSurface;
    }
    const auto pixels = static_cast<std::size_t>(h.width) * h.height;
    a->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
    if (std::fread(a->TexPixelsAlpha8, 1, pixels, f.get()) != pixels) return fail();
    a->TexWidth = h.width;
    a->TexHeight = h.height;
    a->TexUvScale = ImVec2(1.0f / h.width, 1.0f / h.height);
    a->TexUvWhitePixel = h.uvWhitePixel;
    for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i) a->TexUvLines[i] = h.uvLines[i];
    a->TexReady = true;
    return a;
}

}  // namespace kiosk::app
