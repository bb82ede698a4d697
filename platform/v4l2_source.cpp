// V4L2 webcams through libv4l2 (which also converts formats for cameras with odd native ones):
// mmap streaming buffers, GREY, YUYV (luma taken directly) or MJPEG (decoded by stb_image).
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/mman.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "platform/frame_source.hpp"

namespace platform {
namespace {

int xioctl(int fd, unsigned long request, void* arg) {
    int r;
    do r = v4l2_ioctl(fd, request, arg);
    while (r == -1 && errno == EINTR);
    return r;
}

std::string fourcc(std::uint32_t f) {
    return {static_cast<char>(f & 0xff), static_cast<char>((f >> 8) & 0xff),
            static_cast<char>((f >> 16) & 0xff), static_cast<char>((f >> 24) & 0xff)};
}

// Lower is better: native formats before libv4l2's software-converted ones; luma-only and YUYV
// (no decoding) before MJPEG.
int formatRank(std::uint32_t pixelformat, bool emulated) {
    int rank = 0;
    switch (pixelformat) {
        case V4L2_PIX_FMT_GREY:
            rank = 0;
            break;
        case V4L2_PIX_FMT_YUYV:
            rank = 1;
            break;
        case V4L2_PIX_FMT_MJPEG:
        case V4L2_PIX_FMT_JPEG:
            rank = 2;
            break;
        default:
            return -1;
    }
    return rank + (emulated ? 10 : 0);
}

std::vector<std::pair<int, int>> frameSizes(int fd, std::uint32_t pixelformat) {
    std::vector<std::pair<int, int>> sizes;
    v4l2_frmsizeenum fs{};
    fs.pixel_format = pixelformat;
    for (fs.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs) == 0; ++fs.index) {
        if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
            sizes.emplace_back(fs.discrete.width, fs.discrete.height);
            continue;
        }
        // Stepwise or continuous: 1280x720 if it lies in the range, else the largest.
        const auto& sw = fs.stepwise;
        if (sw.min_width <= 1280 && sw.max_width >= 1280 && sw.min_height <= 720 &&
            sw.max_height >= 720)
            sizes.emplace_back(1280, 720);
        sizes.emplace_back(sw.max_width, sw.max_height);
        break;
    }
    return sizes;
}

class V4l2Source : public FrameSource {
public:
    ~V4l2Source() override {
        if (m_fd < 0) return;
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (m_streaming) xioctl(m_fd, VIDIOC_STREAMOFF, &type);
        for (auto& b : m_buffers) v4l2_munmap(b.first, b.second);
        v4l2_close(m_fd);
    }

