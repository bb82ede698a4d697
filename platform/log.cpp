#include "platform/log.hpp"

#include <cstdio>
#include <mutex>
#include <string>

namespace platform {

void logLine(LogLevel level, std::string_view component, std::string_view message) {
    static std::mutex mutex;
    const char* tag = level == LogLevel::Info      ? "INFO"
                      : level == LogLevel::Warning ? "WARN"
                                                   : "ERROR";
    std::string line =
        std::string(tag) + " " + std::string(component) + ": " + std::string(message) + "\n";
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace platform
