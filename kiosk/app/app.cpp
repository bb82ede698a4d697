#include "kiosk/app/app.hpp"

#include <SDL.h>
#include <imgui.h>
#include <time.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>

#include "kiosk/strings.hpp"
#include "kiosk/widgets/keyboard.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"
#include "platform/font_files.hpp"
#include "platform/log.hpp"

namespace kiosk::app {
namespace {

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string allStrings() {
    std::string all;
    for (const auto& key : stringKeys()) all += tr(key);
    return all;
}

}  // namespace

// With STATION_TRACE set, start-up phases are logged to stderr (ms since the App started).
static void tracePhase(const char* what) {
    static const bool on = std::getenv("STATION_TRACE") != nullptr;
    static const auto t0 = std::chrono::steady_clock::now();
    if (on)
        std::fprintf(
            stderr, "%7.1f ms  %s\n",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count(),
            what);
}

App::App(const AppOptions& options) : m_options(options) {
    tracePhase("start");
    const bool headless = options.window.headless || !options.scriptPath.empty();
    if (headless || options.nowMs) {
        auto manual = std::make_unique<platform::ManualClock>(
            options.nowMs.value_or(platform::SystemClock().nowMs()));
        m_manualClock = manual.get();
        m_clock = std::move(manual);
    } else {
        m_clock = std::make_unique<platform::SystemClock>();
    }
    m_settings.largeText = options.largeText;
    m_settings.readAloud = options.readAloud;
    platform::WindowOptions wo = options.window;
    wo.headless = headless;
    // Creating the window and GL context is single-threaded work of 50-70 ms on software GL;
    // the second core meanwhile opens the store, loads the model, loads (or bakes) the glyph
    // atlas and decodes the first screen's photos. Nothing here touches GL or ImGui.
    auto prepared = std::async(std::launch::async, [this, &options] { prepare(options.dbPath); });
    m_window = std::make_unique<platform::Window>(wo);
    tracePhase("window and GL context ready");
    prepared.get();  // rethrows what the worker threw (a missing font, a refused database)
    m_window->setUiScale(m_settings.scale);
    m_scanner = std::make_unique<ScanWorker>(options.camera);
    m_sync = std::make_unique<SyncWorker>(options.dbPath);
    // Headless runs never make a sound; they may record what would have been said.
    m_speaker = std::make_unique<Speaker>(SpeakerOptions{!headless, options.speechOut, {}});
    m_controller->setSyncNow([this] { m_sync->requestNow(); });
    m_controller->setRemovableMedia(options.usb);
    {
        // --printer, else the station's setting (staff set it once per station), else none.
        const std::string spec =
            !options.printer.empty()
                ? options.printer
                : m_store->station().setting(printing::kPrinterSetting).value_or("");
        std::string error;
        const auto target = printing::parsePrinterSpec(spec, error);
        if (!target) throw std::runtime_error(error);
        m_printer = std::make_unique<PrintWorker>(*target);
        m_controller->setPrinter(m_printer.get());
    }
    m_screens = screens::makeScreens();
    if (!options.framesLog.empty()) m_framesLog = std::fopen(options.framesLog.c_str(), "w");
    m_lastInputMs = m_clock->nowMs();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ItemSpacing = ImVec2(16, 16);
}

void App::prepare(const std::string& dbPath) {
    // The file's page-by-page check runs after the first frame (IntegrityWatch): on five years
    // of data it would add ~80 ms to every start.
    store::OpenOptions open;
    open.checkOnOpen = false;
    m_store = std::make_unique<store::StationStore>(dbPath, *m_clock, open);
    m_integrity = std::make_unique<IntegrityWatch>(dbPath);
    m_controller = std::make_unique<Controller>(*m_store, m_model, *m_clock);
    try {
        m_controller->refreshModel();
    } catch (const store::SqliteError& e) {
        if (e.code() != 11 /*CORRUPT*/ && e.code() != 26 /*NOTADB*/) throw;
        // Damage where start-up reads: checked and moved aside now, as an open with the check
        // does (a restart would only meet it again).
        m_controller.reset();
        m_store.reset();
        store::markStoreDamaged(dbPath, e.what());
        m_store = std::make_unique<store::StationStore>(dbPath, *m_clock, open);
        m_controller = std::make_unique<Controller>(*m_store, m_model, *m_clock);
        m_controller->refreshModel();
    }
    m_settings.scale = m_options.scale.value_or(m_controller->displayScale());
    m_settings.largeText |= m_model.largeTextDefault;
    m_settings.readAloud |= m_model.readAloudDefault;
    tracePhase("store opened, model loaded");
    int index = 0;
    const std::string font = platform::findNotoSansCjk(index);
    if (font.empty())
        throw std::runtime_error("Noto Sans CJK not found: install the fonts-noto-cjk package");
    m_fonts = std::make_unique<Fonts>(font, index);
    m_fonts->require(allStrings());
    m_fonts->require(m_model.allText());
    for (const auto& o : m_controller->liaisonOfficers()) m_fonts->require(o.name);  // staff login
    // The atlas of the last start is kept beside the database; usually nothing needs baking.
    m_fonts->setCacheFile(std::filesystem::path(dbPath).parent_path() / "cache" /
                          "glyph-atlas.bin");
    m_fonts->bakeInBackground(fontSizes(), nullptr, /*useCache=*/true);
    for (const auto& duty : m_model.onDuty)
        if (const domain::Deputy* d = m_model.deputy(duty.deputyId); d && !d->photo.empty())
            m_textures.predecode("deputy:" + d->id, d->photo);
    tracePhase("photos decoded");
}

App::~App() {
    m_service.stopping();
    if (m_printer) m_printer->stop();
    if (m_framesLog) std::fclose(m_framesLog);
}

void App::updateLayout() {
    int w = 0, h = 0;
    m_window->logicalSize(w, h);
    m_layout.size = ImVec2(static_cast<float>(w), static_cast<float>(h));
    m_layout.landscape = w > h;
    m_layout.largeText = m_settings.largeText;
    m_layout.tapMin = m_settings.largeText ? 96.0f : 72.0f;
    m_layout.pad = 32;
    m_layout.gap = 20;
    // Read-aloud mode gives the header a second row (title under the speaker button).
    m_layout.headerH = m_settings.readAloud ? 2 * widgets::kHeaderRowH - 12 : widgets::kHeaderRowH;
}

FontSizes App::fontSizes() const {
    // Layout units; the display scale only makes the glyphs finer (see FontSizes::density).
    return m_settings.largeText ? FontSizes{44, 64, 110, m_settings.scale}
                                : FontSizes{34, 52, 96, m_settings.scale};
}

void App::rebuildFontsIfNeeded() {
    static const bool trace = std::getenv("STATION_TRACE") != nullptr;
    const FontSizes sizes = fontSizes();
    // Scripted runs wait for new glyphs so every screenshot shows the final text (unless a
    // benchmark wants frames as the live app draws them).
    const bool wait = !m_options.scriptPath.empty() && !m_options.liveFrames;
    bool installed = false;
    double ms = -1;
    if (!m_fonts->body() && m_fonts->baking() && m_fonts->installBaked(true) &&
        m_fonts->sizes() == sizes) {
        installed = true;  // the bake started at start-up, alongside the window
    } else if (!m_fonts->body() || !(m_fonts->sizes() == sizes)) {
        ms = m_fonts->build(sizes);  // the visitor changed the text size
        installed = true;
    } else {
        installed = m_fonts->installBaked(wait);
        if (m_fonts->dirty() && !m_fonts->baking()) {
            m_fonts->bakeInBackground(sizes, [] { platform::Window::wake(); });
            if (wait) installed |= m_fonts->installBaked(true);
        }
    }
    if (!installed) return;
    tracePhase("atlas installed");
    m_window->reloadFontTexture();
    tracePhase("atlas uploaded");
    if (trace) {
        int w = 0, h = 0;
        m_fonts->atlasSize(w, h);
        std::fprintf(stderr, "atlas: %zu glyphs, %dx%d%s\n", m_fonts->glyphCount(), w, h,
                     ms >= 0 ? (", baked on the UI thread in " + std::to_string(ms) + " ms").c_str()
                     : m_fonts->fromCache() ? ", loaded from the cache"
                                            : ", baked in the background");
    }
}

void App::noteInput() {
    m_lastInputMs = m_clock->nowMs();
}

void App::wipeCitizenData(bool endOfVisit) {
    for (auto& s : m_screens) s->reset();
    m_controller->staffLogout();  // a staff session ends with the visit
    m_focus = {};
    UiSettings fresh;
    fresh.scale = m_settings.scale;  // the display scale belongs to the station
    fresh.largeText =
        endOfVisit ? m_model.largeTextDefault || m_options.largeText : m_settings.largeText;
    fresh.readAloud =
        endOfVisit ? m_model.readAloudDefault || m_options.readAloud : m_settings.readAloud;
    m_settings = std::move(fresh);
    m_nav.home();
    m_leave = {};
    widgets::resetScrolling();
    widgets::forgetKeyboardUndo();
    m_lastInputMs = m_clock->nowMs();  // the next visitor starts a fresh idle period
    m_controller->refreshModel();
}

long long App::msUntilWake() const {
    const long long now = m_clock->nowMs();
    long long wake = (now / 60000 + 1) * 60000 - now;  // the clock on Home changes each minute
    const long long idle = now - m_lastInputMs;
    // Outside opening hours an idle Home also times out (to the closed screen).
    if (idleTimerRuns() || (m_nav.atHome() && !m_model.openNow)) {
        if (idle < kIdleTimeoutMs)
            wake = std::min(wake, kIdleTimeoutMs - idle);
        else
            wake = std::min(wake, 1000 - (idle - kIdleTimeoutMs) % 1000);  // countdown ticks
    }
    // Characters held by the scanner detector are released to the field after the burst gap.
    if (const long long held = m_wedge.msUntilRelease(SDL_GetTicks()); held >= 0)
        wake = std::min(wake, held);
    // Under systemd's watchdog an idle kiosk still wakes (and draws) in time for a keep-alive.
    if (const long long ping = m_service.msUntilKeepAlive(); ping >= 0) wake = std::min(wake, ping);
    return std::max(1LL, wake);
}

// Away from Home (and from the closed screen, which holds nothing), or typing: the privacy
// timer runs.
bool App::idleTimerRuns() const {
    if (m_focus.target) return true;
    return !m_nav.atHome() && m_nav.current() != ScreenId::Closed;
}

bool App::countdownActive() const {
    if (!idleTimerRuns()) return false;
    return m_clock->nowMs() - m_lastInputMs >= kIdleTimeoutMs;
}

void App::applyOpeningHours() {
    const bool open = m_model.openNow;
    if (m_screenAwake != open) {  // no blanking while open; the screensaver may run after
        m_window->keepScreenAwake(open);
        m_screenAwake = open;
    }
    if (open) {
        if (m_nav.current() == ScreenId::Closed) m_nav.home();  // opening time has come
        return;
    }
    if (m_nav.atHome() && !m_focus.target && m_clock->nowMs() - m_lastInputMs >= kIdleTimeoutMs)
        m_nav.push(ScreenId::Closed);
}

void App::beginOverlay(const char* id, float dim) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(m_layout.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, dim));
    ImGui::Begin(
        id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
}

