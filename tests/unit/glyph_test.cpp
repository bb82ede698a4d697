// Every character of the string table and of the demo store must render with a real glyph of
// Noto Sans CJK SC (no fallback '?'), using the same atlas code the kiosk uses.
#include <gtest/gtest.h>
#include <imgui.h>

#include "../support/store_fixture.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/strings.hpp"

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
    const std::string file = kiosk::app::Fonts::findNotoCjk(index);
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
    for (const char* rare : {"堃", "喆", "昇", "赟", "彧"})
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
