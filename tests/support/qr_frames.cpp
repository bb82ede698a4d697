#include "qr_frames.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace testsupport {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr double kFocalPx = 1100.0;  // a 1280x720 webcam's focal length, roughly 60 degrees FOV

// splitmix64: std's distributions are implementation-defined, this is the same everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    // Approximately normal (Irwin-Hall of four 16-bit uniforms): one draw, no log/cos per pixel.
    double roughGaussian() {
        const std::uint64_t r = next();
        const double sum = static_cast<double>((r & 0xffff) + ((r >> 16) & 0xffff) +
                                               ((r >> 32) & 0xffff) + (r >> 48));
        return (sum / 65536.0 - 2.0) * 1.7320508075688772;  // variance 4/12 scaled to 1
    }
    double gaussian() {
        const double u1 = std::max(uniform(), 1e-12), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::uint64_t m_state;
};

struct Plane {
    int w = kWidth, h = kHeight;
    std::vector<float> v = std::vector<float>(static_cast<std::size_t>(kWidth) * kHeight);
    float& at(int x, int y) { return v[static_cast<std::size_t>(y) * w + x]; }
};

using Mat3 = std::array<double, 9>;

Mat3 inverse(const Mat3& m) {
    const double a = m[4] * m[8] - m[5] * m[7], b = m[5] * m[6] - m[3] * m[8],
                 c = m[3] * m[7] - m[4] * m[6];
    const double det = m[0] * a + m[1] * b + m[2] * c;
    return {a / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            b / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
}

// Bilinear value noise over a gw x gh grid of random values: a smooth, camera-like texture.
void addValueNoise(Plane& p, Rng& rng, int gw, int gh, double amplitude) {
    std::vector<double> grid(static_cast<std::size_t>(gw) * gh);
    for (double& g : grid) g = rng.uniform(-amplitude, amplitude);
    for (int y = 0; y < p.h; ++y) {
        const double fy = static_cast<double>(y) * (gh - 1) / p.h;
        const int y0 = static_cast<int>(fy);
        const double ty = fy - y0;
        for (int x = 0; x < p.w; ++x) {
            const double fx = static_cast<double>(x) * (gw - 1) / p.w;
            const int x0 = static_cast<int>(fx);
            const double tx = fx - x0;
            const double* r0 = &grid[static_cast<std::size_t>(y0) * gw + x0];
            const double* r1 = r0 + gw;
            p.at(x, y) += static_cast<float>((r0[0] * (1 - tx) + r0[1] * tx) * (1 - ty) +
                                             (r1[0] * (1 - tx) + r1[1] * tx) * ty);
        }
    }
}

Plane texturedBackground(Rng& rng) {
    Plane p;
    std::fill(p.v.begin(), p.v.end(), static_cast<float>(rng.uniform(80, 150)));
    addValueNoise(p, rng, 7, 5, 45);
    addValueNoise(p, rng, 41, 24, 14);
    return p;
}

void fillRect(Plane& p, int x0, int y0, int w, int h, float value) {
    for (int y = std::max(0, y0); y < std::min(p.h, y0 + h); ++y)
        for (int x = std::max(0, x0); x < std::min(p.w, x0 + w); ++x) p.at(x, y) = value;
}

// A square module matrix (1 = dark) drawn on a paper card through a camera homography.
struct Placement {
    double cx = kWidth / 2.0, cy = kHeight / 2.0;
    double symbolPx = 300;  // symbol width without quiet zone, seen head-on
    double rollDeg = 0, tiltDeg = 0, tiltAxisDeg = 0;
};

void drawCode(Plane& p, const std::vector<std::uint8_t>& modules, int n, const Placement& pl,
              float paper, float ink) {
    const double s = pl.symbolPx / n;
    const double roll = pl.rollDeg * std::numbers::pi / 180,
                 tilt = pl.tiltDeg * std::numbers::pi / 180;
    const double ax = std::cos(pl.tiltAxisDeg * std::numbers::pi / 180),
                 ay = std::sin(pl.tiltAxisDeg * std::numbers::pi / 180);
    // Rodrigues rotation by `tilt` about the in-plane axis (ax, ay, 0), then roll about the view
    // axis.
    const double c = std::cos(tilt), si = std::sin(tilt);
    const Mat3 rt{c + ax * ax * (1 - c),
                  ax * ay * (1 - c),
                  ay * si,
                  ax * ay * (1 - c),
                  c + ay * ay * (1 - c),
                  -ax * si,
                  -ay * si,
                  ax * si,
                  c};
    const double cr = std::cos(roll), sr = std::sin(roll);
    const Mat3 rz{cr, -sr, 0, sr, cr, 0, 0, 0, 1};
    Mat3 r{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k) r[i * 3 + j] += rz[i * 3 + k] * rt[k * 3 + j];
    const double tx = pl.cx - kWidth / 2.0, ty = pl.cy - kHeight / 2.0, tz = kFocalPx;
    // H = K [s*r0 s*r1 t] maps plane (u, v, 1) in modules to image pixels.
    Mat3 h{};
    const double cols[3][3] = {
        {s * r[0], s * r[3], s * r[6]}, {s * r[1], s * r[4], s * r[7]}, {tx, ty, tz}};
    for (int j = 0; j < 3; ++j) {
        h[0 * 3 + j] = kFocalPx * cols[j][0] + kWidth / 2.0 * cols[j][2];
        h[1 * 3 + j] = kFocalPx * cols[j][1] + kHeight / 2.0 * cols[j][2];
        h[2 * 3 + j] = cols[j][2];
    }
    const Mat3 inv = inverse(h);
    const double half = n / 2.0, card = half + 4 + 3;  // 4-module quiet zone, then card margin
    double minX = kWidth, minY = kHeight, maxX = 0, maxY = 0;
    for (const auto& [u, v] :
         {std::pair{-card, -card}, {card, -card}, {card, card}, {-card, card}}) {
        const double w = h[6] * u + h[7] * v + h[8];
        const double x = (h[0] * u + h[1] * v + h[2]) / w, y = (h[3] * u + h[4] * v + h[5]) / w;
        minX = std::min(minX, x), maxX = std::max(maxX, x);
        minY = std::min(minY, y), maxY = std::max(maxY, y);
    }
    constexpr int kSs = 3;  // 3x3 supersampling: anti-aliased module edges like a real lens
    for (int y = std::max(0, static_cast<int>(minY) - 1);
         y < std::min(p.h, static_cast<int>(maxY) + 2); ++y) {
        for (int x = std::max(0, static_cast<int>(minX) - 1);
             x < std::min(p.w, static_cast<int>(maxX) + 2); ++x) {
            float sum = 0;
            for (int sy = 0; sy < kSs; ++sy) {
                for (int sx = 0; sx < kSs; ++sx) {
                    const double fx = x + (sx + 0.5) / kSs - 0.5, fy = y + (sy + 0.5) / kSs - 0.5;
                    const double w = inv[6] * fx + inv[7] * fy + inv[8];
                    const double u = (inv[0] * fx + inv[1] * fy + inv[2]) / w,
                                 v = (inv[3] * fx + inv[4] * fy + inv[5]) / w;
                    float value = p.at(x, y);
                    if (std::abs(u) <= card && std::abs(v) <= card) {
                        value = paper;
                        const int mx = static_cast<int>(std::floor(u + half)),
                                  my = static_cast<int>(std::floor(v + half));
                        if (mx >= 0 && my >= 0 && mx < n && my < n && modules[my * n + mx])
                            value = ink;
                    }
                    sum += value;
                }
            }
            p.at(x, y) = sum / (kSs * kSs);
        }
    }
}

void gaussianBlur(Plane& p, double sigma) {
    if (sigma < 0.2) return;
    const int radius = static_cast<int>(std::ceil(3 * sigma));
    std::vector<float> k(2 * radius + 1);
    float total = 0;
    for (int i = -radius; i <= radius; ++i)
        total += k[i + radius] = std::exp(-i * i / (2 * sigma * sigma));
    for (float& f : k) f /= total;
    std::vector<float> tmp(p.v.size());
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x) {
            float acc = 0;
            for (int i = -radius; i <= radius; ++i)
                acc += k[i + radius] * p.at(std::clamp(x + i, 0, p.w - 1), y);
            tmp[static_cast<std::size_t>(y) * p.w + x] = acc;
        }
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x) {
            float acc = 0;
            for (int i = -radius; i <= radius; ++i)
                acc += k[i + radius] *
                       tmp[static_cast<std::size_t>(std::clamp(y + i, 0, p.h - 1)) * p.w + x];
            p.at(x, y) = acc;
        }
}

