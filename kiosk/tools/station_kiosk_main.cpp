// station-kiosk: the touchscreen app (see kiosk/app/app.hpp); `station-kiosk --help` lists the
// options. --scale overrides the station's display scale (set in staff mode); --headless with
// --script and --screenshots drives it for tests and benchmarks.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

#include "kiosk/app/app.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/strings.hpp"

namespace {

// "--now 2026-11-15T10:00", station-local, as the manual clock's start.
std::optional<kiosk::domain::EpochMs> parseNow(const std::string& v) {
    const auto date = kiosk::domain::parseDate(v.substr(0, 10));
    const auto time =
        v.size() == 16 && v[10] == 'T' ? kiosk::domain::parseTimeOfDay(v.substr(11)) : std::nullopt;
    if (!date || !time) return std::nullopt;
    return kiosk::domain::fromLocal(*date, *time, kiosk::domain::kChinaUtcOffsetMinutes);
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::app::AppOptions o;
    CLI::App cli{"station-kiosk: the touchscreen of a deputy contact station (人大代表联络站)."};
    cli.set_version_flag("--version", "station-kiosk " KIOSK_VERSION);
    cli.add_option("--db", o.dbPath, "the station database (stationctl init makes it)")->required();
    cli.add_flag("--fullscreen", o.window.fullscreen, "fill the screen (production)");
    std::string size;
    cli.add_option("--size", size, "window size WxH, e.g. 1080x1920")
        ->check([&](const std::string& v) {
            return std::sscanf(v.c_str(), "%dx%d", &o.window.width, &o.window.height) == 2 &&
                           o.window.width > 0 && o.window.height > 0
                       ? std::string()
                       : "--size must be WxH, e.g. 1080x1920";
        });
    float scale = 0;
    auto* scaleOption = cli.add_option("--scale", scale, "display scale (else the station's)")
                            ->check(CLI::Range(0.5f, 4.0f));
    cli.add_flag("--large-text", o.largeText, "start in large text (大字模式)");
    cli.add_flag("--read-aloud", o.readAloud, "start with read-aloud on");
    cli.add_option("--speech-out", o.speechOut,
                   "also write each spoken utterance as a WAV and a line of text here");
    cli.add_option("--camera", o.camera,
                   "QR camera for deputy sign-in: auto, v4l2:/dev/videoN or file:DIR");
    cli.add_option("--printer", o.printer,
                   "receipt printer: usb:/dev/usb/lp0, tcp:HOST:9100, file:PATH.png, auto or "
                   "none (unset: the station setting kiosk.printer)");
    cli.add_option("--usb-mounts", o.usb.mountsFile,
                   "mounts table where a USB stick is looked for (default /proc/mounts)");
    std::string usbRoot;
    auto* usbRootOption = cli.add_option(
        "--usb-root", usbRoot, "automount folder for USB sticks (default /media and /run/media)");
    cli.add_flag("--headless", o.window.headless, "no window: offscreen rendering (tests)");
    cli.add_option("--script", o.scriptPath, "scripted touches to run (tests, benchmarks)");
    cli.add_option("--screenshots", o.screenshotsDir, "where the script's PNG screenshots go");
    cli.add_option("--frames-log", o.framesLog, "write each frame's timings here");
    cli.add_option("--labels-out", o.labelsOut, "write the labels drawn last here (tests)");
    std::string now;
    cli.add_option("--now", now, "station-local start of a manual clock, YYYY-MM-DDTHH:MM")
        ->check([](const std::string& v) {
            return parseNow(v) ? std::string() : "--now must be YYYY-MM-DDTHH:MM";
        });
    cli.add_flag("--exit-after-first-frame", o.exitAfterFirstFrame, "quit after one frame");
    cli.add_flag("--live-frames", o.liveFrames,
                 "scripted frames as in live use, never waiting for glyph bakes (benchmarks)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;  // help and version succeed; a usage error is 2
    }
    if (scaleOption->count() > 0) o.scale = scale;
    if (usbRootOption->count() > 0) o.usb.roots = {usbRoot};
    if (!now.empty()) o.nowMs = parseNow(now);
    try {
        kiosk::app::App app(o);
        return app.run();
    } catch (const kiosk::store::StoreError& e) {
        // E.g. a failed upgrade: the kiosk does not start on a database it could not migrate.
        std::fprintf(stderr, "station-kiosk: 错误：%s（%s）\n",
                     kiosk::tr(kiosk::store::messageKey(e)).c_str(), e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "station-kiosk: %s\n", e.what());
        return 1;
    }
}
