// The kiosk on a real-size station (issue 13: stationctl init --demo --real-size — 60 deputies,
// 2,000 slots, 20,000 concerns over 5 years, 2,000 published answers) beside the demo station
// in the same run:
//  - frame CPU p99 of every screen at 1080×1920 on llvmpipe (≤ 16 ms), one script per screen
//  - model refresh p99 (KioskModel::refresh on the real file, ≤ 20 ms)
//  - start → first full frame (≤ 1.1× the demo station's) and RSS then (≤ demo + 15 MB)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "../support/kiosk_measure.hpp"
#include "../support/run_process.hpp"
#include "../support/temp_dir.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/store/station_store.hpp"

using namespace testsupport;

namespace {

struct Screen {
    const char* name;
    const char* script;
};

// Each walks to one screen and works it (scrolling, paging) so its frames dominate the log.
const Screen kScreens[] = {
    {"首页 Home", "pause 1500\n"},
    {"代表信息 deputies (drag, page)",
     "tap \"代表信息\"\ndrag 540 1500 540 500 300\ndrag 540 1500 540 500 300\n"
     "tap \"乡镇\"\ntap \"全部\"\n"},
    {"接待安排 schedule",
     "tap \"接待安排\"\ntap \"下个月 ›\"\ntap \"‹ 上个月\"\ntap \"‹ 上个月\"\n"},
    {"办理公示 results (page)",
     "tap \"办理公示\"\ndrag 540 1500 540 500 300\ndrag 540 1500 540 500 300\n"},
    {"我要反映 wizard",
     "tap \"我要反映\"\ntap \"民生保障\"\ntap \"下一步\"\ntype \"镇卫生院周末没有儿科医生。\"\n"
     "tap \"下一步\"\ntap \"下一步\"\ntap \"下一步\"\n"},
    {"工作人员 staff (concerns, ledger)",
     "tap \"工作人员\"\ntap \"刘小红\"\ntap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"1\"\ntap "
     "\"0\"\n"
     "tap \"登录\"\ntap \"不限时间\"\ntap \"全部\"\ntap \"台账登记\"\ntap \"意见办理\"\n"},
};

double screenP99(const std::string& db, const Screen& s, const TempDir& dir, int n) {
    const std::string script = dir.file("s" + std::to_string(n) + ".txt");
    const std::string log = dir.file("f" + std::to_string(n) + ".tsv");
    std::ofstream(script) << s.script;
    const auto r = runProcess(KIOSK_PATH,
                              {"--db", db, "--headless", "--size", "1080x1920", "--now",
                               "2026-11-15T10:00", "--script", script, "--frames-log", log},
                              300);
    if (r.exitCode != 0) {
        std::fprintf(stderr, "%s: script failed: %s\n", s.name, r.err.c_str());
        std::exit(1);
    }
    auto cpu = frameLog(log);
    cpu.erase(cpu.begin(), cpu.begin() + std::min<std::size_t>(2, cpu.size()));  // start-up
    return percentile(cpu, 0.99);
}

struct Refresh {
    double quietP99;     // the minute tick, nothing written since the last refresh
    double changedP99;   // after a write that changes no board (a sync run's log line)
    double answeredP99;  // after the county's answer to a concern arrived: the board reloads
};

Refresh refreshP99(const std::string& db) {
    const platform::ManualClock clock(1794708000000);  // 2026-11-15 10:00 +08
    kiosk::store::StationStore store(db, clock);
    kiosk::app::KioskModel model;
    // Open concerns the county answers one per minute, as a sync run's updates would.
    std::vector<std::string> open;
    {
        auto& st = store.db().cached(
            "SELECT receipt FROM concern WHERE status = 'in_progress' ORDER BY created_at DESC "
            "LIMIT 60");
        while (st.step()) open.push_back(st.getText(0));
        st.reset();
    }
    std::vector<double> quiet, changed, answered;
    auto timed = [&](std::vector<double>& into, long long at) {
        const auto t0 = BenchClock::now();
        model.refresh(store, at);
        into.push_back(std::chrono::duration<double, std::milli>(BenchClock::now() - t0).count());
    };
    for (int i = 0; i < 180; ++i) {
        const long long at = 1794708000000 + i * 60000LL;  // a minute each
        switch (i % 3) {
            case 0:
                timed(quiet, at);
                break;
            case 1:
                store.sync().log("bench", clock.nowMs());  // as each sync run does
                timed(changed, at);
                break;
            default:
                if (!open.empty()) {
                    store.concerns().applyStatus(open.back(), kiosk::domain::Status::Answered, at,
                                                 "", "已安排维修，本周内完成。");
                    open.pop_back();
                }
                timed(answered, at);
        }
    }
    quiet.erase(quiet.begin());  // the first refresh loads everything
    return {percentile(quiet, 0.99), percentile(changed, 0.99), percentile(answered, 0.99)};
}

}  // namespace

