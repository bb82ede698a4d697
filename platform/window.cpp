#include "platform/window.hpp"

#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace platform {
namespace {

using ReadPixelsFn = void (*)(int, int, int, int, unsigned, unsigned, void*);
using ViewportFn = void (*)(int, int, int, int);
using ClearColorFn = void (*)(float, float, float, float);
using ClearFn = void (*)(unsigned);
using FinishFn = void (*)();
constexpr unsigned kGlRgba = 0x1908, kGlUnsignedByte = 0x1401, kGlColorBufferBit = 0x4000;

template <typename F>
F glFunction(const char* name) {
    auto f = reinterpret_cast<F>(SDL_GL_GetProcAddress(name));
    if (!f) throw std::runtime_error(std::string("OpenGL function missing: ") + name);
    return f;
}

}  // namespace

Window::Window(const WindowOptions& o) {
    if (o.headless) setenv("SDL_VIDEODRIVER", "offscreen", 1);
    // Touch screens: let SDL turn finger events into mouse events, which ImGui understands.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0)
        throw std::runtime_error(std::string("SDL_Init: ") + SDL_GetError());
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    m_baseW = m_logicalW = o.width;
    m_baseH = m_logicalH = o.height;
    m_followDrawable = o.fullscreen;
    int winW = o.width, winH = o.height;
    SDL_Rect usable{};
    if (!o.headless && !o.fullscreen && o.fitToDesktop &&
        SDL_GetDisplayUsableBounds(0, &usable) == 0 && (winW > usable.w || winH > usable.h)) {
        // A developer's monitor: show the kiosk layout smaller rather than cut it off.
        const double f = std::min(0.95 * usable.w / winW, 0.95 * usable.h / winH);
        winW = static_cast<int>(winW * f);
        winH = static_cast<int>(winH * f);
    }
    m_window = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                winW, winH, flags);
    if (!m_window) {
        const std::string err = SDL_GetError();
        SDL_Quit();
        throw std::runtime_error("SDL_CreateWindow: " + err);
    }
    m_gl = SDL_GL_CreateContext(m_window);
    if (!m_gl) {
        const std::string err = SDL_GetError();
        SDL_DestroyWindow(m_window);
        SDL_Quit();
        throw std::runtime_error("SDL_GL_CreateContext: " + err);
    }
    SDL_GL_MakeCurrent(m_window, m_gl);
    SDL_GL_SetSwapInterval(o.vsync && !o.headless ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    ImGui_ImplSDL2_InitForOpenGL(m_window, m_gl);
    ImGui_ImplOpenGL3_Init("#version 150");
    // Create the shaders now: otherwise the first NewFrame creates them and re-uploads the font
    // texture, rebuilding an atlas whose CPU pixels were already freed.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
}

Window::~Window() {
    freeTexture(m_fontTexture);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(m_gl);
    SDL_DestroyWindow(m_window);
    SDL_Quit();
}

bool Window::pumpEvents(int timeoutMs, const std::function<void(const SDL_Event&)>& onEvent) {
    SDL_Event e;
    bool any = false;
    if (timeoutMs != 0) {
        if (!(timeoutMs < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeoutMs)))
            return false;
        ImGui_ImplSDL2_ProcessEvent(&e);
        onEvent(e);
        any = true;
    }
    while (SDL_PollEvent(&e)) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        onEvent(e);
        any = true;
    }
    return any;
}

void Window::beginBackendFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // Lay out at the logical size; map the drawable and the mouse onto it.
    ImGuiIO& io = ImGui::GetIO();
    int dw = 0, dh = 0, ww = 0, wh = 0;
    SDL_GL_GetDrawableSize(m_window, &dw, &dh);
    SDL_GetWindowSize(m_window, &ww, &wh);
    if (m_followDrawable) {  // fullscreen: the layout fills whatever screen this is
        m_baseW = dw;
        m_baseH = dh;
    }
    m_logicalW = std::max(1, static_cast<int>(static_cast<float>(m_baseW) / m_uiScale + 0.5f));
    m_logicalH = std::max(1, static_cast<int>(static_cast<float>(m_baseH) / m_uiScale + 0.5f));
    const float sx = static_cast<float>(m_logicalW) / static_cast<float>(ww);
    const float sy = static_cast<float>(m_logicalH) / static_cast<float>(wh);
    if (io.MousePos.x > -FLT_MAX / 2) io.MousePos = ImVec2(io.MousePos.x * sx, io.MousePos.y * sy);
    io.DisplaySize = ImVec2(static_cast<float>(m_logicalW), static_cast<float>(m_logicalH));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dw) / static_cast<float>(m_logicalW),
                                        static_cast<float>(dh) / static_cast<float>(m_logicalH));
}