void App::drawIdleOverlay(Ui& ui) {
    if (!countdownActive()) return;
    const long long left = kIdleTimeoutMs + kIdleCountdownMs - (m_clock->nowMs() - m_lastInputMs);
    if (left <= 0) {
        wipeCitizenData(true);
        return;
    }
    widgets::say(ui, tr("idle.title"));
    // A full-screen window over the screen: it takes the tap, so continuing presses nothing else.
    beginOverlay("##idle", 0.68f);
    const float w = std::min(m_layout.size.x - 2 * m_layout.pad, 900.0f), h = 560;
    const ImVec2 p((m_layout.size.x - w) / 2, (m_layout.size.y - h) / 2);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), ui.theme.surface, 24);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, p.y + 48));
    widgets::text(ui, tr("idle.title"), ui.fonts.title(), ui.theme.text, w - 96);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, ImGui::GetCursorScreenPos().y));
    const std::string msg =
        tr("idle.message_prefix") + std::to_string((left + 999) / 1000) + tr("idle.message_suffix");
    widgets::text(ui, msg, ui.fonts.body(), ui.theme.mutedText, w - 96);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, p.y + h - 48 - 150));
    const bool pressed =
        widgets::button(ui, tr("idle.continue"), ImVec2(w - 96, 150), widgets::Style::Primary);
    if (pressed || (ImGui::IsWindowHovered() && ImGui::IsMouseReleased(0))) noteInput();
    ImGui::End();
    ImGui::PopStyleColor();
}

