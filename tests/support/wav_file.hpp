#pragma once
// Reads a PCM WAV file back for tests: parses the RIFF chunks instead of trusting a fixed
// 44-byte header, so a wrong size or format field fails the test.
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

struct WavData {
    int format = 0, channels = 0, sampleRate = 0, bitsPerSample = 0;
    std::vector<std::int16_t> samples;
    double seconds() const {
        return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0;
    }
    double rms() const {
        double sum = 0;
        for (const auto s : samples) sum += static_cast<double>(s) * s;
        return samples.empty() ? 0 : std::sqrt(sum / static_cast<double>(samples.size()));
    }
};

/// nullopt when the file is missing or is not a well-formed 16-bit PCM WAV.
inline std::optional<WavData> readWav(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
        return v;
    };
    auto u16 = [&](std::size_t at) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                          static_cast<unsigned char>(b[at + 1]) << 8);
    };
    if (b.size() < 12 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0 ||
        u32(4) != b.size() - 8)
        return std::nullopt;
    WavData w;
    bool fmt = false;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::string id = b.substr(at, 4);
        const std::uint32_t size = u32(at + 4);
        if (at + 8 + size > b.size()) return std::nullopt;
        if (id == "fmt " && size >= 16) {
            w.format = u16(at + 8);
            w.channels = u16(at + 10);
            w.sampleRate = static_cast<int>(u32(at + 12));
            w.bitsPerSample = u16(at + 22);
            if (u32(at + 16) != static_cast<std::uint32_t>(w.sampleRate * w.channels * 2))
                return std::nullopt;  // byte rate
            fmt = true;
        } else if (id == "data") {
            if (!fmt || w.format != 1 || w.bitsPerSample != 16 || size % 2) return std::nullopt;
            for (std::size_t i = 0; i < size; i += 2)
                w.samples.push_back(static_cast<std::int16_t>(u16(at + 8 + i)));
            return w;
        }
        at += 8 + size + (size & 1);
    }
    return std::nullopt;
}

}  // namespace testsupport
