#include "platform/gray_image.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <fstream>
#include <iterator>

namespace platform {

GrayImage grayFromEncoded(const std::string& bytes) {
    GrayImage img;
    int channels = 0;
    // Asking stb for one channel converts colour to luminance for us.
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                              static_cast<int>(bytes.size()), &img.width,
                                              &img.height, &channels, 1);
    if (!px) return {};
    img.pixels.assign(px, px + static_cast<std::size_t>(img.width) * img.height);
    stbi_image_free(px);
    return img;
}

GrayImage loadGrayImage(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return grayFromEncoded(bytes);
}

bool writeGrayPng(const std::string& path, const GrayImage& image) {
    if (image.empty()) return false;
    return stbi_write_png(path.c_str(), image.width, image.height, 1, image.pixels.data(),
                          image.width) != 0;
}

}  // namespace platform
