#pragma once
// GPU textures for deputies' photos, uploaded once per image and kept until the app closes.
#include <map>
#include <string>

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

private:
    std::map<std::string, Texture> m_textures;
};

}  // namespace kiosk::app
