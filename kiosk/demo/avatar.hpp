#pragma once
// Generated portrait placeholders for the fictional demo deputies: an ID-photo style silhouette
// (blue background, suit, hair), varied per deputy, encoded as PNG.
#include <cstdint>
#include <string>

namespace kiosk::demo {

inline constexpr int kAvatarWidth = 240;
inline constexpr int kAvatarHeight = 300;

/// PNG bytes of a portrait for the given seed; `female` changes hair and clothing.
std::string makeAvatarPng(std::uint32_t seed, bool female);

}  // namespace kiosk::demo
