#include "platform/image.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

namespace platform {

bool writePng(const std::string& path, const Rgba& image) {
    return stbi_write_png(path.c_str(), image.width, image.height, 4, image.pixels.data(),
                          image.width * 4) != 0;
}

Rgba decodeImage(const std::string& encoded) {
    Rgba img;
    int n = 0;
    unsigned char* px =
        stbi_load_from_memory(reinterpret_cast<const unsigned char*>(encoded.data()),
                              static_cast<int>(encoded.size()), &img.width, &img.height, &n, 4);
    if (!px) return {};
    img.pixels.assign(px, px + static_cast<std::size_t>(img.width) * img.height * 4);
    stbi_image_free(px);
    return img;
}

}  // namespace platform
