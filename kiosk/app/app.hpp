#pragma once
// station-kiosk: the window, the event-driven main loop, fonts, the idle privacy reset, and the
// headless script runner. Screens live in kiosk/screens; state in KioskModel; intents in
// Controller.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/integrity_watch.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/app/navigator.hpp"
#include "kiosk/app/print_worker.hpp"
#include "kiosk/app/scan_worker.hpp"
#include "kiosk/app/script.hpp"
#include "kiosk/app/speaker.hpp"
#include "kiosk/app/sync_worker.hpp"
#include "kiosk/app/texture_cache.hpp"
#include "kiosk/app/ui.hpp"
#include "kiosk/app/wedge_scanner.hpp"
#include "kiosk/screens/screen.hpp"
#include "kiosk/store/station_store.hpp"
#include "platform/service_notify.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

struct AppOptions {
    std::string dbPath;
    platform::WindowOptions window;
    std::string scriptPath;            // headless script to replay
    std::string screenshotsDir = ".";  // where `shot` writes PNGs
    std::string framesLog;             // per-frame CPU/wall ms, one line per frame
    std::string labelsOut;             // visible labels of the last frame: text, rect, tappable
    std::optional<long long> nowMs;    // start the (manual) clock here
    std::optional<float> scale;        // display scale; unset: the station's setting
    std::string camera = "auto";       // QR camera: auto, v4l2:/dev/videoN, file:DIR
    std::string printer;               // receipts (printer.hpp); "": the station's setting
    platform::RemovableMedia usb;      // where a USB stick for the ledger export is looked for
    bool largeText = false;            // start in large-text mode
    bool readAloud = false;            // start in read-aloud mode
    std::string speechOut;             // also write each utterance here (WAV + utterances.txt)
    bool exitAfterFirstFrame = false;  // benchmark: quit right after the first full frame
    // Benchmarks: scripted frames as the live app draws them, each on screen before the next is
    // drawn, never waiting for a glyph bake.
    bool liveFrames = false;
};

inline constexpr long long kIdleTimeoutMs = 90'000;
inline constexpr long long kIdleCountdownMs = 20'000;

class App {
public:
    explicit App(const AppOptions& options);
    ~App();
    /// Runs until the window closes (interactive) or the script ends (headless). Exit code.
    int run();

private:
    void drawFrame(platform::Rgba* capture = nullptr);
    // A full-screen dimmed window (End() and PopStyleColor() by the caller): it takes every tap.
    void beginOverlay(const char* id, float dim);
    void drawIdleOverlay(Ui& ui);
    /// 确定放弃已填写的内容吗？ over the screen while the leave guard asks.
    void drawLeaveConfirmation(Ui& ui);
    void speakChanges();
    bool countdownActive() const;
    void applyOpeningHours();
    bool idleTimerRuns() const;
    void prepare(const std::string& dbPath);  // start-up work off the UI thread
    void updateLayout();
    void rebuildFontsIfNeeded();
    FontSizes fontSizes() const;
    /// Forgets what the visitor typed or chose; at the end of a visit (idle reset, 完成) also
    /// their text size and read-aloud choice, back to the station's defaults.
    void wipeCitizenData(bool endOfVisit);
    void noteInput();
    long long msUntilWake() const;
    int runScript(const std::vector<ScriptCommand>& script);
    bool tapAt(float x, float y);
    void strokeOnPad(const std::vector<std::pair<float, float>>& points);
    void dragFinger(ImVec2 from, ImVec2 to, long long ms);
    void onText(const std::string& chars, long long tMs);
    /// Whether the background check found the file damaged and the kiosk may restart now.
    bool restartForDamage();
    void onEnter(long long tMs);

    AppOptions m_options;
    std::unique_ptr<platform::Clock> m_clock;
    platform::ManualClock* m_manualClock = nullptr;
    std::unique_ptr<store::StationStore> m_store;
    KioskModel m_model;
    std::unique_ptr<Controller> m_controller;
    Navigator m_nav;
    std::unique_ptr<platform::Window> m_window;
    std::unique_ptr<Fonts> m_fonts;
    TextureCache m_textures;
    std::unique_ptr<ScanWorker> m_scanner;
    std::unique_ptr<SyncWorker> m_sync;
    std::unique_ptr<IntegrityWatch> m_integrity;
    std::unique_ptr<PrintWorker> m_printer;
    std::unique_ptr<Speaker> m_speaker;  // after m_window: closes its sound device first
    SpokenText m_spoken;
    FrameMarks m_marks;
    LeaveGuard m_leave;
    std::vector<std::string> m_lastSpoken;  // what the previous frame declared (read-aloud on)
    WedgeScanner m_wedge;
    LabelRegistry m_labels;
    TextFocus m_focus;
    Layout m_layout;
    std::vector<std::unique_ptr<screens::Screen>> m_screens;
    long long m_lastInputMs = 0;
    long long m_lastMinute = -1;
    UiSettings m_settings;
    std::optional<ImVec2> m_scriptedPointer;
    bool m_scriptedDown = false;
    FILE* m_framesLog = nullptr;
    long long m_frameIndex = 0;
    // systemd: READY=1 after the first full frame, WATCHDOG=1 from drawFrame (a hung UI thread
    // stops them and systemd restarts the kiosk), STOPPING=1 on exit.
    platform::ServiceNotifier m_service;
    std::optional<bool> m_screenAwake;  // what the display was last told (opening hours)
};

}  // namespace kiosk::app
