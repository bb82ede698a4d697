#include "kiosk/app/texture_cache.hpp"

#include "platform/window.hpp"

namespace kiosk::app {

TextureCache::~TextureCache() {
    for (auto& [key, t] : m_textures) platform::freeTexture(t.id);
}

const Texture& TextureCache::get(const std::string& key, const std::string& encoded) {
    auto it = m_textures.find(key);
    if (it != m_textures.end()) return it->second;
    auto pre = m_decoded.find(key);
    // Nothing to decode (a camera preview not yet updated) never waits for a frame.
    if (pre == m_decoded.end() && !encoded.empty()) {
        if (m_decodesLeft <= 0) {
            m_deferred = true;
            static const Texture kNone;
            return kNone;
        }
        --m_decodesLeft;
    }
    const platform::Rgba img =
        pre != m_decoded.end() ? std::move(pre->second) : platform::decodeImage(encoded);
    if (pre != m_decoded.end()) m_decoded.erase(pre);
    Texture t{platform::uploadTexture(img), img.width, img.height};
    return m_textures.emplace(key, t).first->second;
}

}  // namespace kiosk::app

namespace kiosk::app {

const Texture& TextureCache::update(const std::string& key, const platform::Rgba& image) {
    Texture& t = m_textures[key];
    platform::freeTexture(t.id);
    t = {platform::uploadTexture(image), image.width, image.height};
    return t;
}

void TextureCache::predecode(const std::string& key, const std::string& encoded) {
    if (!m_textures.count(key)) m_decoded.emplace(key, platform::decodeImage(encoded));
}

}  // namespace kiosk::app
