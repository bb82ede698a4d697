// station-kiosk: the touchscreen app (see kiosk/app/app.hpp); `station-kiosk --help` lists the
// options. --scale overrides the station's display scale (set in staff mode); --headless with
// --script and --screenshots drives it for tests and benchmarks.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "kiosk/app/app.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/strings.hpp"
#include "platform/command_line.hpp"

namespace {

// "--now 2026-11-15T10:00", station-local, as the manual clock's start.
std::optional<kiosk::domain::EpochMs> parseNow(const std::string& v) {
    return kiosk::domain::parseLocalStamp(v, kiosk::domain::kChinaUtcOffsetMinutes);
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::app::AppOptions o;
    CLI::App cli{"station-kiosk：人大代表联络站的触摸屏终端", "station-kiosk"};
    platform::cli::prepare(cli, "station-kiosk " KIOSK_VERSION);
    cli.add_option("--db", o.dbPath, "联络站的数据文件（stationctl init 建立）")
        ->required()
        ->type_name("数据文件");
    cli.add_flag("--fullscreen", o.window.fullscreen, "全屏（正式使用）");
    std::string size;
    cli.add_option("--size", size, "窗口大小 WxH，例如 1080x1920")
        ->type_name("WxH")
        ->check([&](const std::string& v) {
            return std::sscanf(v.c_str(), "%dx%d", &o.window.width, &o.window.height) == 2 &&
                           o.window.width > 0 && o.window.height > 0
                       ? std::string()
                       : "应为 WxH（宽x高），例如 1080x1920";
        });
    float scale = 0;
    auto* scaleOption =
        cli.add_option("--scale", scale, "显示缩放（不写则用本站设置）")
            ->type_name("倍数")
            ->check([](const std::string& v) {
                const float f = std::strtof(v.c_str(), nullptr);
                return f >= 0.5f && f <= 4.0f ? std::string() : "应在 0.5 到 4 之间";
            });
    cli.add_flag("--large-text", o.largeText, "以大字模式开始");
    cli.add_flag("--read-aloud", o.readAloud, "以语音朗读开始");
    cli.add_option("--speech-out", o.speechOut, "把每句朗读另存为 WAV 和一行文字（测试）")
        ->type_name("目录");
    cli.add_option("--camera", o.camera,
                   "代表签到的扫码摄像头：auto、v4l2:/dev/videoN 或 file:目录")
        ->type_name("摄像头");
    cli.add_option("--printer", o.printer,
                   "回执打印机：usb:/dev/usb/lp0、tcp:主机:9100、file:图片.png、auto 或 none"
                   "（不写则用本站设置 kiosk.printer）")
        ->type_name("打印机");
    cli.add_option("--usb-mounts", o.usb.mountsFile, "在哪个挂载表里找U盘（默认 /proc/mounts）")
        ->type_name("文件");
    std::string usbRoot;
    auto* usbRootOption =
        cli.add_option("--usb-root", usbRoot, "U盘自动挂载目录（默认 /media 和 /run/media）")
            ->type_name("目录");
    cli.add_flag("--headless", o.window.headless, "不开窗口，离屏绘制（测试）");
    cli.add_option("--script", o.scriptPath, "按脚本点屏幕（测试、性能测量）")->type_name("文件");
    cli.add_option("--screenshots", o.screenshotsDir, "脚本截图（PNG）写到这里")->type_name("目录");
    cli.add_option("--frames-log", o.framesLog, "每帧用时写到这里")->type_name("文件");
    cli.add_option("--labels-out", o.labelsOut, "最后一帧画出的文字写到这里（测试）")
        ->type_name("文件");
    std::string now;
    cli.add_option("--now", now, "手动时钟从这个本地时间开始")
        ->type_name("YYYY-MM-DDTHH:MM")
        ->check([](const std::string& v) {
            return parseNow(v) ? std::string() : "应为 YYYY-MM-DDTHH:MM";
        });
    cli.add_flag("--exit-after-first-frame", o.exitAfterFirstFrame, "画完一帧就退出");
    cli.add_flag("--live-frames", o.liveFrames, "脚本帧按实际使用绘制，不等字形烘焙（性能测量）");
    if (const auto code = platform::cli::parse(cli, {argv + 1, argv + argc}, std::cout, std::cerr))
        return *code;
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
