#pragma once
// county-server's commands and options, declared once with CLI11 (`county-server --help`,
// `county-server station add --help`); a word nobody declared is refused before anything runs.
#include <iosfwd>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace csync::server {

/// A command used wrongly (exit code 2): a value that is missing or of the wrong form.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the command line asked for: command words with their positional values, options, flags.
struct CliArgs {
    std::map<std::string, std::string> options;
    std::set<std::string> flags;
    std::vector<std::string> words;

    /// Whether --name was given with a value.
    bool has(const std::string& name) const { return options.contains(name); }
    /// The value of --name, or fallback.
    std::string get(const std::string& name, const std::string& fallback = "") const {
        const auto it = options.find(name);
        return it == options.end() ? fallback : it->second;
    }
    /// The value of --name; throws UsageError when it was not given.
    const std::string& need(const std::string& name) const {
        const auto it = options.find(name);
        if (it == options.end()) throw UsageError("需要 --" + name);
        return it->second;
    }
};

/// Parses argv (without the program name). Returns the arguments to run, or the exit code when
/// help or the version was printed (0) or a mistake was reported (2).
std::variant<CliArgs, int> parseCountyServer(const std::vector<std::string>& argv,
                                             std::ostream& out, std::ostream& err);

}  // namespace csync::server
