#pragma once
// Handwriting recognition for the on-screen keyboard's pad, on zinnia with the simplified-Chinese
// model of tegaki-zinnia-simplified-chinese. Strokes are pad-relative (0..1, y down), so the
// recogniser does not care how big the pad is drawn. Classifying one character scores every
// class of the model (6763, GB2312) and takes 10-20 ms, too long for the UI thread: the
// HandwritingWorker runs it on its own thread and hands results back through a queue. The
// strokes of a character are a citizen's words: nothing here is written anywhere, and the
// worker keeps none of them after a request is answered or cancelled.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace zinnia {
class Recognizer;
}

namespace kiosk::input {

/// A point on the pad: x and y from 0 (left, top) to 1 (right, bottom).
struct InkPoint {
    float x = 0, y = 0;
};
using InkStroke = std::vector<InkPoint>;

/// The character being written: its finished strokes, the stroke the finger is drawing, and a
/// revision that changes with every edit (a finished stroke, undo, clear), so that results
/// computed for an earlier state can be told apart.
class Ink {
public:
    /// Starts a stroke at p (a stroke still open is finished first).
    void beginStroke(InkPoint p);
    /// Adds p to the open stroke; ignored without one or when p is where the stroke already is.
    void extendStroke(InkPoint p);
    /// Finishes the open stroke; true when one was open (a tap becomes a dot).
    bool endStroke();
    bool writing() const { return m_open.has_value(); }
    /// Removes the stroke being drawn, else the last finished one.
    void undoStroke();
    /// Forgets every stroke.
    void clear();

    const std::vector<InkStroke>& strokes() const { return m_strokes; }
    const std::optional<InkStroke>& openStroke() const { return m_open; }
    bool empty() const { return m_strokes.empty() && !m_open; }
    std::uint64_t revision() const { return m_revision; }

private:
    std::vector<InkStroke> m_strokes;
    std::optional<InkStroke> m_open;
    std::uint64_t m_revision = 0;
};

/// zinnia's recogniser on one model file. Not for concurrent use; the worker owns one.
class HandwritingRecognizer {
public:
    /// The model of tegaki-zinnia-simplified-chinese, or "" when it is not installed. The
    /// environment variable KIOSK_HANDWRITING_MODEL, when set, names another file instead.
    static std::string findModel();

    /// Opens model (default: findModel()); check ok().
    explicit HandwritingRecognizer(const std::string& model = findModel());
    ~HandwritingRecognizer();
    HandwritingRecognizer(const HandwritingRecognizer&) = delete;
    HandwritingRecognizer& operator=(const HandwritingRecognizer&) = delete;

    bool ok() const { return m_recognizer != nullptr; }
    /// Up to max characters the strokes may be, best first; empty without strokes or model.
    std::vector<std::string> recognise(const std::vector<InkStroke>& strokes,
                                       std::size_t max) const;

private:
    std::unique_ptr<zinnia::Recognizer> m_recognizer;
};

/// Candidates for one state of the ink.
struct HandwritingResult {
    std::uint64_t revision = 0;  // Ink::revision() the strokes were taken at
    std::vector<std::string> candidates;
    double recogniseMs = 0;  // time spent in the recogniser
};

/// Recognises on a worker thread. The UI thread posts the strokes of each new state of the ink
/// and never waits: a newer request replaces one not yet started, and results of anything but
/// the newest request (or of one cancelled since) are dropped, never delivered.
class HandwritingWorker {
public:
    enum class State { Loading, Ready, Unavailable };

    /// Starts the thread, which opens model at once (about 10 ms). wake is called from the
    /// worker thread whenever there is something new to drain, or the model failed to open.
    explicit HandwritingWorker(std::string model = HandwritingRecognizer::findModel(),
                               std::function<void()> wake = {});
    ~HandwritingWorker();
    HandwritingWorker(const HandwritingWorker&) = delete;
    HandwritingWorker& operator=(const HandwritingWorker&) = delete;

    State state() const;
    /// Asks for up to max candidates for strokes, the state of the ink at revision. Returns at
    /// once. An empty strokes list just cancels.
    void request(std::uint64_t revision, std::vector<InkStroke> strokes, std::size_t max);
    /// Forgets the pending request; results of earlier requests will not be delivered.
    void cancel();
    /// The result of the newest request once it is ready (at most one); UI thread.
    std::optional<HandwritingResult> take();
    /// Like take(), but waits up to budget for a request still being recognised.
    std::optional<HandwritingResult> takeWithin(std::chrono::milliseconds budget);

private:
    void loop(const std::string& model);

    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;  // a request or quit, for the worker
    std::condition_variable m_ready;    // a result, for takeWithin
    State m_state = State::Loading;
    struct Request {
        std::uint64_t sequence;  // m_sequence when it was made
        std::uint64_t revision;
        std::vector<InkStroke> strokes;
        std::size_t max;
    };
    std::optional<Request> m_pending;
    std::uint64_t m_sequence = 0;  // counts requests and cancels: only the newest one counts
    std::optional<std::pair<std::uint64_t, HandwritingResult>> m_done;  // with its sequence
    bool m_running = false;  // the worker is recognising a request it took
    bool m_quit = false;
    std::thread m_thread;
};

}  // namespace kiosk::input
