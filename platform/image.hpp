#pragma once
// RGBA images in memory, PNG/JPEG in and PNG out (stb). No window or GL: the county server draws
// duty cards with these too.
#include <cstdint>
#include <string>
#include <vector>

namespace platform {

struct Rgba {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // top row first
};

/// Writes RGBA pixels as a PNG file; false on failure.
bool writePng(const std::string& path, const Rgba& image);

/// Decodes a PNG/JPEG into RGBA; empty image on failure.
Rgba decodeImage(const std::string& encoded);

}  // namespace platform
