#include "kiosk/cli/qr_decode_command.hpp"

#include <chrono>
#include <cstdio>

#include "platform/gray_image.hpp"
#include "platform/qr_decode.hpp"

namespace kiosk::cli {

int runDecodeQr(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
    int status = 0;
    for (const std::string& file : files) {
        const platform::GrayImage image = platform::loadGrayImage(file);
        if (image.empty()) {
            err << "无法读取图片（PNG 或 JPEG）：" << file << "\n";
            out << file << "\t0.0\t\n";
            status = 1;
            continue;
        }
        // Only the decode is timed: that is what a camera frame costs the kiosk.
        const auto t0 = std::chrono::steady_clock::now();
        const auto text = platform::decodeQr(image);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        char msText[32];
        std::snprintf(msText, sizeof msText, "%.1f", ms);
        out << file << '\t' << msText << '\t' << text.value_or("") << "\n";
    }
    return status;
}

}  // namespace kiosk::cli
