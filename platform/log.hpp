#pragma once
// One-line logging to stderr (journald picks it up under systemd). Never log personal data.
#include <string_view>

namespace platform {

enum class LogLevel { Info, Warning, Error };

/// Writes "LEVEL component: message" as a single line to stderr.
void logLine(LogLevel level, std::string_view component, std::string_view message);

}  // namespace platform