void Window::present(Rgba* capture) {
    int w = 0, h = 0;
    drawableSize(w, h);
    glFunction<ViewportFn>("glViewport")(0, 0, w, h);
    glFunction<ClearColorFn>("glClearColor")(m_clear[0], m_clear[1], m_clear[2], 1.0f);
    glFunction<ClearFn>("glClear")(kGlColorBufferBit);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (capture) *capture = readPixels();
    SDL_GL_SwapWindow(m_window);
}

void Window::keepScreenAwake(bool awake) {
    // Under X11 and Wayland (idle-inhibit) SDL holds the blanker off while disabled.
    if (awake)
        SDL_DisableScreenSaver();
    else
        SDL_EnableScreenSaver();
}

void Window::finish() {
    glFunction<FinishFn>("glFinish")();
}

void Window::wake() {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);  // thread-safe
}

void Window::reloadFontTexture() {
    // One byte per pixel, read as (1, 1, 1, coverage) through a texture swizzle: a quarter of the
    // memory and upload time of the backend's RGBA texture.
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    freeTexture(m_fontTexture);
    m_fontTexture = uploadCoverageTexture(pixels, w, h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_fontTexture)));
    io.Fonts->ClearTexData();  // the GPU has the pixels; the CPU copy is not needed
}

Rgba Window::readPixels() const {
    Rgba img;
    drawableSize(img.width, img.height);
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(img.width) * img.height * 4);
    glFunction<ReadPixelsFn>("glReadPixels")(0, 0, img.width, img.height, kGlRgba, kGlUnsignedByte,
                                             raw.data());
    img.pixels.resize(raw.size());
    const std::size_t row = static_cast<std::size_t>(img.width) * 4;
    for (int y = 0; y < img.height; ++y)
        std::copy_n(&raw[static_cast<std::size_t>(img.height - 1 - y) * row], row,
                    &img.pixels[static_cast<std::size_t>(y) * row]);
    return img;
}

void Window::drawableSize(int& w, int& h) const {
    SDL_GL_GetDrawableSize(m_window, &w, &h);
}

namespace {
using GenTexturesFn = void (*)(int, unsigned*);
using BindTextureFn = void (*)(unsigned, unsigned);
using TexParameteriFn = void (*)(unsigned, unsigned, int);
using TexImage2DFn = void (*)(unsigned, int, int, int, int, int, unsigned, unsigned, const void*);
using PixelStoreiFn = void (*)(unsigned, int);
using DeleteTexturesFn = void (*)(int, const unsigned*);
constexpr unsigned kGlTexture2D = 0x0DE1, kGlMinFilter = 0x2801, kGlMagFilter = 0x2800,
                   kGlLinear = 0x2601, kGlUnpackAlignment = 0x0CF5;
}  // namespace

namespace {

// A new bound 2D texture with linear filtering and byte-aligned rows, ready for glTexImage2D.
unsigned newLinearTexture() {
    unsigned tex = 0;
    glFunction<GenTexturesFn>("glGenTextures")(1, &tex);
    glFunction<BindTextureFn>("glBindTexture")(kGlTexture2D, tex);
    auto param = glFunction<TexParameteriFn>("glTexParameteri");
    param(kGlTexture2D, kGlMinFilter, kGlLinear);
    param(kGlTexture2D, kGlMagFilter, kGlLinear);
    glFunction<PixelStoreiFn>("glPixelStorei")(kGlUnpackAlignment, 1);
    return tex;
}

}  // namespace

unsigned uploadTexture(const Rgba& image) {
    if (image.pixels.empty()) return 0;
    const unsigned tex = newLinearTexture();
    glFunction<TexImage2DFn>("glTexImage2D")(kGlTexture2D, 0, static_cast<int>(kGlRgba),
                                             image.width, image.height, 0, kGlRgba, kGlUnsignedByte,
                                             image.pixels.data());
    return tex;
}

unsigned uploadCoverageTexture(const unsigned char* pixels, int width, int height) {
    constexpr unsigned kGlRed = 0x1903, kGlR8 = 0x8229, kGlOne = 1;
    constexpr unsigned kSwizzle[] = {0x8E42, 0x8E43, 0x8E44, 0x8E45};  // GL_TEXTURE_SWIZZLE_R..A
    const unsigned tex = newLinearTexture();
    auto param = glFunction<TexParameteriFn>("glTexParameteri");
    for (int i = 0; i < 3; ++i) param(kGlTexture2D, kSwizzle[i], static_cast<int>(kGlOne));
    param(kGlTexture2D, kSwizzle[3], static_cast<int>(kGlRed));
    glFunction<TexImage2DFn>("glTexImage2D")(kGlTexture2D, 0, static_cast<int>(kGlR8), width,
                                             height, 0, kGlRed, kGlUnsignedByte, pixels);
    return tex;
}

void freeTexture(unsigned texture) {
    if (texture) glFunction<DeleteTexturesFn>("glDeleteTextures")(1, &texture);
}

}  // namespace platform
