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
    /// Texture for an encoded image (PNG/JPEG) keyed by `key`; id 0 if it cannot be decoded,
    /// or if this frame already decoded one (then deferred() asks for another frame).
    const Texture& get(const std::string& key, const std::string& encoded);
    /// Starts a frame: one image may be decoded in it, so a row of new photos scrolling into
    /// view costs one frame each instead of one long frame.
    void newFrame() {
        m_decodesLeft = 1;
        m_deferred = false;
    }
    /// Whether an image waits for a later frame.
    bool deferred() const { return m_deferred; }
    /// Replaces the texture under key with these pixels (a live camera preview).
    const Texture& update(const std::string& key, const platform::Rgba& image);
    /// Decodes an image now, without GL, so that get() only uploads it. Start-up calls this on
    /// a worker thread for the first screen's photos while the window comes up (no get() may
    /// run concurrently).
    void predecode(const std::string& key, const std::string& encoded);

private:
    std::map<std::string, Texture> m_textures;
    std::map<std::string, platform::Rgba> m_decoded;
    int m_decodesLeft = 1;
    bool m_deferred = false;
};

}  // namespace kiosk::app