// Uneven lighting across the frame: a multiplicative gradient.
void applyLighting(Plane& p, Rng& rng) {
    const double a = rng.uniform(-0.2, 0.2), b = rng.uniform(-0.2, 0.2);
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x)
            p.at(x, y) *=
                static_cast<float>(1 + a * (x / double(p.w) - 0.5) + b * (y / double(p.h) - 0.5));
}

platform::GrayImage quantize(const Plane& p, Rng& rng, double noiseSigma) {
    platform::GrayImage img{p.w, p.h, std::vector<std::uint8_t>(p.v.size())};
    for (std::size_t i = 0; i < p.v.size(); ++i) {
        const double v = p.v[i] + noiseSigma * rng.roughGaussian() + 0.5;
        img.pixels[i] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
    }
    return img;
}

platform::GrayImage jpegRoundTrip(const platform::GrayImage& img, int quality) {
    std::string bytes;
    stbi_write_jpg_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), size);
        },
        &bytes, img.width, img.height, 1, img.pixels.data(), quality);
    return platform::grayFromEncoded(bytes);
}

std::vector<std::uint8_t> qrModules(const std::string& text, int& n) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setEccLevel(6).setMargin(0);  // 6 ~ level Q, as DESIGN.md §5 and the kiosk's widget use
    const ZXing::BitMatrix m = writer.encode(text, 0, 0);
    n = m.width();
    std::vector<std::uint8_t> modules(static_cast<std::size_t>(n) * n);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) modules[y * n + x] = m.get(x, y) ? 1 : 0;
    return modules;
}

