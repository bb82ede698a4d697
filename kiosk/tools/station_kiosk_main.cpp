// station-kiosk: the touchscreen app (see kiosk/app/app.hpp). Options:
//   --db PATH [--fullscreen] [--size WxH] [--scale F] [--large-text] [--read-aloud]
//   [--speech-out DIR]  (also write each spoken utterance as a WAV and a line of text)
//   [--camera auto|v4l2:/dev/videoN|file:DIR]  (QR camera for deputy sign-in)
//   [--printer usb:/dev/usb/lp0|tcp:HOST:9100|file:PATH.png|auto|none]  (receipt printer;
//    unset: the station setting kiosk.printer)
//   [--usb-mounts FILE] [--usb-root DIR]  (where a USB stick for the ledger export is looked
//    for: a mounts table, default /proc/mounts, and the automount folder, default /media and
//    /run/media)
//   (--scale overrides the station's display scale, set in staff mode)
//   --headless --script FILE --screenshots DIR [--frames-log FILE] [--labels-out FILE]
//   [--now YYYY-MM-DDTHH:MM]  (station-local start time of the manual clock)
//   [--live-frames]  (scripted frames as in live use: each drawn before the next, never waiting
//    for new glyphs to be baked; for benchmarks)
#include <cstdio>
#include <exception>
#include <string>

#include "kiosk/app/app.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/strings.hpp"

namespace {

int usage() {
    std::fprintf(
        stderr,
        "usage: station-kiosk --db PATH [--fullscreen] [--size WxH] [--scale F] [--large-text]\n"
        "       [--read-aloud] [--speech-out DIR]\n"
        "       [--camera auto|v4l2:/dev/videoN|file:DIR]\n"
        "       [--printer usb:/dev/usb/lp0|tcp:HOST:9100|file:PATH.png|auto|none]\n"
        "       [--usb-mounts FILE] [--usb-root DIR]\n"
        "       [--headless] [--script FILE] [--screenshots DIR] [--frames-log FILE]\n"
        "       [--labels-out FILE] [--now YYYY-MM-DDTHH:MM] [--exit-after-first-frame]\n"
        "       [--live-frames]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::app::AppOptions o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--db")
            o.dbPath = value();
        else if (a == "--fullscreen")
            o.window.fullscreen = true;
        else if (a == "--headless")
            o.window.headless = true;
        else if (a == "--large-text")
            o.largeText = true;
        else if (a == "--read-aloud")
            o.readAloud = true;
        else if (a == "--speech-out")
            o.speechOut = value();
        else if (a == "--script")
            o.scriptPath = value();
        else if (a == "--screenshots")
            o.screenshotsDir = value();
        else if (a == "--frames-log")
            o.framesLog = value();
        else if (a == "--labels-out")
            o.labelsOut = value();
        else if (a == "--exit-after-first-frame")
            o.exitAfterFirstFrame = true;
        else if (a == "--live-frames")
            o.liveFrames = true;
        else if (a == "--camera")
            o.camera = value();
        else if (a == "--printer")
            o.printer = value();
        else if (a == "--usb-mounts")
            o.usb.mountsFile = value();
        else if (a == "--usb-root")
            o.usb.roots = {value()};
        else if (a == "--scale")
            o.scale = std::stof(value());
        else if (a == "--size") {
            const std::string v = value();
            if (std::sscanf(v.c_str(), "%dx%d", &o.window.width, &o.window.height) != 2)
                return usage();
        } else if (a == "--now") {
            const std::string v = value();
            const auto date = kiosk::domain::parseDate(v.substr(0, 10));
            const auto time =
                v.size() == 16 ? kiosk::domain::parseTimeOfDay(v.substr(11)) : std::nullopt;
            if (!date || !time) return usage();
            o.nowMs = kiosk::domain::fromLocal(*date, *time, kiosk::domain::kChinaUtcOffsetMinutes);
        } else {
            return usage();
        }
    }
    if (o.dbPath.empty()) return usage();
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
