#include "platform/font_files.hpp"

#include <filesystem>

namespace platform {
namespace {

// fonts-noto-cjk ships collections where index 2 is the Simplified Chinese face; other
// distributions ship one .otf per language.
std::string findNoto(const char* family, int& collectionIndex) {
    const std::string dir = "/usr/share/fonts/opentype/noto/";
    for (const std::string& name :
         {std::string(family) + "-Regular.ttc", std::string(family) + "sc-Regular.otf"}) {
        if (std::filesystem::exists(dir + name)) {
            collectionIndex = name.ends_with(".ttc") ? 2 : 0;
            return dir + name;
        }
    }
    return "";
}

}  // namespace

std::string findNotoSansCjk(int& collectionIndex) {
    return findNoto("NotoSansCJK", collectionIndex);
}

std::string findNotoSerifCjk(int& collectionIndex) {
    return findNoto("NotoSerifCJK", collectionIndex);
}

}  // namespace platform