// Places a code of symbolPx anywhere it fits, the card fully inside the frame.
Placement randomPlacement(Rng& rng, double minPx, double maxPx, double maxRoll, double tiltMin,
                          double tiltMax) {
    Placement pl;
    pl.symbolPx = rng.uniform(minPx, maxPx);
    pl.rollDeg = rng.uniform(-maxRoll, maxRoll);
    pl.tiltDeg = rng.uniform(tiltMin, tiltMax);
    pl.tiltAxisDeg = rng.uniform(0, 360);
    const double reach = pl.symbolPx * (0.5 + 7.0 / 53) * 1.45;  // card half-diagonal, tilt slack
    pl.cx = rng.uniform(std::min(reach, kWidth / 2.0), std::max(kWidth - reach, kWidth / 2.0));
    pl.cy = rng.uniform(std::min(reach, kHeight / 2.0), std::max(kHeight - reach, kHeight / 2.0));
    return pl;
}

void drawNoCodeScene(Plane& p, Rng& rng, int variant) {
    const float paper = static_cast<float>(rng.uniform(190, 235)),
                ink = static_cast<float>(rng.uniform(20, 60));
    const int cardX = rng.below(400), cardY = rng.below(250), cardW = 500 + rng.below(350),
              cardH = 300 + rng.below(150);
    if (variant == 0) return;  // the textured background alone
    if (variant == 2) {        // a checkerboard at an angle
        const double cell = rng.uniform(8, 40), ang = rng.uniform(0, std::numbers::pi);
        const double c = std::cos(ang), s = std::sin(ang);
        for (int y = cardY; y < cardY + cardH; ++y)
            for (int x = cardX; x < cardX + cardW; ++x) {
                const double u = (x * c + y * s) / cell, v = (-x * s + y * c) / cell;
                p.at(x, y) =
                    ((static_cast<long>(std::floor(u)) + static_cast<long>(std::floor(v))) & 1)
                        ? ink
                        : paper;
            }
        return;
    }
    if (variant == 4) {  // random modules like a QR's data area, but no finder patterns
        const int n = 41 + rng.below(16);
        std::vector<std::uint8_t> modules(static_cast<std::size_t>(n) * n);
        for (auto& m : modules) m = static_cast<std::uint8_t>(rng.below(2));
        drawCode(p, modules, n, randomPlacement(rng, 220, 400, 30, 0, 20), paper, ink);
        return;
    }
    fillRect(p, cardX, cardY, cardW, cardH, paper);
    if (variant == 1) {  // lines of text-like glyph blocks
        const int glyph = 14 + rng.below(12);
        for (int y = cardY + 20; y + glyph < cardY + cardH - 10; y += glyph * 2)
            for (int x = cardX + 20; x + glyph < cardX + cardW - 20; x += glyph + 4) {
                if (rng.below(8) == 0) continue;  // word gaps
                for (int stroke = 0; stroke < 3 + rng.below(3); ++stroke) {
                    const bool horizontal = rng.below(2) == 0;
                    const int thick = 2 + rng.below(2), len = glyph / 2 + rng.below(glyph / 2);
                    fillRect(p, x + rng.below(glyph - (horizontal ? len : thick) + 1),
                             y + rng.below(glyph - (horizontal ? thick : len) + 1),
                             horizontal ? len : thick, horizontal ? thick : len, ink);
                }
            }
        return;
    }
    // variant 3: a 1D barcode
    const int unit = 2 + rng.below(3), barH = std::min(cardH - 40, 150 + rng.below(100));
    int x = cardX + 20;
    while (x < cardX + cardW - 30) {
        const int bar = unit * (1 + rng.below(4)), gap = unit * (1 + rng.below(4));
        fillRect(p, x, cardY + 20, bar, barH, ink);
        x += bar + gap;
    }
}

}  // namespace

