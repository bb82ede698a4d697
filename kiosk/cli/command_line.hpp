#pragma once
// stationctl's commands and options, declared once with CLI11: `stationctl --help` and
// `stationctl COMMAND --help` come from here, and a word nobody declared is refused.
#include <iosfwd>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/cli/args.hpp"

namespace kiosk::cli {

/// Parses argv (without the program name). Returns the Args to run, or the exit code when help
/// or the version was printed (0) or a mistake was reported in Chinese (2).
std::variant<Args, int> parseStationctl(const std::vector<std::string>& argv, std::ostream& out,
                                        std::ostream& err);

}  // namespace kiosk::cli
