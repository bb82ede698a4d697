#include "platform/qr_decode.hpp"

// ZXing 1.4's Result::text() is a std::wstring unless ZX_USE_UTF8 is set; with it, text() is the
// UTF-8 the rest of the station uses. Only this file includes ZXing's Result.h.
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace platform {
namespace {

ZXing::DecodeHints qrHints() {
    return ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode);
}

// An image whose size promises no more pixels than it holds; anything else is never read.
bool wellFormed(const GrayImage& image) {
    return !image.empty() && image.width > 0 && image.height > 0 &&
           image.pixels.size() >= static_cast<std::size_t>(image.width) * image.height;
}

std::optional<std::string> read(const GrayImage& image, const ZXing::DecodeHints& hints) {
    if (!wellFormed(image)) return std::nullopt;
    const ZXing::ImageView view(image.pixels.data(), image.width, image.height,
                                ZXing::ImageFormat::Lum);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    // Only a checked QR symbol counts: a partial or failed read must never sign anybody in.
    if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) return std::nullopt;
    return result.text();
}

// Linear stretch so the 1st..99th percentile spans 0..255: ZXing's LocalAverage binarizer treats
// blocks with less than 24 levels of range as flat, which is all of a dim frame.
GrayImage stretched(const GrayImage& in) {
    std::array<std::size_t, 256> hist{};
    for (std::uint8_t v : in.pixels) ++hist[v];
    const std::size_t cut = in.pixels.size() / 100;
    int lo = 0, hi = 255;
    for (std::size_t acc = 0; lo < 255 && (acc += hist[lo]) <= cut;) ++lo;
    for (std::size_t acc = 0; hi > 0 && (acc += hist[hi]) <= cut;) --hi;
    if (hi - lo < 4) return in;
    GrayImage out{in.width, in.height, std::vector<std::uint8_t>(in.pixels.size())};
    std::array<std::uint8_t, 256> lut{};
    for (int v = 0; v < 256; ++v)
        lut[v] = static_cast<std::uint8_t>(std::clamp((v - lo) * 255 / (hi - lo), 0, 255));
    std::transform(in.pixels.begin(), in.pixels.end(), out.pixels.begin(),
                   [&](std::uint8_t v) { return lut[v]; });
    return out;
}

// Sums over the (2r+1)^2 window around each pixel, clipped at the borders, with the window's
// pixel count: two passes of prefix sums, linear in the image size whatever r is.
std::vector<std::uint64_t> boxSum(const std::vector<std::uint64_t>& src, int w, int h, int r,
                                  std::vector<std::uint32_t>* counts) {
    // Row pass, then a running column prefix kept row-major so both passes stream through memory.
    std::vector<std::uint64_t> prefix(static_cast<std::size_t>(w) + 1);
    std::vector<std::uint64_t> cols(static_cast<std::size_t>(w) * (h + 1)), out(src.size());
    for (int y = 0; y < h; ++y) {
        const std::uint64_t* row = &src[static_cast<std::size_t>(y) * w];
        for (int x = 0; x < w; ++x) prefix[x + 1] = prefix[x] + row[x];
        const std::uint64_t* above = &cols[static_cast<std::size_t>(y) * w];
        std::uint64_t* here = &cols[static_cast<std::size_t>(y + 1) * w];
        for (int x = 0; x < w; ++x)
            here[x] = above[x] + prefix[std::min(w, x + r + 1)] - prefix[std::max(0, x - r)];
    }
    for (int y = 0; y < h; ++y) {
        const std::uint64_t* lo = &cols[static_cast<std::size_t>(std::max(0, y - r)) * w];
        const std::uint64_t* hi = &cols[static_cast<std::size_t>(std::min(h, y + r + 1)) * w];
        for (int x = 0; x < w; ++x) out[static_cast<std::size_t>(y) * w + x] = hi[x] - lo[x];
    }
    if (counts) {
        counts->resize(src.size());
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                (*counts)[static_cast<std::size_t>(y) * w + x] =
                    static_cast<std::uint32_t>((std::min(w, x + r + 1) - std::max(0, x - r)) *
                                               (std::min(h, y + r + 1) - std::max(0, y - r)));
    }
    return out;
}

