#pragma once
// A baked glyph atlas saved on disk, so the kiosk starts without baking when its characters,
// sizes and font files are those of the last start (the usual case: the app restarts daily
// over the same station data). Anything stale or damaged is ignored and baked afresh.
#include <filesystem>
#include <string>

struct ImFontAtlas;

namespace kiosk::app {

/// Writes atlas (pixels and the glyph tables of its fonts) to file under key, atomically.
bool saveAtlas(const std::filesystem::path& file, const std::string& key, const ImFontAtlas& atlas);

/// The atlas saved in file under exactly this key; nullptr when missing, stale or damaged.
/// The caller owns the result (IM_DELETE).
ImFontAtlas* loadAtlas(const std::filesystem::path& file, const std::string& key);

}  // namespace kiosk::app
