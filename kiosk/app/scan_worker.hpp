#pragma once
// Reads camera frames on its own thread (at most 10 a second), decodes QR codes, and hands
// codes, a small preview and camera errors to the UI thread through a queue. The scan screen
// starts it when shown and stops it when left, so the camera is only on while needed. Codes
// from a keyboard-wedge scanner join the same queue (post), wherever they were read.
#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/gray_image.hpp"

namespace kiosk::app {

struct ScanEvent {
    enum class Kind { Preview, Code, CameraError };
    Kind kind = Kind::Preview;
    platform::GrayImage preview;  // Preview: the latest frame, reduced to about 480 px wide
    std::string text;             // Code: the decoded text; CameraError: what went wrong
};

class ScanWorker {
public:
    /// cameraSpec as platform::openFrameSource takes it ("auto", "v4l2:/dev/video0", "file:DIR").
    explicit ScanWorker(std::string cameraSpec) : m_spec(std::move(cameraSpec)) {}
    ~ScanWorker() { stop(); }
    ScanWorker(const ScanWorker&) = delete;
    ScanWorker& operator=(const ScanWorker&) = delete;

    /// Starts the camera thread if it is not running.
    void start();
    /// Stops the camera thread and waits for it.
    void stop();
    bool running() const { return m_thread.joinable(); }
    /// Queues an event (a scanner code) and wakes the UI loop. Any thread.
    void post(ScanEvent event);
    /// Takes every queued event. UI thread.
    std::vector<ScanEvent> drain();

private:
    void loop();

    std::string m_spec;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::deque<ScanEvent> m_queue;
};

}  // namespace kiosk::app
