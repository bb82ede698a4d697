#pragma once
// Runs a program with exact argv bytes (no shell), capturing stdout, stderr and the exit code.
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

struct ProcessResult {
    int exitCode = -1;  // -1 when killed by a signal
    std::string out;
    std::string err;
};

/// Runs program with args and waits for it (bounded by timeoutSeconds, then SIGKILL). With
/// input, the program reads it on its standard input (small texts such as a password);
/// otherwise it inherits ours.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         int timeoutSeconds = 60,
                         const std::optional<std::string>& input = std::nullopt);

}  // namespace testsupport
