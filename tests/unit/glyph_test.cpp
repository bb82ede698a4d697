// Every character of the string table and of the demo store must render with a real glyph of
// Noto Sans CJK SC (no fallback '?'), using the same atlas code the kiosk uses.
#include <gtest/gtest.h>
#include <imgui.h>

#include "../support/store_fixture.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/strings.hpp"
#include "platform/font_files.hpp"

namespace {

class Glyphs : public testsupport::StoreTest {
protected:
    Glyphs() { ImGui::CreateContext(); }
    ~Glyphs() override { ImGui::DestroyContext(); }
};

std::string describe(const std::set<unsigned>& cps) {
    std::string s;
    char buf[16];
    for (unsigned cp : cps) {
        std::snprintf(buf, sizeof buf, "U+%04X ", cp);
        s += buf;
    }
    return s;
}

}  // namespace

TEST_F(Glyphs, StringTableAndDemoStoreRenderWithRealGlyphs) {
    int index = 0;
    const std::string file = platform::findNotoSansCjk(index);
    ASSERT_FALSE(file.empty()) << "fonts-noto-cjk is not installed";
    kiosk::demo::loadDemoStation(store(), m_clock);
    kiosk::app::KioskModel model;
    model.refresh(store(), m_clock.nowMs());

    std::string all;
    for (const auto& key : kiosk::stringKeys()) all += kiosk::tr(key);
    all += model.allText();
    for (const auto& c : store().concerns().list()) all += c.text + c.answer + c.place;

    kiosk::app::Fonts fonts(file, index);
    fonts.require(all);
    fonts.build({34, 52, 96});
    EXPECT_TRUE(fonts.missingGlyphs(all).empty()) << describe(fonts.missingGlyphs(all));
    for (const char* rare : {"堃", "喆", "昇", "赟", "彧", "𬌗"})
        EXPECT_TRUE(fonts.missingGlyphs(rare).empty()) << rare;

    // Characters typed later are added to the atlas on the next build.
    EXPECT_FALSE(fonts.missingGlyphs("龘").empty());
    EXPECT_TRUE(fonts.require("龘"));
    EXPECT_TRUE(fonts.dirty());
    fonts.bakeInBackground({34, 52, 96}, nullptr);  // off the UI thread, as the kiosk does
    EXPECT_TRUE(fonts.installBaked(true));
    EXPECT_FALSE(fonts.dirty());
    EXPECT_TRUE(fonts.missingGlyphs("龘").empty());

    // Only what is needed is baked: far from the 20,000+ characters of full CJK.
    int w = 0, h = 0;
    fonts.atlasSize(w, h);
    EXPECT_LT(fonts.glyphCount(), 3000u);
    EXPECT_LE(w * h, 4096 * 4096);
    RecordProperty("glyphs", static_cast<int>(fonts.glyphCount()));
    RecordProperty("atlas", std::to_string(w) + "x" + std::to_string(h));
}

