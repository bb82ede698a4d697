#include "kiosk/app/texture_cache.hpp"

#include "platform/window.hpp"

namespace kiosk::app {

TextureCache::~TextureCache() {
    for (auto& [key, t] : m_textures) platform::freeTexture(t.id);
}

const Texture& TextureCache::get(const std::string& key, const std::string& encoded) {
    auto it = m_textures.find(key);
    if (it != m_textures.end()) return it->second;
    const auto img = platform::decodeImage(encoded);
    Texture t{platform::uploadTexture(img), img.width, img.height};
    return m_textures.emplace(key, t).first->second;
}

}  // namespace kiosk::app
