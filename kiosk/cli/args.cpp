#include "kiosk/cli/args.hpp"

namespace kiosk::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.starts_with("--")) {
            std::string name = a.substr(2);
            if (auto eq = name.find('='); eq != std::string::npos) {
                m_options[name.substr(0, eq)] = name.substr(eq + 1);
            } else if (flags.count(name)) {
                m_options[name] = "";
            } else if (i + 1 < argv.size()) {
                m_options[name] = argv[++i];
            } else {
                m_missingValue = name;
            }
        } else {
            m_words.push_back(a);
        }
    }
}

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = m_options.find(name);
    if (it == m_options.end()) return std::nullopt;
    return it->second;
}

bool Args::has(const std::string& name) const {
    return m_options.count(name) > 0;
}

std::optional<std::string> Args::unknown(const std::set<std::string>& allowed) const {
    for (const auto& [name, value] : m_options)
        if (!allowed.count(name)) return name;
    return std::nullopt;
}

}  // namespace kiosk::cli