// Each pixel relative to its neighbourhood's mean and spread: evens out a highlight's slope and
// uneven light so that one threshold fits the whole code.
GrayImage normalised(const GrayImage& in) {
    const int w = in.width, h = in.height, r = std::max(8, std::min(w, h) / 24);
    std::vector<std::uint64_t> f(in.pixels.begin(), in.pixels.end()), sq(f.size());
    for (std::size_t i = 0; i < f.size(); ++i) sq[i] = f[i] * f[i];
    std::vector<std::uint32_t> counts;
    const auto sum = boxSum(f, w, h, r, &counts), sumSq = boxSum(sq, w, h, r, nullptr);
    GrayImage out{w, h, std::vector<std::uint8_t>(f.size())};
    for (std::size_t i = 0; i < f.size(); ++i) {
        const float n = static_cast<float>(counts[i]), mean = static_cast<float>(sum[i]) / n;
        const float var = static_cast<float>(sumSq[i]) / n - mean * mean;
        const float v = 128 + 60 * (static_cast<float>(f[i]) - mean) /
                                  std::max(std::sqrt(std::max(var, 0.f)), 4.f);
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(v, 0.f, 255.f));
    }
    return out;
}

GrayImage downscaled(const GrayImage& in) {
    GrayImage out{in.width / 2, in.height / 2, {}};
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y) {
        const std::uint8_t* r0 = &in.pixels[static_cast<std::size_t>(2 * y) * in.width];
        const std::uint8_t* r1 = r0 + in.width;
        for (int x = 0; x < out.width; ++x)
            out.pixels[static_cast<std::size_t>(y) * out.width + x] = static_cast<std::uint8_t>(
                (r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] + 2) / 4);
    }
    return out;
}

// Unsharp mask against the 5x5 mean: steepens module edges that defocus or tiny modules smeared.
GrayImage sharpened(const GrayImage& in) {
    std::vector<std::uint64_t> f(in.pixels.begin(), in.pixels.end());
    std::vector<std::uint32_t> counts;
    const auto sum = boxSum(f, in.width, in.height, 2, &counts);
    GrayImage out{in.width, in.height, std::vector<std::uint8_t>(f.size())};
    for (std::size_t i = 0; i < f.size(); ++i) {
        const float v = static_cast<float>(f[i]), mean = static_cast<float>(sum[i]) / counts[i];
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(v + 1.5f * (v - mean), 0.f, 255.f));
    }
    return out;
}

// The centre half (in each direction) at twice the size, bilinear: a 2 px module becomes 4 px,
// enough for ZXing's finder-pattern scan.
GrayImage centreUpscaled(const GrayImage& in) {
    const int cw = in.width / 2, ch = in.height / 2, x0 = in.width / 4, y0 = in.height / 4;
    GrayImage out{cw * 2, ch * 2, std::vector<std::uint8_t>(static_cast<std::size_t>(cw) * ch * 4)};
    for (int y = 0; y < out.height; ++y) {
        const float fy = std::max(0.f, (y + 0.5f) / 2 - 0.5f);
        const int iy = std::min(static_cast<int>(fy), ch - 2);
        const float ty = fy - iy;
        const std::uint8_t* r0 = &in.pixels[static_cast<std::size_t>(y0 + iy) * in.width + x0];
        const std::uint8_t* r1 = r0 + in.width;
        for (int x = 0; x < out.width; ++x) {
            const float fx = std::max(0.f, (x + 0.5f) / 2 - 0.5f);
            const int ix = std::min(static_cast<int>(fx), cw - 2);
            const float tx = fx - ix;
            const float v = (r0[ix] * (1 - tx) + r0[ix + 1] * tx) * (1 - ty) +
                            (r1[ix] * (1 - tx) + r1[ix + 1] * tx) * ty;
            out.pixels[static_cast<std::size_t>(y) * out.width + x] =
                static_cast<std::uint8_t>(v + 0.5f);
        }
    }
    return out;
}

