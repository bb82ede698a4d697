#pragma once
// What stationctl's command line asked for, after CLI11 checked it against the declared
// commands (kiosk/cli/command_line.hpp): the command words and the options given.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::cli {

class Args {
public:
    /// words: the command path and its positional values ("concern", "show", "ACD-…");
    /// options: each given --name with its value ("" for a flag).
    Args(std::vector<std::string> words, std::map<std::string, std::string> options)
        : m_words(std::move(words)), m_options(std::move(options)) {}
    /// Command words and positional values in order.
    const std::vector<std::string>& words() const { return m_words; }
    /// Value of --name, if given.
    std::optional<std::string> get(const std::string& name) const {
        const auto it = m_options.find(name);
        return it == m_options.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    /// Whether --name was given.
    bool has(const std::string& name) const { return m_options.count(name) > 0; }

private:
    std::vector<std::string> m_words;
    std::map<std::string, std::string> m_options;
};

}  // namespace kiosk::cli
