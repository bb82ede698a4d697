#include "kiosk/demo/avatar.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace kiosk::demo {
namespace {

struct Rgb {
    float r, g, b;
};

Rgb mix(Rgb a, Rgb b, float t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

// Inside an axis-aligned ellipse centred at (cx, cy).
bool inEllipse(float x, float y, float cx, float cy, float rx, float ry) {
    const float dx = (x - cx) / rx, dy = (y - cy) / ry;
    return dx * dx + dy * dy <= 1.0f;
}

struct Look {
    Rgb skin, hair, suit, shirt, accent;
    bool female;
    float faceWidth;
};

Rgb shade(float x, float y, const Look& k) {
    const float W = kAvatarWidth, H = kAvatarHeight;
    const float cx = W / 2;
    // Background: the light-to-deeper blue of an ID photo.
    Rgb px = mix({0.55f, 0.74f, 0.93f}, {0.30f, 0.53f, 0.82f}, y / H);
    const float headCy = H * 0.42f, headRy = H * 0.18f, headRx = W * k.faceWidth;
    // Long hair behind the shoulders for the female look.
    if (k.female && inEllipse(x, y, cx, headCy + H * 0.08f, headRx * 1.35f, headRy * 1.45f) &&
        y > headCy)
        px = k.hair;
    // Shoulders and suit.
    if (inEllipse(x, y, cx, H * 0.99f, W * 0.52f, H * 0.31f)) {
        px = k.suit;
        // Shirt: a V between the lapels.
        const float v = std::abs(x - cx);
        if (y > H * 0.71f && v < (y - H * 0.71f) * 0.55f + 2 && y < H * 0.98f) px = k.shirt;
        // Tie (or a brooch-coloured collar stripe for the female look).
        if (!k.female && v < 7 - (y - H * 0.76f) * -0.05f && y > H * 0.76f) px = k.accent;
        if (k.female && y > H * 0.71f && std::abs(v - (y - H * 0.71f) * 0.55f) < 3) px = k.accent;
    }
    // Neck.
    if (std::abs(x - cx) < headRx * 0.42f && y > headCy && y < H * 0.74f &&
        !inEllipse(x, y, cx, H * 0.99f, W * 0.52f, H * 0.31f))
        px = mix(k.skin, {0, 0, 0}, 0.12f);
    // Ears, face.
    if (inEllipse(x, y, cx - headRx, headCy + 4, headRx * 0.18f, headRy * 0.22f) ||
        inEllipse(x, y, cx + headRx, headCy + 4, headRx * 0.18f, headRy * 0.22f))
        px = mix(k.skin, {0, 0, 0}, 0.06f);
    if (inEllipse(x, y, cx, headCy, headRx, headRy)) px = k.skin;
    // Hair cap on top of the head; fringe shape varies with the look.
    const bool cap = inEllipse(x, y, cx, headCy - headRy * 0.30f, headRx * 1.06f, headRy * 0.82f) &&
                     y < headCy - headRy * (k.female ? 0.35f : 0.45f) + std::abs(x - cx) * 0.25f;
    const bool sides = k.female && inEllipse(x, y, cx, headCy, headRx * 1.10f, headRy * 1.05f) &&
                       std::abs(x - cx) > headRx * 0.78f;
    if (cap || sides) px = k.hair;
    return px;
}

}  // namespace

std::string makeAvatarPng(std::uint32_t seed, bool female) {
    static constexpr std::array<Rgb, 4> skins{{{0.96f, 0.82f, 0.70f},
                                               {0.92f, 0.76f, 0.62f},
                                               {0.87f, 0.70f, 0.56f},
                                               {0.94f, 0.80f, 0.68f}}};
    static constexpr std::array<Rgb, 3> hairs{
        {{0.10f, 0.09f, 0.09f}, {0.22f, 0.18f, 0.16f}, {0.55f, 0.55f, 0.55f}}};
    static constexpr std::array<Rgb, 4> suits{{{0.13f, 0.16f, 0.24f},
                                               {0.20f, 0.20f, 0.22f},
                                               {0.28f, 0.22f, 0.30f},
                                               {0.18f, 0.26f, 0.34f}}};
    const Look look{skins[seed % skins.size()],
                    hairs[(seed / 4) % hairs.size()],
                    suits[(seed / 3) % suits.size()],
                    {0.97f, 0.97f, 0.98f},
                    female ? Rgb{0.80f, 0.20f, 0.25f} : Rgb{0.62f, 0.10f, 0.12f},
                    female,
                    0.19f + 0.015f * static_cast<float>(seed % 3)};

    constexpr int kSamples = 3;  // 3x3 supersampling for smooth edges
    std::vector<unsigned char> rgb(kAvatarWidth * kAvatarHeight * 3);
    for (int y = 0; y < kAvatarHeight; ++y)
        for (int x = 0; x < kAvatarWidth; ++x) {
            Rgb sum{0, 0, 0};
            for (int sy = 0; sy < kSamples; ++sy)
                for (int sx = 0; sx < kSamples; ++sx) {
                    const Rgb c =
                        shade(x + (sx + 0.5f) / kSamples, y + (sy + 0.5f) / kSamples, look);
                    sum = {sum.r + c.r, sum.g + c.g, sum.b + c.b};
                }
            unsigned char* p = &rgb[(y * kAvatarWidth + x) * 3];
            const float n = kSamples * kSamples;
            p[0] = static_cast<unsigned char>(std::clamp(sum.r / n, 0.0f, 1.0f) * 255);
            p[1] = static_cast<unsigned char>(std::clamp(sum.g / n, 0.0f, 1.0f) * 255);
            p[2] = static_cast<unsigned char>(std::clamp(sum.b / n, 0.0f, 1.0f) * 255);
        }
    std::string png;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
        },
        &png, kAvatarWidth, kAvatarHeight, 3, rgb.data(), kAvatarWidth * 3);
    return png;
}

}  // namespace kiosk::demo
