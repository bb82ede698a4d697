#pragma once
// Camera frames for QR sign-in: a V4L2 webcam, or a file/folder of still images standing in for one
// (tests, demos, stations without a camera). Video files are not supported: no video decoder is
// among the station's dependencies.
#include "platform/gray_image.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platform {

class FrameSource {
public:
    virtual ~FrameSource() = default;
    /// Next frame, waiting at most timeoutMs; nullopt if none arrived.
    virtual std::optional<GrayImage> next(int timeoutMs) = 0;
    /// What the source is, for logs and status ("v4l2:/dev/video0 1280x720 YUYV").
    virtual std::string describe() const = 0;
};

/// Opens "auto" (the first /dev/video* that opens), "v4l2:/dev/videoN", "file:DIR" (every .png,
/// .jpg and .jpeg in the folder in name order, cycling; the folder is re-read so new files show up)
/// or "file:IMAGE" (the same image repeatedly). nullptr with a message in error on failure.
std::unique_ptr<FrameSource> openFrameSource(const std::string& spec, std::string& error);

/// Opens a V4L2 capture device through libv4l2 with mmap streaming; nullptr and error on failure.
std::unique_ptr<FrameSource> openV4l2Source(const std::string& device, std::string& error);

/// The luminance of a YUYV (YUV 4:2:2) frame: every other byte. bytesPerLine 0 means width * 2.
GrayImage grayFromYuyv(const std::uint8_t* data, int width, int height, int bytesPerLine);

/// The camera resolution to ask for: 1280x720 if offered, else the smallest at least 640x480,
/// else the largest; {0, 0} when sizes is empty.
std::pair<int, int> chooseResolution(std::vector<std::pair<int, int>> sizes);

}  // namespace platform
