#pragma once
// Deputies' photos uploaded on the roster pages: checked, cut to the kiosk's portrait size and
// stored as JPEG, so the station config stays small and the kiosk decodes what it gets.
#include <string>
#include <string_view>

namespace csync::server::staff {

/// The kiosk shows deputies' photos at this size (kiosk/demo/avatar.hpp).
inline constexpr int kPhotoWidth = 240;
inline constexpr int kPhotoHeight = 300;
/// Uploads larger than this are refused.
inline constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;

struct PhotoResult {
    std::string jpeg;   // the photo to store (kPhotoWidth × kPhotoHeight), empty on refusal
    std::string error;  // why it was refused (zh-CN), empty on success
};

/// Checks an uploaded JPEG/PNG, crops it to the kiosk's 4:5 portrait and re-encodes it.
PhotoResult normalisePhoto(std::string_view upload);

/// "image/png" or "image/jpeg" by the file's magic bytes ("" for neither), for data: URLs.
std::string imageMime(std::string_view bytes);

}  // namespace csync::server::staff
