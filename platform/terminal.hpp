#pragma once
// Reading secrets (passwords, PINs) typed at a terminal or piped in, so they never appear on a
// command line or in the shell history.
#include <string>

namespace platform {

/// One line from stdin without its line ending; on a terminal the prompt goes to stderr and the
/// typing is not echoed.
std::string readSecretLine(const std::string& prompt);

}  // namespace platform
