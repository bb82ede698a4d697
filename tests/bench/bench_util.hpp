#pragma once
// Shared by the input benchmarks: percentiles, timers, the result table rows and the kiosk's
// --frames-log (frame, UI-thread CPU ms, wall ms, then name=ms marks of widgets' latencies).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../support/run_process.hpp"
#include "../support/temp_dir.hpp"

namespace benchutil {

using Clock = std::chrono::steady_clock;

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

inline double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// CPU time of this thread, ms: what the work costs without the waits of a machine shared with
// other jobs (wall time includes being preempted).
inline double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// A Markdown table row: samples, p50, p99, max and whether p99 meets targetMs.
inline void printRow(const char* what, const std::vector<double>& v, double targetMs = 30) {
    const bool met = percentile(v, 0.99) <= targetMs;
    std::printf("| %s | %zu | %.2f | %.2f | %.2f | ≤ %.0f ms: %s |\n", what, v.size(),
                percentile(v, 0.5), percentile(v, 0.99), percentile(v, 1.0), targetMs,
                met ? "met" : "NOT met");
}

struct Frame {
    double cpu = 0, wall = 0;
    std::map<std::string, double> marks;
};

inline std::vector<Frame> frameLog(const std::string& path) {
    std::vector<Frame> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream f(line);
        long long index = 0;
        Frame fr;
        if (!(f >> index >> fr.cpu >> fr.wall)) continue;
        for (std::string mark; f >> mark;)
            if (const auto eq = mark.find('='); eq != std::string::npos)
                fr.marks[mark.substr(0, eq)] = std::stod(mark.substr(eq + 1));
        out.push_back(std::move(fr));
    }
    return out;
}

#if defined(STATIONCTL_PATH) && defined(KIOSK_PATH)
// A demo station in dir and the real station-kiosk, headless at 1080×1920, running script with
// --frames-log (and extra options); the frames, or none when something failed (on stderr).
inline std::vector<Frame> runKioskScript(const testsupport::TempDir& dir, const std::string& script,
                                         const std::vector<std::string>& extra = {}) {
    const std::string db = dir.file("station.db");
    auto r = testsupport::runProcess(STATIONCTL_PATH,
                                     {"--db", db, "--now", "2026-11-14T18:00", "init", "--demo"});
    if (r.exitCode != 0) {
        std::fprintf(stderr, "stationctl: %s\n", r.err.c_str());
        return {};
    }
    const std::string path = dir.file("script.txt");
    std::ofstream(path) << script;
    std::vector<std::string> args{"--db",
                                  db,
                                  "--headless",
                                  "--size",
                                  "1080x1920",
                                  "--now",
                                  "2026-11-15T10:00",
                                  "--script",
                                  path,
                                  "--screenshots",
                                  dir.file("shots"),
                                  "--frames-log",
                                  dir.file("frames.tsv")};
    args.insert(args.end(), extra.begin(), extra.end());
    r = testsupport::runProcess(KIOSK_PATH, args, 600);
    if (r.exitCode != 0) {
        std::fprintf(stderr, "kiosk script failed: %s\n", r.err.c_str());
        return {};
    }
    return frameLog(dir.file("frames.tsv"));
}
#endif

}  // namespace benchutil
