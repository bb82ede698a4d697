#include "platform/frame_source.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <thread>

namespace platform {
namespace {

namespace fs = std::filesystem;

std::string lowerExtension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool isStillImage(const fs::path& path) {
    const std::string ext = lowerExtension(path);
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

// Every still image in the folder, sorted by file name.
std::vector<std::string> listImages(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec) && isStillImage(entry.path()))
            names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// A folder of frames, one per call in name order, cycling. The listing is re-read on every call
// (cheap for a folder of test frames), so files dropped in or removed while it runs take effect
// at once; the position is kept by name, not index, so the order stays right when it changes.
class FolderSource : public FrameSource {
public:
    explicit FolderSource(fs::path dir) : m_dir(std::move(dir)) {}

    std::optional<GrayImage> next(int timeoutMs) override {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        for (;;) {
            const std::vector<std::string> names = listImages(m_dir);
            // Start after the last name returned; an unreadable file (half written) is skipped.
            auto it = std::upper_bound(names.begin(), names.end(), m_last);
            for (std::size_t tried = 0; tried < names.size(); ++tried, ++it) {
                if (it == names.end()) it = names.begin();
                GrayImage img = loadGrayImage((m_dir / *it).string());
                if (!img.empty()) {
                    m_last = *it;
                    return img;
                }
            }
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    std::string describe() const override { return "file:" + m_dir.string() + " (folder)"; }

private:
    fs::path m_dir;
    std::string m_last;  // file name of the frame returned last; "" before the first
};

class ImageSource : public FrameSource {
public:
    ImageSource(std::string path, GrayImage image)
        : m_path(std::move(path)), m_image(std::move(image)) {}
    std::optional<GrayImage> next(int) override { return m_image; }
    std::string describe() const override {
        return "file:" + m_path + " (" + std::to_string(m_image.width) + "x" +
               std::to_string(m_image.height) + " image)";
    }

private:
    std::string m_path;
    GrayImage m_image;
};

std::unique_ptr<FrameSource> openFileSource(const std::string& path, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return std::make_unique<FolderSource>(path);
    if (!fs::exists(path, ec)) {
        error = "no such file or folder: " + path;
        return nullptr;
    }
    if (!isStillImage(path)) {
        error = "unsupported file type: " + path +
                " (only PNG and JPEG images or a folder of them; video files are not supported, "
                "there is no video decoder; extract the frames into a folder and use file:DIR)";
        return nullptr;
    }
    GrayImage image = loadGrayImage(path);
    if (image.empty()) {
        error = "cannot read image: " + path;
        return nullptr;
    }
    return std::make_unique<ImageSource>(path, std::move(image));
}

// /dev/video0, /dev/video1, ... in numeric order (video10 after video9).
std::vector<std::string> videoDevices() {
    std::vector<std::pair<int, std::string>> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/dev", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("video", 0) != 0 || name.size() == 5) continue;
        if (!std::all_of(name.begin() + 5, name.end(),
                         [](unsigned char c) { return std::isdigit(c); }))
            continue;
        found.emplace_back(std::stoi(name.substr(5)), entry.path().string());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> paths;
    for (auto& f : found) paths.push_back(f.second);
    return paths;
}

}  // namespace

GrayImage grayFromYuyv(const std::uint8_t* data, int width, int height, int bytesPerLine) {
    if (!data || width <= 0 || height <= 0) return {};
    if (bytesPerLine <= 0) bytesPerLine = width * 2;
    GrayImage out{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = data + static_cast<std::size_t>(y) * bytesPerLine;
        std::uint8_t* dst = &out.pixels[static_cast<std::size_t>(y) * width];
        for (int x = 0; x < width; ++x) dst[x] = row[2 * x];  // Y0 U Y1 V: luma on even bytes
    }
    return out;
}

std::pair<int, int> chooseResolution(std::vector<std::pair<int, int>> sizes) {
    if (sizes.empty()) return {0, 0};
    const auto area = [](const std::pair<int, int>& s) {
        return static_cast<long>(s.first) * s.second;
    };
    if (std::find(sizes.begin(), sizes.end(), std::pair{1280, 720}) != sizes.end())
        return {1280, 720};
    // 1280x720 is what the decoder is tuned and benchmarked for; the next best is the least work
    // that still resolves a deputy's code at arm's length.
    std::optional<std::pair<int, int>> best;
    for (const auto& s : sizes) {
        if (s.first < 640 || s.second < 480) continue;
        if (!best || area(s) < area(*best) || (area(s) == area(*best) && s.first > best->first))
            best = s;
    }
    if (best) return *best;
    return *std::max_element(sizes.begin(), sizes.end(), [&](const auto& a, const auto& b) {
        return area(a) < area(b) || (area(a) == area(b) && a.first < b.first);
    });
}

std::unique_ptr<FrameSource> openFrameSource(const std::string& spec, std::string& error) {
    error.clear();
    if (spec.rfind("file:", 0) == 0) return openFileSource(spec.substr(5), error);
    if (spec.rfind("v4l2:", 0) == 0) return openV4l2Source(spec.substr(5), error);
    if (spec == "auto") {
        std::string reasons;
        for (const std::string& device : videoDevices()) {
            std::string why;
            if (auto source = openV4l2Source(device, why)) return source;
            reasons += (reasons.empty() ? "" : "; ") + why;
        }
        error = "no camera found" +
                (reasons.empty() ? std::string(" (no /dev/video* device)") : " (" + reasons + ")");
        return nullptr;
    }
    error = "unknown frame source '" + spec +
            "': use auto, v4l2:/dev/videoN, file:FOLDER or file:IMAGE.png|.jpg";
    return nullptr;
}

}  // namespace platform
