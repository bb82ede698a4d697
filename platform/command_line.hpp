#pragma once
// CLI11 set up the same way for stationctl, county-server and station-kiosk: help in Chinese,
// -h/--help on every subcommand, --version, and mistakes reported in Chinese with exit code 2.
#include <CLI/CLI.hpp>

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace platform::cli {

/// Chinese help labels, -h/--help and --version; options of a parent may also be given after a
/// subcommand. Call before adding options and subcommands (they inherit these settings).
void prepare(CLI::App& app, const std::string& version);

/// Adds a subcommand listed under "命令" in the help.
CLI::App* command(CLI::App& parent, const std::string& name, const std::string& description);
/// The same, under a subcommand.
inline CLI::App* command(CLI::App* parent, const std::string& name,
                         const std::string& description) {
    return command(*parent, name, description);
}

/// Parses argv (without the program name). Help and version go to out (returns 0); a mistake
/// (unknown option or command, missing value, bad value) goes to err in Chinese (returns 2).
/// Returns nullopt when the program should go on.
std::optional<int> parse(CLI::App& app, const std::vector<std::string>& argv, std::ostream& out,
                         std::ostream& err);

/// The selected subcommands from the root down, e.g. {concern, add}.
std::vector<const CLI::App*> selectedChain(const CLI::App& app);

/// Declares options and positional words and collects what was given as plain strings, for
/// programs whose commands read options by name. Keep it alive until parse() has run.
class Collector {
public:
    explicit Collector(CLI::App& root) : m_root(root) {}
    /// --name VALUE.
    void value(CLI::App* app, const std::string& name, const std::string& type,
               const std::string& help);
    /// --name without a value.
    void flag(CLI::App* app, const std::string& name, const std::string& help);
    /// One optional positional word; the command checks whether it needs it.
    void word(CLI::App* app, const std::string& name, const std::string& help);
    /// Any number of positional words.
    void words(CLI::App* app, const std::string& name, const std::string& help);

    /// The selected command path with each command's positional words after its name.
    std::vector<std::string> commandWords() const;
    /// Each given --name (without dashes) with its value.
    const std::map<std::string, std::string>& values() const { return m_values; }
    /// Each given flag (without dashes).
    const std::set<std::string>& flags() const { return m_flags; }

private:
    CLI::App& m_root;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::map<const CLI::App*, std::vector<std::string>> m_words;
};

}  // namespace platform::cli
