#pragma once
// Camera-like 1280x720 test frames with and without a deputy QR code, for the QR decoder's tests
// and benchmark. Every frame is a pure function of (category, index, seed): the same numbers on
// every machine and every run.
#include "platform/gray_image.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace testsupport {

enum class FrameCategory {
    Clean,        // upright-ish, sharp, well lit
    Rotation,     // any angle in the image plane
    Perspective,  // the code tilted up to ~35 degrees away from the camera
    Blur,         // defocus: gaussian blur up to ~3 px sigma
    Noise,        // sensor noise, sigma up to ~25
    LowLight,     // contrast squeezed into ~0..40, plus noise
    Glare,        // a saturating highlight over part of the code
    Jpeg,         // low-quality JPEG round trip
    Small,        // the code only ~80..120 px wide
    NoCode,       // backgrounds, text, checkerboards, 1D-barcode stripes, module noise: no QR
};

/// Every category, in the order above.
const std::vector<FrameCategory>& allFrameCategories();

/// The category's snake_case name ("low_light").
const char* categoryName(FrameCategory category);

struct TestFrame {
    platform::GrayImage image;
    std::string text;  // what the QR code holds; empty for NoCode
};

/// A deputy-token-like text: "DQ1:" and 156 base32 characters (A-Z, 2-7), QR alphanumeric.
std::string makeToken(std::uint64_t seed);

/// The index-th frame of a category (deterministic in category, index and seed).
TestFrame makeTestFrame(FrameCategory category, int index, std::uint64_t seed = 1);

}  // namespace testsupport