void App::drawLeaveConfirmation(Ui& ui) {
    if (m_leave.asking == LeaveGuard::Asking::None) return;
    widgets::say(ui, tr("leave.title"));
    beginOverlay("##leave", 0.6f);
    // The labels under the dialog cannot be tapped now: only the dialog's count.
    m_labels.beginFrame();
    const float w = std::min(m_layout.size.x - 2 * m_layout.pad, 900.0f);
    const float bh = m_layout.tapMin * 1.5f, h = 300 + bh + (m_layout.largeText ? 80 : 0);
    const ImVec2 p((m_layout.size.x - w) / 2, (m_layout.size.y - h) / 2);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), ui.theme.surface, 24);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, p.y + 40));
    widgets::text(ui, tr("leave.title"), ui.fonts.title(), ui.theme.text, w - 96);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, ImGui::GetCursorScreenPos().y));
    widgets::text(ui, tr("leave.message"), ui.fonts.body(), ui.theme.mutedText, w - 96);
    widgets::say(ui, tr("leave.message"));
    const float bw = (w - 96 - m_layout.gap) / 2;
    ImGui::SetCursorScreenPos(ImVec2(p.x + 48, p.y + h - 40 - bh));
    // Staying is the big, coloured choice: what was written is worth more than one tap.
    if (widgets::button(ui, tr("leave.stay"), ImVec2(bw, bh), widgets::Style::Primary))
        m_leave.asking = LeaveGuard::Asking::None;
    ImGui::SameLine(0, m_layout.gap);
    if (widgets::button(ui, tr("leave.discard"), ImVec2(bw, bh), widgets::Style::Secondary)) {
        const bool home = m_leave.asking == LeaveGuard::Asking::Home;
        m_leave.asking = LeaveGuard::Asking::None;
        if (home) {
            wipeCitizenData(false);  // as any return Home: drafts go, the visit goes on
        } else {
            for (auto& s : m_screens)
                if (s->id() == m_nav.current()) s->reset();  // the draft goes now, not later
            m_nav.back();
            m_focus = {};
            widgets::resetScrolling();
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

void App::speakChanges() {
    if (!m_settings.readAloud) {
        if (!m_lastSpoken.empty()) m_speaker->stop();  // read-aloud was just turned off
        m_lastSpoken.clear();
        m_spoken.repeatRequested = false;
        return;
    }
    // Only a hand-off to the speaker thread: the UI thread never waits for speech.
    const std::string text = m_spoken.repeatRequested ? SpokenText::join(m_spoken.parts())
                                                      : m_spoken.changesSince(m_lastSpoken);
    m_spoken.repeatRequested = false;
    m_lastSpoken = m_spoken.parts();
    if (!text.empty()) m_speaker->say(text);
}

void App::drawFrame(platform::Rgba* capture) {
    const double cpu0 = threadCpuMs();
    const auto wall0 = std::chrono::steady_clock::now();
    const long long minute = m_clock->nowMs() / 60000;
    if (minute != m_lastMinute) {
        m_lastMinute = minute;
        m_controller->refreshModel();
        m_fonts->require(m_model.allText());
    }
    applyOpeningHours();
    if (m_window->uiScale() != m_settings.scale) m_window->setUiScale(m_settings.scale);
    rebuildFontsIfNeeded();  // also after a scale change: glyphs are rasterised at the new scale
    m_window->beginBackendFrame();
    updateLayout();
    ImGuiIO& io = ImGui::GetIO();
    if (m_scriptedPointer) {
        io.MousePos = *m_scriptedPointer;
        io.MouseDown[0] = m_scriptedDown;
    }
    if (m_frameIndex < 2) tracePhase("frame begins");
    ImGui::NewFrame();
    m_labels.beginFrame();
    m_spoken.beginFrame();
    m_marks.beginFrame();
    m_spoken.available = m_speaker->available();
    const Theme& theme = m_settings.largeText ? highContrastTheme() : normalTheme();
    // A finished sync may have brought answers, roster changes or acknowledgements.
    if (!m_sync->drain().empty()) {
        m_controller->refreshModel();
        m_fonts->require(m_model.allText());
    }
    if (auto printed = m_printer->drain(); !printed.empty())
        m_controller->notePrinted(std::move(printed));
    // The camera is on only while the sign-in screen shows.
    if (m_nav.current() == ScreenId::Scan)
        m_scanner->start();
    else
        m_scanner->stop();
    m_textures.newFrame();
    Ui ui{m_model, *m_controller, m_nav,    *m_fonts, m_textures, *m_scanner, m_labels,
          m_focus, m_settings,    m_layout, theme,    m_spoken,   m_marks,    m_leave};
    // Screens declare afresh each frame what leaving would lose; the header reads last frame's.
    m_leave.heldBefore = m_leave.draftHeld;
    m_leave.stepsBackBefore = m_leave.stepsBack;
    m_leave.draftHeld = m_leave.stepsBack = m_leave.backTapped = false;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(m_layout.size);
    // The GL clear paints the background; a window background on top would fill every pixel
    // twice, and software GL pays for each fill.
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme.background);
    m_window->setClearColor(bg.x, bg.y, bg.z);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(m_layout.pad, m_layout.pad));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m_layout.gap, m_layout.gap * 0.75f));
    ImGui::Begin("##screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    const ScreenId before = m_nav.current();
    for (auto& s : m_screens)
        if (s->id() == before) s->draw(ui);
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    // Home forgets what was typed; 完成 (visitEnded) also ends the visitor's text size and voice.
    if (m_settings.visitEnded || (m_nav.atHome() && before != ScreenId::Home))
        wipeCitizenData(m_settings.visitEnded);
    if (m_nav.current() != before) {
        m_focus = {};
        widgets::resetScrolling();  // a screen opens at its top
    }
    drawLeaveConfirmation(ui);
    drawIdleOverlay(ui);
    speakChanges();
    if (m_frameIndex < 2) tracePhase("frame drawn");
    ImGui::Render();
    m_window->present(capture);
    // Live, a window's swap shows each frame before the next is drawn; offscreen, software GL
    // would let scripted frames queue up behind each other.
    if (m_options.liveFrames) m_window->finish();
    if (m_frameIndex < 2) tracePhase("frame presented");
    if (m_framesLog) {
        const double wall =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0)
                .count();
        std::fprintf(m_framesLog, "%lld\t%.3f\t%.3f", m_frameIndex, threadCpuMs() - cpu0, wall);
        // Widgets' latencies, up to now: this frame is on screen (drawn, not just submitted).
        if (!m_marks.all().empty() && !m_options.liveFrames) m_window->finish();
        const auto now = std::chrono::steady_clock::now();
        for (const auto& [name, since] : m_marks.all())
            std::fprintf(m_framesLog, "\t%s=%.3f", name.c_str(),
                         std::chrono::duration<double, std::milli>(now - since).count());
        std::fputc('\n', m_framesLog);
    }
    ++m_frameIndex;
    // ImGui settles in two frames: after the second the first full screen is up.
    if (m_frameIndex == 2) m_service.ready("首屏已显示");
    m_service.keepAlive();  // only a frame that was really drawn vouches for the UI thread
}

