#pragma once
// Measuring the headless kiosk from outside, for the benchmarks: time to the first full frame
// and RSS then, idle CPU and RSS, and the per-frame CPU log (--frames-log). Header-only.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace testsupport {

using BenchClock = std::chrono::steady_clock;

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Start {
    double ms;
    long rssKb;
};

// Wall time from spawn until the program reports its first full frame (the line arriving on its
// stdout, not its exit: tearing down GL and checkpointing the database are not start-up), and
// its RSS then.
inline Start timeToFirstFrame(const std::string& program, const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) std::exit(1);
    const auto t0 = BenchClock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    double ms = -1;
    char buf[512];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) {
        out.append(buf, static_cast<std::size_t>(n));
        if (ms < 0 && out.find('\n') != std::string::npos)
            ms = std::chrono::duration<double, std::milli>(BenchClock::now() - t0).count();
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const auto at = out.find("rss_kb=");
    if (ms < 0 || at == std::string::npos || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s did not report a first frame\n", program.c_str());
        std::exit(1);
    }
    return {ms, std::stol(out.substr(at + 7))};
}

inline long procTicks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(in)), {});
    std::istringstream f(all.substr(all.rfind(')') + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && f >> field; ++i) {
        if (i == 14) utime = std::stol(field);
        if (i == 15) stime = std::stol(field);
    }
    return utime + stime;
}

inline long procRssKb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

struct Idle {
    double cpuPercent;
    long rssKb;
};

// Starts the program, lets it settle 3 s, then measures CPU over `seconds` with no input. With
// `display` set it runs as a real X11 window there (SDL's offscreen driver cannot sleep on events
// and polls, which would measure SDL rather than the kiosk).
inline Idle idle(const std::string& program, const std::vector<std::string>& args, int seconds,
                 const std::string& display) {
    const pid_t pid = fork();
    if (pid == 0) {
        if (!display.empty()) setenv("DISPLAY", display.c_str(), 1);
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        freopen("/dev/null", "w", stdout);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const long t0 = procTicks(pid);
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    const long t1 = procTicks(pid);
    const long rss = procRssKb(pid);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    return {
        100.0 * static_cast<double>(t1 - t0) / static_cast<double>(sysconf(_SC_CLK_TCK)) / seconds,
        rss};
}

inline std::vector<double> frameLog(const std::string& path) {
    std::ifstream in(path);
    std::vector<double> cpu;
    long long index;
    double c, wall;
    while (in >> index >> c >> wall) cpu.push_back(c);
    return cpu;
}

}  // namespace testsupport
