#include "sync/server/staff/photo.hpp"

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <memory>
#include <vector>

namespace csync::server::staff {

std::string imageMime(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
    return "";
}

PhotoResult normalisePhoto(std::string_view upload) {
    if (upload.size() > kMaxPhotoBytes) return {"", "照片文件超过 2 MB，请换一张小一些的照片。"};
    if (imageMime(upload).empty()) return {"", "只能上传 JPEG 或 PNG 格式的照片。"};
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px(
        stbi_load_from_memory(reinterpret_cast<const unsigned char*>(upload.data()),
                              static_cast<int>(upload.size()), &w, &h, &n, 3),
        stbi_image_free);
    if (!px || w < 16 || h < 16) return {"", "照片文件已损坏或无法识别，请重新选择。"};

    // Centre crop to the portrait's aspect, then scale: faces stay undistorted.
    int cw = w, ch = h;
    if (static_cast<long>(w) * kPhotoHeight > static_cast<long>(h) * kPhotoWidth)
        cw = static_cast<int>(static_cast<long>(h) * kPhotoWidth / kPhotoHeight);
    else
        ch = static_cast<int>(static_cast<long>(w) * kPhotoHeight / kPhotoWidth);
    const int cx = (w - cw) / 2, cy = (h - ch) / 2;
    std::vector<unsigned char> out(static_cast<std::size_t>(kPhotoWidth) * kPhotoHeight * 3);
    if (!stbir_resize_uint8(px.get() + (static_cast<std::size_t>(cy) * w + cx) * 3, cw, ch, w * 3,
                            out.data(), kPhotoWidth, kPhotoHeight, kPhotoWidth * 3, 3))
        return {"", "照片无法缩放，请换一张。"};
    PhotoResult r;
    stbi_write_jpg_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
        },
        &r.jpeg, kPhotoWidth, kPhotoHeight, 3, out.data(), 88);
    if (r.jpeg.empty()) r.error = "照片无法保存，请换一张。";
    return r;
}

}  // namespace csync::server::staff
