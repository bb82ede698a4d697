#pragma once
// Command-line words for stationctl: positional words and --options, checked against what each
// command accepts so a typo is reported instead of ignored.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk::cli {

class Args {
public:
    /// Splits argv (without the program name); flags listed in `flags` take no value.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& flags);
    /// Positional words in order.
    const std::vector<std::string>& words() const { return m_words; }
    /// Value of --name, if given.
    std::optional<std::string> get(const std::string& name) const;
    /// Whether a value-less --name flag was given.
    bool has(const std::string& name) const;
    /// The first option not in `allowed`, if any (for "unknown option" errors).
    std::optional<std::string> unknown(const std::set<std::string>& allowed) const;
    /// Set when an option that needs a value came last.
    const std::optional<std::string>& missingValue() const { return m_missingValue; }

private:
    std::vector<std::string> m_words;
    std::map<std::string, std::string> m_options;
    std::optional<std::string> m_missingValue;
};

}  // namespace kiosk::cli
