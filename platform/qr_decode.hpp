#pragma once
// QR decoding of camera frames for deputy sign-in, on ZXing-cpp 1.4.
//
// decodeQrRaw is plain ZXing (the DESIGN.md §7 baseline); decodeQr first runs exactly that and,
// only when it finds nothing, a few more passes that each rescue frames ZXing alone misses
// (chosen by measurement on generated frames, bench_qr --passes, and on real photographs,
// bench_qr --photos).
#include "platform/gray_image.hpp"

#include <optional>
#include <string>
#include <vector>

namespace platform {

/// One way of looking at a frame: an image preparation plus ZXing hints.
enum class QrPass {
    Plain,            // the frame as it is, default hints (LocalAverage binarizer, tryHarder)
    GlobalHistogram,  // the frame as it is, GlobalHistogram binarizer
    Stretched,        // contrast stretched between the 1st and 99th percentile (low light)
    Normalised,       // local mean/contrast normalisation (glare, uneven light)
    Downscaled,       // half size, 2x2 box average (large blurred codes)
    Sharpened,        // unsharp mask (mild defocus)
    CentreUpscaled,   // the centre half of the frame at 2x (small codes)
    CentreUpscaledSharpened,   // the same, then unsharp-masked
    StretchedGlobalHistogram,  // contrast stretched, GlobalHistogram binarizer
    Inverted,                  // light modules on dark (a phone or device screen in dark mode)
    QuarterDownscaled,         // quarter size (a large code in a high-resolution photo)
    UpscaledGlobalHistogram,   // a small image at 2x in a margin, GlobalHistogram (tiny modules)
    ThreeHalves,               // the whole frame at 1.5x (modules between whole pixels)
};

/// What decodeQr did: how many passes ran and which one, if any, found the code.
struct QrDecodeStats {
    int passesTried = 0;
    std::optional<QrPass> succeeded;
};

/// The pass's snake_case name ("centre_upscaled").
const char* qrPassName(QrPass pass);

/// Every pass the product decoder runs, in order (Plain first).
const std::vector<QrPass>& productQrPasses();

/// Every pass there is, kept or not, for measuring what each one adds.
const std::vector<QrPass>& allQrPasses();

/// Plain ZXing-cpp: ReadBarcode restricted to QR codes, default hints. The benchmark baseline.
std::optional<std::string> decodeQrRaw(const GrayImage& image);

/// Runs one pass alone; the text of a valid QR code, or nullopt.
std::optional<std::string> decodeQrPass(const GrayImage& image, QrPass pass);

/// The product decoder: the product passes in order, stopping at the first valid QR code.
std::optional<std::string> decodeQr(const GrayImage& image, QrDecodeStats* stats = nullptr);

}  // namespace platform
