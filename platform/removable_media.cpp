#include "platform/removable_media.hpp"

#include <fstream>
#include <sstream>

namespace platform {
namespace {

// The kernel writes space, tab, newline and backslash in mount points as \ooo.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto octal = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '7'; };
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] <= '3' && octal(i + 1) && octal(i + 2) &&
            octal(i + 3)) {
            out.push_back(
                static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

bool readWrite(const std::string& options) {
    std::istringstream in(options);
    for (std::string o; std::getline(in, o, ',');)
        if (o == "rw") return true;
    return false;
}

}  // namespace

std::vector<std::string> removableMounts(const RemovableMedia& media) {
    std::vector<std::string> out;
    std::ifstream table(media.mountsFile);
    for (std::string line; std::getline(table, line);) {
        std::istringstream fields(line);
        std::string device, where, type, options;
        if (!(fields >> device >> where >> type >> options)) continue;
        if (device.rfind("/dev/", 0) != 0 || !readWrite(options)) continue;
        where = unescape(where);
        for (const auto& root : media.roots)
            if (where.size() > root.size() && where.rfind(root, 0) == 0) {
                out.push_back(where);
                break;
            }
    }
    return out;
}

}  // namespace platform