    bool open(const std::string& device, std::string& error) {
        const auto fail = [&](const std::string& what) {
            error = device + ": " + what +
                    (errno ? std::string(" (") + std::strerror(errno) + ")" : "");
            return false;
        };
        m_device = device;
        errno = 0;
        m_fd = v4l2_open(device.c_str(), O_RDWR | O_NONBLOCK);
        if (m_fd < 0) return fail("cannot open");
        v4l2_capability cap{};
        if (xioctl(m_fd, VIDIOC_QUERYCAP, &cap) != 0) return fail("not a V4L2 device");
        const std::uint32_t caps =
            (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
        errno = 0;
        if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
            return fail("not a streaming capture device");
        m_card = reinterpret_cast<const char*>(cap.card);

        v4l2_fmtdesc desc{};
        desc.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        std::uint32_t chosen = 0;
        int bestRank = 1000;
        for (desc.index = 0; xioctl(m_fd, VIDIOC_ENUM_FMT, &desc) == 0; ++desc.index) {
            const int rank = formatRank(desc.pixelformat, desc.flags & V4L2_FMT_FLAG_EMULATED);
            if (rank >= 0 && rank < bestRank) bestRank = rank, chosen = desc.pixelformat;
        }
        errno = 0;
        if (!chosen) return fail("no GREY, YUYV or MJPEG capture format");
        auto [w, h] = chooseResolution(frameSizes(m_fd, chosen));
        if (w == 0) w = 1280, h = 720;  // no size list: ask, and take what the driver adjusts to

        v4l2_format fmt{};
        fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        fmt.fmt.pix.width = w;
        fmt.fmt.pix.height = h;
        fmt.fmt.pix.pixelformat = chosen;
        fmt.fmt.pix.field = V4L2_FIELD_ANY;
        if (xioctl(m_fd, VIDIOC_S_FMT, &fmt) != 0) return fail("cannot set format");
        m_width = static_cast<int>(fmt.fmt.pix.width);
        m_height = static_cast<int>(fmt.fmt.pix.height);
        m_bytesPerLine = static_cast<int>(fmt.fmt.pix.bytesperline);
        m_format = fmt.fmt.pix.pixelformat;
        errno = 0;
        if (formatRank(m_format, false) < 0)
            return fail("driver chose unsupported format " + fourcc(m_format));

        v4l2_requestbuffers req{};
        req.count = 4;
        req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        req.memory = V4L2_MEMORY_MMAP;
        if (xioctl(m_fd, VIDIOC_REQBUFS, &req) != 0 || req.count < 2)
            return fail("cannot get mmap buffers");
        for (std::uint32_t i = 0; i < req.count; ++i) {
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            buf.index = i;
            if (xioctl(m_fd, VIDIOC_QUERYBUF, &buf) != 0) return fail("cannot query buffer");
            void* p = v4l2_mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd,
                                buf.m.offset);
            if (p == MAP_FAILED) return fail("cannot map buffer");
            m_buffers.emplace_back(p, buf.length);
            if (xioctl(m_fd, VIDIOC_QBUF, &buf) != 0) return fail("cannot queue buffer");
        }
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(m_fd, VIDIOC_STREAMON, &type) != 0) return fail("cannot start streaming");
        m_streaming = true;
        return true;
    }

    std::optional<GrayImage> next(int timeoutMs) override {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count();
            pollfd pfd{m_fd, POLLIN, 0};
            if (left < 0 || poll(&pfd, 1, static_cast<int>(left)) <= 0) return std::nullopt;
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            if (xioctl(m_fd, VIDIOC_DQBUF, &buf) != 0) {
                if (errno == EAGAIN) continue;
                return std::nullopt;
            }
            GrayImage img = convert(static_cast<const std::uint8_t*>(m_buffers[buf.index].first),
                                    buf.bytesused);
            xioctl(m_fd, VIDIOC_QBUF, &buf);
            // A corrupt MJPEG frame (some webcams send a few at start) is skipped, not returned.
            if (!img.empty()) return img;
        }
    }

    std::string describe() const override {
        return "v4l2:" + m_device + " " + std::to_string(m_width) + "x" + std::to_string(m_height) +
               " " + fourcc(m_format) + " (" + m_card + ")";
    }

private:
    GrayImage convert(const std::uint8_t* data, std::uint32_t bytesUsed) const {
        switch (m_format) {
            case V4L2_PIX_FMT_YUYV: {
                const int bpl = m_bytesPerLine > 0 ? m_bytesPerLine : m_width * 2;
                if (bytesUsed < static_cast<std::uint32_t>(bpl) * m_height) return {};
                return grayFromYuyv(data, m_width, m_height, bpl);
            }
            case V4L2_PIX_FMT_GREY: {
                const int bpl = m_bytesPerLine > 0 ? m_bytesPerLine : m_width;
                if (bytesUsed < static_cast<std::uint32_t>(bpl) * m_height) return {};
                GrayImage out{
                    m_width, m_height,
                    std::vector<std::uint8_t>(static_cast<std::size_t>(m_width) * m_height)};
                for (int y = 0; y < m_height; ++y)
                    std::memcpy(&out.pixels[static_cast<std::size_t>(y) * m_width],
                                data + static_cast<std::size_t>(y) * bpl, m_width);
                return out;
            }
            default:  // MJPEG / JPEG
                return grayFromEncoded(std::string(reinterpret_cast<const char*>(data), bytesUsed));
        }
    }

    std::string m_device, m_card;
    int m_fd = -1, m_width = 0, m_height = 0, m_bytesPerLine = 0;
    std::uint32_t m_format = 0;
    bool m_streaming = false;
    std::vector<std::pair<void*, std::size_t>> m_buffers;
};

}  // namespace

std::unique_ptr<FrameSource> openV4l2Source(const std::string& device, std::string& error) {
    auto source = std::make_unique<V4l2Source>();
    if (!source->open(device, error)) return nullptr;
    return source;
}

}  // namespace platform
