#include "kiosk/app/scan_worker.hpp"

#include <chrono>

#include "platform/frame_source.hpp"
#include "platform/qr_decode.hpp"
#include "platform/window.hpp"

namespace kiosk::app {

namespace {

constexpr auto kMinFramePeriod = std::chrono::milliseconds(100);  // ≤ 10 decodes a second
constexpr int kPreviewWidth = 480;

// Nearest-neighbour reduction: the preview only has to show where the card is.
platform::GrayImage reduce(const platform::GrayImage& f) {
    if (f.width <= kPreviewWidth) return f;
    const int step = (f.width + kPreviewWidth - 1) / kPreviewWidth;
    platform::GrayImage p;
    p.width = f.width / step;
    p.height = f.height / step;
    p.pixels.resize(static_cast<std::size_t>(p.width) * p.height);
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            p.pixels[static_cast<std::size_t>(y) * p.width + x] =
                f.pixels[static_cast<std::size_t>(y * step) * f.width + x * step];
    return p;
}

}  // namespace

void ScanWorker::start() {
    if (running()) return;
    m_stop = false;
    m_thread = std::thread([this] { loop(); });
}

void ScanWorker::stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

void ScanWorker::post(ScanEvent event) {
    {
        std::lock_guard lock(m_mutex);
        // A preview replaces the previous one: the UI only ever shows the latest frame.
        if (event.kind == ScanEvent::Kind::Preview && !m_queue.empty() &&
            m_queue.back().kind == ScanEvent::Kind::Preview)
            m_queue.back() = std::move(event);
        else
            m_queue.push_back(std::move(event));
    }
    platform::Window::wake();
}

std::vector<ScanEvent> ScanWorker::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<ScanEvent> out(std::make_move_iterator(m_queue.begin()),
                               std::make_move_iterator(m_queue.end()));
    m_queue.clear();
    return out;
}

void ScanWorker::loop() {
    std::string error;
    auto source = platform::openFrameSource(m_spec, error);
    if (!source) {
        post({ScanEvent::Kind::CameraError, {}, error});
        return;
    }
    auto last = std::chrono::steady_clock::now() - kMinFramePeriod;
    // All the extra passes together cost ~100 ms on a frame without a code. A held card stays in
    // view for many frames, so each frame gets plain ZXing and the next extra pass in turn: all
    // are tried within a second, and an idle camera costs about a fifth of a core.
    const auto& passes = platform::productQrPasses();
    std::size_t turn = 0;
    while (!m_stop) {
        const auto wait = kMinFramePeriod - (std::chrono::steady_clock::now() - last);
        if (wait > std::chrono::milliseconds(0)) std::this_thread::sleep_for(wait);
        last = std::chrono::steady_clock::now();
        auto frame = source->next(200);
        if (!frame || m_stop) continue;
        auto text = platform::decodeQrRaw(*frame);
        if (!text && passes.size() > 1)
            text = platform::decodeQrPass(*frame, passes[1 + turn++ % (passes.size() - 1)]);
        if (text) post({ScanEvent::Kind::Code, {}, std::move(*text)});
        post({ScanEvent::Kind::Preview, reduce(*frame), {}});
    }
}

}  // namespace kiosk::app