int main() {
    TempDir dir;
    const std::string demo = dir.file("demo.db"), real = dir.file("real.db");
    for (const auto& [db, extra] : {std::pair{demo, ""}, std::pair{real, "--real-size"}}) {
        std::vector<std::string> a{"--db", db, "--now", "2026-11-14T18:00", "init", "--demo"};
        if (*extra) a.push_back(extra);
        if (const auto r = runProcess(STATIONCTL_PATH, a, 300); r.exitCode != 0) {
            std::fprintf(stderr, "init failed: %s\n", r.err.c_str());
            return 1;
        }
    }
    // Start-up, interleaved; medians of 9. Both databases have their glyph atlas from a first run.
    auto startArgs = [](const std::string& db) {
        return std::vector<std::string>{
            "--db",      db,      "--headless",       "--size",
            "1080x1920", "--now", "2026-11-15T10:00", "--exit-after-first-frame"};
    };
    timeToFirstFrame(KIOSK_PATH, startArgs(demo));
    timeToFirstFrame(KIOSK_PATH, startArgs(real));
    std::vector<double> demoMs, realMs;
    long demoRss = 0, realRss = 0;
    for (int i = 0; i < 9; ++i) {
        const Start d = timeToFirstFrame(KIOSK_PATH, startArgs(demo));
        const Start r = timeToFirstFrame(KIOSK_PATH, startArgs(real));
        demoMs.push_back(d.ms);
        realMs.push_back(r.ms);
        demoRss = std::max(demoRss, d.rssKb);
        realRss = std::max(realRss, r.rssKb);
    }
    std::printf(
        "\n| what | real-size station | demo station | ratio / delta | target |\n"
        "|---|---|---|---|---|\n");
    const double startRatio = median(realMs) / median(demoMs);
    std::printf(
        "| start → first full frame, median of 9 | %.0f ms | %.0f ms | %.2f× | ≤ 1.1×: %s |\n",
        median(realMs), median(demoMs), startRatio, startRatio <= 1.1 ? "met" : "NOT met");
    const double rssDelta = (realRss - demoRss) / 1024.0;
    std::printf("| RSS at first frame (max of 9) | %.1f MB | %.1f MB | %+.1f MB | ≤ +15 MB: %s |\n",
                realRss / 1024.0, demoRss / 1024.0, rssDelta, rssDelta <= 15 ? "met" : "NOT met");
    const Refresh realRefresh = refreshP99(real), demoRefresh = refreshP99(demo);
    for (const auto& [what, r, d] :
         {std::tuple{"minute tick, nothing changed", realRefresh.quietP99, demoRefresh.quietP99},
          std::tuple{"after a sync run's write", realRefresh.changedP99, demoRefresh.changedP99},
          std::tuple{"after an answer arrives (board reloads)", realRefresh.answeredP99,
                     demoRefresh.answeredP99}})
        std::printf(
            "| model refresh p99, %s (60 each) | %.2f ms | %.2f ms | %.2f× | ≤ 20 ms: %s |\n", what,
            r, d, r / std::max(d, 0.01), r <= 20 ? "met" : "NOT met");
    int n = 0;
    for (const auto& s : kScreens) {
        const double r = screenP99(real, s, dir, n++), d = screenP99(demo, s, dir, n++);
        std::printf("| frame CPU p99, %s, 1080×1920 | %.1f ms | %.1f ms | %.2f× | ≤ 16 ms: %s |\n",
                    s.name, r, d, r / std::max(d, 0.01), r <= 16 ? "met" : "NOT met");
    }
    return 0;
}