// Debian's ImGui has 16-bit ImWchar: characters beyond the BMP are drawn through private-use
// stand-ins rasterised by FreeType (Noto Sans CJK, else Noto Serif CJK). They must carry ink,
// sit on the same baseline as ordinary characters and advance like them.
TEST_F(Glyphs, CharactersBeyondTheBmpRenderThroughStandIns) {
    int index = 0;
    const std::string file = platform::findNotoSansCjk(index);
    ASSERT_FALSE(file.empty());
    kiosk::app::Fonts fonts(file, index);
    const std::string name = "陈𬌗";  // U+2C317, Extension E
    const std::string shown = fonts.text(name + "𠮷");
    const auto cps = kiosk::app::codePoints(shown);
    ASSERT_EQ(cps.size(), 3u);
    for (unsigned cp : cps) EXPECT_LE(cp, 0xFFFFu);
    EXPECT_EQ(fonts.text(name + "𠮷"), shown) << "stand-ins are stable";
    fonts.build({34, 52, 96});
    EXPECT_TRUE(fonts.missingGlyphs(name + "𠮷").empty())
        << describe(fonts.missingGlyphs(name + "𠮷"));

    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImFontGlyph* chen = fonts.body()->FindGlyphNoFallback(0x9648);  // 陈
    ASSERT_NE(chen, nullptr);
    for (unsigned cp : cps) {
        if (cp < 0xE000 || cp > 0xF8FF) continue;
        for (ImFont* font : {fonts.body(), fonts.title()}) {
            const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(cp));
            ASSERT_NE(g, nullptr);
            const ImFontGlyph* ref = font->FindGlyphNoFallback(0x9648);
            EXPECT_NEAR(g->AdvanceX, ref->AdvanceX, 2.0f);
            EXPECT_NEAR(g->Y1, ref->Y1, font->FontSize * 0.15f) << "same baseline";
            long ink = 0;
            const int x0 = static_cast<int>(g->U0 * atlas->TexWidth);
            const int x1 = static_cast<int>(g->U1 * atlas->TexWidth);
            const int y0 = static_cast<int>(g->V0 * atlas->TexHeight);
            const int y1 = static_cast<int>(g->V1 * atlas->TexHeight);
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x)
                    ink += atlas->TexPixelsAlpha8[y * atlas->TexWidth + x];
            EXPECT_GT(ink, 255L * (x1 - x0) * (y1 - y0) / 20) << "the glyph has strokes";
        }
    }
}

// The start-up atlas is saved on disk and loaded on the next start when nothing changed; a
// changed character set or a damaged file means a fresh bake, never a wrong atlas.
TEST_F(Glyphs, SavedAtlasIsReusedOnlyWhenIdentical) {
    int index = 0;
    const std::string file = platform::findNotoSansCjk(index);
    ASSERT_FALSE(file.empty());
    const auto cache = std::filesystem::path(m_dir.path()) / "cache" / "glyph-atlas.bin";
    const kiosk::app::FontSizes sizes{34, 52, 96};
    auto bakeOnce = [&](const std::string& text) {
        auto fonts = std::make_unique<kiosk::app::Fonts>(file, index);
        fonts->setCacheFile(cache);
        fonts->require(text);
        fonts->bakeInBackground(sizes, nullptr, true);
        EXPECT_TRUE(fonts->installBaked(true));
        return fonts;
    };
    auto snapshot = [] {
        const ImFontAtlas* a = ImGui::GetIO().Fonts;
        std::string s(reinterpret_cast<const char*>(a->TexPixelsAlpha8),
                      static_cast<std::size_t>(a->TexWidth) * a->TexHeight);
        for (const ImFont* f : a->Fonts)
            s.append(reinterpret_cast<const char*>(f->Glyphs.Data),
                     sizeof(ImFontGlyph) * static_cast<std::size_t>(f->Glyphs.Size));
        return s;
    };
    const std::string text = "人大代表联络站 陈𬌗";
    auto first = bakeOnce(text);
    EXPECT_FALSE(first->fromCache());
    ASSERT_TRUE(std::filesystem::exists(cache));
    const std::string baked = snapshot();

    auto second = bakeOnce(text);
    EXPECT_TRUE(second->fromCache());
    EXPECT_EQ(snapshot(), baked) << "the loaded atlas equals the baked one";
    EXPECT_TRUE(second->missingGlyphs(text).empty());
    const ImFontGlyph* g = second->body()->FindGlyph(0x4EBA);  // 人
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->Codepoint, 0x4EBAu);
    EXPECT_EQ(second->body()->FindGlyph(0x9F98)->Codepoint, static_cast<unsigned>('?'))
        << "characters not in the atlas fall back as after a bake";

    auto third = bakeOnce(text + "龘");  // new characters: stale
    EXPECT_FALSE(third->fromCache());
    EXPECT_TRUE(third->missingGlyphs("龘").empty());

    std::filesystem::resize_file(cache, std::filesystem::file_size(cache) / 2);  // damaged
    auto fourth = bakeOnce(text + "龘");
    EXPECT_FALSE(fourth->fromCache());
    EXPECT_TRUE(fourth->missingGlyphs(text + "龘").empty());
    auto fifth = bakeOnce(text + "龘");  // and the fresh bake was saved again
    EXPECT_TRUE(fifth->fromCache());
}
