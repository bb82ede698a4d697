#pragma once
// 8-bit luminance images: what the QR decoder and the camera frame sources exchange.
#include <cstdint>
#include <string>
#include <vector>

namespace platform {

struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, top row first, width * height bytes

    /// True when the image has no pixels (a failed load or decode).
    bool empty() const { return pixels.empty(); }
};

/// Loads a PNG or JPEG file as luminance; an empty image when it cannot be read or decoded.
GrayImage loadGrayImage(const std::string& path);

/// Decodes PNG or JPEG bytes held in memory as luminance; an empty image on failure.
GrayImage grayFromEncoded(const std::string& bytes);

/// Writes the image as an 8-bit grayscale PNG; false on failure.
bool writeGrayPng(const std::string& path, const GrayImage& image);

}  // namespace platform