int App::run() {
    if (!m_options.scriptPath.empty()) {
        std::ifstream in(m_options.scriptPath);
        if (!in) {
            std::fprintf(stderr, "cannot read script %s\n", m_options.scriptPath.c_str());
            return 2;
        }
        std::stringstream text;
        text << in.rdbuf();
        std::string error;
        const auto script = parseScript(text.str(), error);
        if (!script) {
            std::fprintf(stderr, "script %s: %s\n", m_options.scriptPath.c_str(), error.c_str());
            return 2;
        }
        return runScript(*script);
    }
    bool quit = false;
    int framesToDraw = 2;  // ImGui settles layout over two frames
    bool syncStarted = false;
    while (!quit) {
        // A flick still moving content draws a frame every 16 ms until it stops.
        const int timeout = framesToDraw > 0 || widgets::layoutSettling() || m_textures.deferred()
                                ? 0
                            : widgets::scrollAnimating() ? 16
                                                         : static_cast<int>(msUntilWake());
        const bool gotEvents = m_window->pumpEvents(timeout, [&](const SDL_Event& e) {
            if (e.type == SDL_QUIT) quit = true;
            if (e.type == SDL_TEXTINPUT) onText(e.text.text, e.text.timestamp);
            if (e.type == SDL_KEYDOWN &&
                (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER))
                onEnter(e.key.timestamp);
            if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_BACKSPACE) {
                onText("", e.key.timestamp);  // what was held goes first
                m_focus.backspace();
            }
            // During the countdown the overlay takes the tap (and resets the timer itself).
            if ((e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_FINGERDOWN ||
                 e.type == SDL_KEYDOWN || e.type == SDL_TEXTINPUT || e.type == SDL_MOUSEWHEEL) &&
                !countdownActive())
                noteInput();
        });
        if (const std::string typed = m_wedge.release(SDL_GetTicks()); !typed.empty())
            onText(typed, -1);
        // After input, a few frames let presses, releases and layout changes show.
        framesToDraw = gotEvents ? 3 : std::max(framesToDraw, 1);
        drawFrame();
        --framesToDraw;
        if (!syncStarted && m_frameIndex >= 2 && !m_options.exitAfterFirstFrame) {
            m_sync->start();  // after the first screen is up: start-up stays fast
            m_integrity->start();
            syncStarted = true;
        }
        if (restartForDamage()) return kExitStoreDamaged;
        if (m_options.exitAfterFirstFrame && m_frameIndex >= 2) {
            // For the start-up benchmark: the full Home frame is on screen (ImGui settles in two).
            std::ifstream status("/proc/self/status");
            long rss = 0;
            for (std::string line; std::getline(status, line);)
                if (line.rfind("VmRSS:", 0) == 0) rss = std::stol(line.substr(6));
            std::printf("first_frame\trss_kb=%ld\n", rss);
            std::fflush(stdout);
            return 0;
        }
    }
    return 0;
}

bool App::restartForDamage() {
    // At Home nobody is halfway through anything; systemd starts the kiosk again, and the new
    // start moves the damaged file aside (StationStore).
    return m_integrity->damage() && m_nav.atHome() && m_leave.asking == LeaveGuard::Asking::None;
}

void App::onText(const std::string& chars, long long tMs) {
    // tMs < 0: already released by the wedge detector, goes straight to the field.
    const std::string person = tMs < 0 ? chars : m_wedge.typed(chars, tMs);
    if (person.empty()) return;
    m_fonts->require(person);
    m_focus.type(person);
}

void App::onEnter(long long tMs) {
    if (auto code = m_wedge.enter(tMs)) {
        // A scanner read a code: deputy sign-in or a receipt, whatever screen was showing.
        m_scanner->post({ScanEvent::Kind::Code, {}, std::move(*code)});
        m_focus = {};
        if (m_nav.current() != ScreenId::Scan) m_nav.push(ScreenId::Scan);
        return;
    }
    onText(m_wedge.release(tMs, true), -1);
}

}  // namespace kiosk::app