const std::vector<FrameCategory>& allFrameCategories() {
    static const std::vector<FrameCategory> all{FrameCategory::Clean,       FrameCategory::Rotation,
                                                FrameCategory::Perspective, FrameCategory::Blur,
                                                FrameCategory::Noise,       FrameCategory::LowLight,
                                                FrameCategory::Glare,       FrameCategory::Jpeg,
                                                FrameCategory::Small,       FrameCategory::NoCode};
    return all;
}

const char* categoryName(FrameCategory category) {
    switch (category) {
        case FrameCategory::Clean:
            return "clean";
        case FrameCategory::Rotation:
            return "rotation";
        case FrameCategory::Perspective:
            return "perspective";
        case FrameCategory::Blur:
            return "blur";
        case FrameCategory::Noise:
            return "noise";
        case FrameCategory::LowLight:
            return "low_light";
        case FrameCategory::Glare:
            return "glare";
        case FrameCategory::Jpeg:
            return "jpeg";
        case FrameCategory::Small:
            return "small";
        case FrameCategory::NoCode:
            return "no_code";
    }
    return "?";
}

std::string makeToken(std::uint64_t seed) {
    static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    Rng rng(seed ^ 0x51C0DEull);
    std::string token = "DQ1:";
    while (token.size() < 160) token += kBase32[rng.below(32)];
    return token;
}

TestFrame makeTestFrame(FrameCategory category, int index, std::uint64_t seed) {
    Rng rng(seed * 1000003ull + static_cast<std::uint64_t>(category) * 7919ull + index);
    TestFrame frame;
    Plane p = texturedBackground(rng);
    double blur = rng.uniform(0.5, 0.9), noise = rng.uniform(2, 4);
    if (category == FrameCategory::NoCode) {
        drawNoCodeScene(p, rng, index % 5);
        applyLighting(p, rng);
        gaussianBlur(p, blur);
        frame.image = quantize(p, rng, noise + rng.uniform(0, 4));
        return frame;
    }
    frame.text = makeToken(rng.next());
    int n = 0;
    const std::vector<std::uint8_t> modules = qrModules(frame.text, n);
    Placement pl;
    switch (category) {
        case FrameCategory::Rotation:
            pl = randomPlacement(rng, 260, 420, 180, 0, 8);
            break;
        case FrameCategory::Perspective:
            pl = randomPlacement(rng, 280, 420, 15, 15, 35);
            break;
        case FrameCategory::Blur:
            pl = randomPlacement(rng, 300, 460, 15, 0, 10);
            break;
        case FrameCategory::Small:
            // The kiosk's screen asks deputies to hold the code inside a box at the centre.
            pl = randomPlacement(rng, 80, 120, 15, 0, 15);
            pl.cx = kWidth / 2.0 + rng.uniform(-200, 200);
            pl.cy = kHeight / 2.0 + rng.uniform(-110, 110);
            break;
        default:
            pl = randomPlacement(rng, 260, 420, 8, 0, 8);
            break;
    }
    const float paper = static_cast<float>(rng.uniform(200, 235)),
                ink = static_cast<float>(rng.uniform(20, 50));
    drawCode(p, modules, n, pl, paper, ink);
    applyLighting(p, rng);
    if (category == FrameCategory::Blur) blur = rng.uniform(1.0, 3.0);
    if (category == FrameCategory::Noise) noise = rng.uniform(10, 25);
    if (category == FrameCategory::Glare) {
        // A lamp's reflection: a soft ellipse that saturates part of the code.
        const double gx = pl.cx + rng.uniform(-0.35, 0.35) * pl.symbolPx,
                     gy = pl.cy + rng.uniform(-0.35, 0.35) * pl.symbolPx;
        const double rx = rng.uniform(0.12, 0.3) * pl.symbolPx,
                     ry = rng.uniform(0.12, 0.3) * pl.symbolPx;
        const double amp = rng.uniform(180, 320);
        for (int y = 0; y < p.h; ++y)
            for (int x = 0; x < p.w; ++x) {
                const double d =
                    ((x - gx) / rx) * ((x - gx) / rx) + ((y - gy) / ry) * ((y - gy) / ry);
                if (d < 9) p.at(x, y) += static_cast<float>(amp * std::exp(-d));
            }
    }
    if (category == FrameCategory::LowLight) {
        const double range = rng.uniform(22, 40), floor = rng.uniform(0, 4);
        for (float& v : p.v)
            v = static_cast<float>(floor + std::clamp(v, 0.f, 255.f) * range / 255.0);
        noise = rng.uniform(1.5, 3);
    }
    gaussianBlur(p, blur);
    frame.image = quantize(p, rng, noise);
    if (category == FrameCategory::Jpeg)
        frame.image = jpegRoundTrip(frame.image, 8 + rng.below(18));
    return frame;
}

}  // namespace testsupport