GrayImage inverted(const GrayImage& in) {
    GrayImage out{in.width, in.height, in.pixels};
    for (auto& v : out.pixels) v = static_cast<std::uint8_t>(255 - v);
    return out;
}

// The whole image scaled by `factor` (bilinear) inside a margin of the border's colour: modules
// of one or two pixels and a code that touches the edge both need room for the finder scan; a
// module of about 4.3 pixels sampled at 1.5x lands on whole pixels again.
GrayImage upscaledWithMargin(const GrayImage& in, float factor = 2) {
    const int m = 8, sw = static_cast<int>(in.width * factor),
              sh = static_cast<int>(in.height * factor), w = sw + 2 * m, h = sh + 2 * m;
    std::uint64_t border = 0;
    for (int x = 0; x < in.width; ++x)
        border += in.pixels[x] + in.pixels[static_cast<std::size_t>(in.height - 1) * in.width + x];
    GrayImage out{w, h,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h,
                                            static_cast<std::uint8_t>(border / (2 * in.width)))};
    for (int y = 0; y < sh; ++y) {
        const float fy = std::max(0.f, (y + 0.5f) / factor - 0.5f);
        const int iy = std::min(static_cast<int>(fy), in.height - 2);
        const float ty = fy - iy;
        const std::uint8_t* r0 = &in.pixels[static_cast<std::size_t>(iy) * in.width];
        const std::uint8_t* r1 = r0 + in.width;
        for (int x = 0; x < sw; ++x) {
            const float fx = std::max(0.f, (x + 0.5f) / factor - 0.5f);
            const int ix = std::min(static_cast<int>(fx), in.width - 2);
            const float tx = fx - ix;
            const float v = (r0[ix] * (1 - tx) + r0[ix + 1] * tx) * (1 - ty) +
                            (r1[ix] * (1 - tx) + r1[ix + 1] * tx) * ty;
            out.pixels[static_cast<std::size_t>(y + m) * w + x + m] =
                static_cast<std::uint8_t>(v + 0.5f);
        }
    }
    return out;
}

}  // namespace

const char* qrPassName(QrPass pass) {
    switch (pass) {
        case QrPass::Plain:
            return "plain";
        case QrPass::GlobalHistogram:
            return "global_histogram";
        case QrPass::Stretched:
            return "stretched";
        case QrPass::Normalised:
            return "normalised";
        case QrPass::Downscaled:
            return "downscaled";
        case QrPass::Sharpened:
            return "sharpened";
        case QrPass::CentreUpscaled:
            return "centre_upscaled";
        case QrPass::CentreUpscaledSharpened:
            return "centre_upscaled_sharpened";
        case QrPass::StretchedGlobalHistogram:
            return "stretched_global_histogram";
        case QrPass::Inverted:
            return "inverted";
        case QrPass::QuarterDownscaled:
            return "quarter_downscaled";
        case QrPass::UpscaledGlobalHistogram:
            return "upscaled_global_histogram";
        case QrPass::ThreeHalves:
            return "three_halves";
    }
    return "?";
}

const std::vector<QrPass>& allQrPasses() {
    static const std::vector<QrPass> all{QrPass::Plain,
                                         QrPass::GlobalHistogram,
                                         QrPass::Stretched,
                                         QrPass::Normalised,
                                         QrPass::Downscaled,
                                         QrPass::Sharpened,
                                         QrPass::CentreUpscaled,
                                         QrPass::CentreUpscaledSharpened,
                                         QrPass::StretchedGlobalHistogram,
                                         QrPass::Inverted,
                                         QrPass::QuarterDownscaled,
                                         QrPass::UpscaledGlobalHistogram,
                                         QrPass::ThreeHalves};
    return all;
}

