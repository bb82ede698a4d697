#include "kiosk/input/handwriting.hpp"

#include <zinnia.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

namespace kiosk::input {
namespace {

// zinnia scales the canvas to its own frame; the model was trained on a 1000-unit square.
constexpr int kCanvas = 1000;

int toCanvas(float v) {
    return static_cast<int>(std::clamp(v, 0.0f, 1.0f) * static_cast<float>(kCanvas - 1) + 0.5f);
}

}  // namespace

// --- Ink ---

void Ink::beginStroke(InkPoint p) {
    endStroke();
    m_open = InkStroke{p};
}

void Ink::extendStroke(InkPoint p) {
    if (!m_open) return;
    const InkPoint& last = m_open->back();
    if (last.x == p.x && last.y == p.y) return;  // a finger resting on the glass
    m_open->push_back(p);
}

bool Ink::endStroke() {
    if (!m_open) return false;
    m_strokes.push_back(std::move(*m_open));
    m_open.reset();
    ++m_revision;
    return true;
}

void Ink::undoStroke() {
    if (m_open)
        m_open.reset();
    else if (!m_strokes.empty())
        m_strokes.pop_back();
    else
        return;
    ++m_revision;
}

void Ink::clear() {
    if (empty()) return;
    m_strokes.clear();
    m_open.reset();
    ++m_revision;
}

// --- HandwritingRecognizer ---

std::string HandwritingRecognizer::findModel() {
    if (const char* env = std::getenv("KIOSK_HANDWRITING_MODEL")) return env;
    for (const char* p : {"/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model",
                          "/usr/lib/zinnia/model/tegaki/handwriting-zh_CN.model"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    return "";
}

HandwritingRecognizer::HandwritingRecognizer(const std::string& model) {
    std::error_code ec;
    if (model.empty() || !std::filesystem::is_regular_file(model, ec)) return;
    std::unique_ptr<zinnia::Recognizer> r(zinnia::Recognizer::create());
    if (r && r->open(model.c_str()) && r->size() > 0) m_recognizer = std::move(r);
}

HandwritingRecognizer::~HandwritingRecognizer() = default;

std::vector<std::string> HandwritingRecognizer::recognise(const std::vector<InkStroke>& strokes,
                                                          std::size_t max) const {
    std::vector<std::string> out;
    if (!m_recognizer || strokes.empty() || max == 0) return out;
    std::unique_ptr<zinnia::Character> c(zinnia::Character::create());
    c->set_width(kCanvas);
    c->set_height(kCanvas);
    std::size_t id = 0;
    for (const auto& stroke : strokes) {
        if (stroke.empty()) continue;
        for (const auto& p : stroke) c->add(id, toCanvas(p.x), toCanvas(p.y));
        if (stroke.size() == 1)  // a dot: zinnia wants a direction
            c->add(id, toCanvas(stroke[0].x) + 1, toCanvas(stroke[0].y) + 1);
        ++id;
    }
    if (id == 0) return out;
    std::unique_ptr<zinnia::Result> result(m_recognizer->classify(*c, max));
    if (!result) return out;
    for (std::size_t i = 0; i < result->size(); ++i) out.emplace_back(result->value(i));
    return out;
}

// --- HandwritingWorker ---

HandwritingWorker::HandwritingWorker(std::string model, std::function<void()> wake)
    : m_wake(std::move(wake)) {
    m_thread = std::thread([this, model = std::move(model)] { loop(model); });
}

HandwritingWorker::~HandwritingWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

HandwritingWorker::State HandwritingWorker::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

void HandwritingWorker::request(std::uint64_t revision, std::vector<InkStroke> strokes,
                                std::size_t max) {
    {
        std::lock_guard lock(m_mutex);
        ++m_sequence;
        m_done.reset();
        if (strokes.empty())
            m_pending.reset();
        else
            m_pending = Request{m_sequence, revision, std::move(strokes), max};
    }
    m_changed.notify_all();
}

void HandwritingWorker::cancel() {
    std::lock_guard lock(m_mutex);
    ++m_sequence;
    m_pending.reset();
    m_done.reset();
}

std::optional<HandwritingResult> HandwritingWorker::take() {
    return takeWithin(std::chrono::milliseconds(0));
}

std::optional<HandwritingResult> HandwritingWorker::takeWithin(std::chrono::milliseconds budget) {
    std::unique_lock lock(m_mutex);
    const auto current = [this] { return m_done && m_done->first == m_sequence; };
    // Nothing to wait for when no request is queued or being recognised.
    if (budget.count() > 0)
        m_ready.wait_for(lock, budget, [&] { return current() || !(m_pending || m_running); });
    if (!current()) return std::nullopt;
    HandwritingResult r = std::move(m_done->second);
    m_done.reset();
    return r;
}

void HandwritingWorker::loop(const std::string& model) {
    const HandwritingRecognizer recognizer(model);
    {
        std::lock_guard lock(m_mutex);
        m_state = recognizer.ok() ? State::Ready : State::Unavailable;
    }
    if (m_wake) m_wake();  // the pad shows whether it can recognise
    for (;;) {
        Request job;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_quit || m_pending; });
            if (m_quit) return;
            job = std::move(*m_pending);
            m_pending.reset();
            m_running = true;
        }
        if (!recognizer.ok()) {  // the pad says recognition is unavailable
            std::lock_guard lock(m_mutex);
            m_running = false;
            continue;
        }
        const auto t0 = std::chrono::steady_clock::now();
        HandwritingResult result{job.revision, recognizer.recognise(job.strokes, job.max), 0};
        result.recogniseMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        job.strokes.clear();  // nothing of the character stays with the worker
        bool fresh = false;
        {
            std::lock_guard lock(m_mutex);
            fresh = job.sequence == m_sequence;  // else a newer request or a cancel came in
            if (fresh) m_done.emplace(job.sequence, std::move(result));
            m_running = false;
        }
        m_ready.notify_all();
        if (fresh && m_wake) m_wake();
    }
}

}  // namespace kiosk::input
