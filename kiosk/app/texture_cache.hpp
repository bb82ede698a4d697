#pragma once
// GPU textures for deputies' photos, uploaded once per image and kept until the app closes.
#include <map>
#include <string>

#include "platform/window.hpp"

namespace kiosk::app {

struct Texture {
    unsigned id = 0;
    int width = 0;
    int height = 0;
};

class TextureCache {
public:
    ~TextureCache();
    /// Texture for an encoded image (PNG/JPEG) keyed by `key`; id 0 if it cannot be decoded.
    const Texture& get(const std::string& key, const std::string& encoded);
    /// Replaces the texture under key with these pixels (a live camera preview).
    const Texture& update(const std::string& key, const platform::Rgba& image);
    /// Decodes an image now, without GL, so that get() only uploads it. Start-up calls this on
    /// a worker thread for the first screen's photos while the window comes up (no get() may
    /// run concurrently).
    void predecode(const std::string& key, const std::string& encoded);

private:
    std::map<std::string, Texture> m_textures;
    std::map<std::string, platform::Rgba> m_decoded;
};

}  // namespace kiosk::app