const std::vector<QrPass>& productQrPasses() {
    // Generated frames, bench_qr --passes --frames 40 --seed 2 (frames the tests do not use): plain
    // ZXing decodes 324 of 360 frames with a code; centre_upscaled_sharpened adds 19 (small),
    // stretched 6 (low_light), downscaled 2 (blur, noise): 351. normalised and sharpened add one
    // frame each for 40-55 ms and are left out.
    // Real photographs, bench_qr --photos (zxing-cpp's 137 sample photos, docs/BENCHMARKS.md):
    // plain reads 110; three_halves adds 6 (a dense version-40 code, blurred posters), inverted 3
    // (white-on-black screens), upscaled_global_histogram 3 (tiny codes), quarter_downscaled 2
    // (large codes in high-resolution photos): 124, where the newest ZXing-cpp reads 125.
    // Cheap passes run first; the order does not change what is found.
    static const std::vector<QrPass> passes{QrPass::Plain,
                                            QrPass::Downscaled,
                                            QrPass::QuarterDownscaled,
                                            QrPass::Inverted,
                                            QrPass::Stretched,
                                            QrPass::CentreUpscaledSharpened,
                                            QrPass::ThreeHalves,
                                            QrPass::UpscaledGlobalHistogram};
    return passes;
}

std::optional<std::string> decodeQrRaw(const GrayImage& image) {
    return read(image, qrHints());
}

std::optional<std::string> decodeQrPass(const GrayImage& image, QrPass pass) {
    if (!wellFormed(image)) return std::nullopt;
    // Too small to crop, scale or filter: only the plain read makes sense.
    if (image.width < 8 || image.height < 8) return read(image, qrHints());
    switch (pass) {
        case QrPass::Plain:
            return read(image, qrHints());
        case QrPass::GlobalHistogram:
            return read(image, qrHints().setBinarizer(ZXing::Binarizer::GlobalHistogram));
        case QrPass::Stretched:
            return read(stretched(image), qrHints());
        case QrPass::Normalised:
            return read(normalised(image), qrHints());
        case QrPass::Downscaled:
            return read(downscaled(image), qrHints().setTryDownscale(false));
        case QrPass::Sharpened:
            return read(sharpened(image), qrHints());
        case QrPass::CentreUpscaled:
            return read(centreUpscaled(image), qrHints().setTryDownscale(false));
        case QrPass::CentreUpscaledSharpened:
            return read(sharpened(centreUpscaled(image)), qrHints().setTryDownscale(false));
        case QrPass::StretchedGlobalHistogram:
            return read(stretched(image),
                        qrHints().setBinarizer(ZXing::Binarizer::GlobalHistogram));
        case QrPass::Inverted:
            return read(inverted(image), qrHints());
        case QrPass::QuarterDownscaled:
            return read(downscaled(downscaled(image)), qrHints().setTryDownscale(false));
        case QrPass::UpscaledGlobalHistogram:
            // Only small images: a camera frame at 2x is slow, and its codes are not that small.
            if (image.width * image.height > 640 * 480) return std::nullopt;
            return read(upscaledWithMargin(image), qrHints().setTryDownscale(false).setBinarizer(
                                                       ZXing::Binarizer::GlobalHistogram));
        case QrPass::ThreeHalves:
            // Up to a camera frame (1280×720 becomes 1920×1080); larger photos are not frames.
            if (image.width * image.height > 1280 * 720) return std::nullopt;
            return read(upscaledWithMargin(image, 1.5f), qrHints().setTryDownscale(false));
    }
    return std::nullopt;
}

std::optional<std::string> decodeQr(const GrayImage& image, QrDecodeStats* stats) {
    QrDecodeStats local;
    QrDecodeStats& s = stats ? *stats : local;
    s = {};
    for (QrPass pass : productQrPasses()) {
        ++s.passesTried;
        if (auto text = decodeQrPass(image, pass)) {
            s.succeeded = pass;
            return text;
        }
    }
    return std::nullopt;
}

}  // namespace platform
