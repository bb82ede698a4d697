#pragma once
// SDL2 window with an OpenGL 3 context and Dear ImGui (SDL2 + OpenGL3 backends) on top.
// Headless mode uses SDL's offscreen driver (EGL, no display) for tests and screenshots.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/image.hpp"

union SDL_Event;
struct SDL_Window;

namespace platform {

struct WindowOptions {
    int width = 1080;  // logical size the UI is laid out at
    int height = 1920;
    bool fitToDesktop = true;  // windowed: shrink the window (not the layout) to fit the desktop
    bool fullscreen = false;
    bool headless = false;  // SDL_VIDEODRIVER=offscreen
    bool vsync = true;
    std::string title = "人大代表联络站";
};

class Window {
public:
    /// Opens the window and GL context and creates the ImGui context. Throws std::runtime_error.
    explicit Window(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    /// Waits up to timeoutMs (-1: forever, 0: poll) for events and hands each to ImGui and then
    /// to onEvent. Returns true if any event arrived.
    bool pumpEvents(int timeoutMs, const std::function<void(const SDL_Event&)>& onEvent);
    /// Starts an ImGui frame (backends first, then ImGui::NewFrame is left to the caller). The UI
    /// is laid out at the logical size even when the window is shown smaller.
    void beginBackendFrame();
    /// Screen pixels per layout unit (the station's display scale): the layout size becomes the
    /// window's size divided by it, and ImGui renders at this framebuffer scale.
    void setUiScale(float scale) { m_uiScale = scale > 0.25f ? scale : 1.0f; }
    float uiScale() const { return m_uiScale; }
    /// The logical size the UI is laid out at.
    void logicalSize(int& w, int& h) const {
        w = m_logicalW;
        h = m_logicalH;
    }
    /// Renders ImGui's draw data, reads the frame back into capture when given, then swaps.
    void present(Rgba* capture = nullptr);
    /// Waits until the GPU (llvmpipe: its threads) has drawn everything submitted: the frame is
    /// on screen. For measuring latencies; a software renderer may otherwise run frames behind.
    void finish();
    /// Colour the frame is cleared to (RGBA 0..1) before ImGui draws.
    void setClearColor(float r, float g, float b) {
        m_clear[0] = r;
        m_clear[1] = g;
        m_clear[2] = b;
    }
    /// Wakes the event loop from another thread (posts an SDL user event).
    static void wake();
    /// Keeps the display from blanking (true) or lets the screensaver/DPMS take it (false).
    void keepScreenAwake(bool awake);
    /// Re-uploads the font atlas texture after the atlas was rebuilt.
    void reloadFontTexture();
    /// Drawable size in pixels.
    void drawableSize(int& w, int& h) const;
    SDL_Window* sdlWindow() const { return m_window; }

private:
    Rgba readPixels() const;

    SDL_Window* m_window = nullptr;
    void* m_gl = nullptr;
    int m_baseW = 0;  // layout size at scale 1 (windowed: the requested size)
    int m_baseH = 0;
    int m_logicalW = 0;
    int m_logicalH = 0;
    float m_uiScale = 1.0f;
    bool m_followDrawable = false;
    float m_clear[3] = {0.96f, 0.96f, 0.95f};
    unsigned m_fontTexture = 0;
};

/// Uploads RGBA pixels as an OpenGL texture for ImGui::Image; 0 on failure. Needs a current
/// GL context (the Window's).
unsigned uploadTexture(const Rgba& image);

/// Uploads one byte per pixel (font coverage) as a texture that samples as (1, 1, 1, coverage).
unsigned uploadCoverageTexture(const unsigned char* pixels, int width, int height);

/// Frees a texture made by uploadTexture or uploadCoverageTexture.
void freeTexture(unsigned texture);

}  // namespace platform
