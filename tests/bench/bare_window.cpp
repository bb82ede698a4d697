// Baseline for the kiosk benchmarks (DESIGN.md §7): a bare Dear ImGui + SDL2 + OpenGL3 window
// with the default font, drawn by the same platform::Window, with the same event-driven idle wait.
//   bare_window [--headless] [--size WxH] [--exit-after-first-frame] [--frames N --frames-log FILE]
#include <SDL.h>
#include <imgui.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "platform/window.hpp"

namespace {
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}
long rssKb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    platform::WindowOptions o;
    bool exitAfterFirst = false;
    int frames = 0;
    std::string framesLog;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--headless")
            o.headless = true;
        else if (a == "--exit-after-first-frame")
            exitAfterFirst = true;
        else if (a == "--size" && i + 1 < argc)
            std::sscanf(argv[++i], "%dx%d", &o.width, &o.height);
        else if (a == "--frames" && i + 1 < argc)
            frames = std::atoi(argv[++i]);
        else if (a == "--frames-log" && i + 1 < argc)
            framesLog = argv[++i];
    }
    const bool trace = std::getenv("STATION_TRACE") != nullptr;  // same phases as the kiosk
    if (trace) std::fprintf(stderr, "start\n");
    platform::Window window(o);
    if (trace) std::fprintf(stderr, "window and GL context ready\n");
    FILE* log = framesLog.empty() ? nullptr : std::fopen(framesLog.c_str(), "w");
    bool quit = false;
    int drawn = 0, toDraw = 2;
    while (!quit) {
        const bool got =
            window.pumpEvents(toDraw > 0 || frames > 0 ? 0 : 60000, [&](const SDL_Event& e) {
                if (e.type == SDL_QUIT) quit = true;
            });
        if (got) toDraw = std::max(toDraw, 3);
        if (toDraw <= 0 && frames == 0) continue;
        const double c0 = cpuMs();
        window.beginBackendFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(20, 20));
        ImGui::Begin("bare");
        ImGui::Text("Hello from a bare Dear ImGui window, frame %d", drawn);
        ImGui::Button("OK");
        ImGui::End();
        ImGui::Render();
        window.present();
        if (trace && drawn < 2) std::fprintf(stderr, "frame presented\n");
        if (log) std::fprintf(log, "%d\t%.3f\n", drawn, cpuMs() - c0);
        ++drawn;
        --toDraw;
        if (drawn == 2 && exitAfterFirst) {
            std::printf("first_frame\trss_kb=%ld\n", rssKb());
            std::fflush(stdout);
            return 0;
        }
        if (frames > 0 && drawn >= frames) break;
    }
    if (log) std::fclose(log);
    return 0;
}
