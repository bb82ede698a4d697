#include "kiosk/app/speaker.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "platform/log.hpp"

namespace kiosk::app {
namespace {

constexpr int kEspeakRate = 22050;  // espeak-ng's output rate for every voice

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

}  // namespace

Speaker::Speaker(SpeakerOptions options) : m_options(std::move(options)) {
    if (m_options.audio) {
        std::string error;
        m_hasAudio = m_audio.open(kEspeakRate, error);
        if (!m_hasAudio) platform::logLine(platform::LogLevel::Info, "speech", error);
    }
    if (!m_options.outDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(m_options.outDir, ec);
    }
    if (m_hasAudio || !m_options.outDir.empty()) m_thread = std::thread([this] { loop(); });
}

Speaker::~Speaker() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        m_cancel = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

bool Speaker::available() const {
    return m_thread.joinable() && !m_voiceFailed.load();
}

void Speaker::say(std::string text) {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(text);
        m_cancel = true;  // whatever is being synthesised now is out of date
    }
    m_changed.notify_all();
}

bool Speaker::idle() const {
    std::lock_guard lock(m_mutex);
    return !m_pending && !m_busy && m_audio.queuedMs() == 0;
}

bool Speaker::waitIdle(long long timeoutMs) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    {
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_until(lock, until, [this] { return !m_pending && !m_busy; }))
            return false;
    }
    // Recording needs no more; a sound card may still be playing the tail.
    while (m_audio.queuedMs() > 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return m_audio.queuedMs() == 0;
}

void Speaker::loop() {
    bool voiceReady = false;
    for (;;) {
        std::string text;
        {
            std::unique_lock lock(m_mutex);
            m_busy = false;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_quit || m_pending; });
            if (m_quit) return;
            text = std::move(*m_pending);
            m_pending.reset();
            m_busy = true;
            m_cancel = false;
        }
        if (m_hasAudio) m_audio.stop();  // the old screen's words stop at once
        if (text.empty()) continue;
        if (!voiceReady && !m_voiceFailed) {
            std::string error;
            voiceReady = platform::initSpeech(m_options.speech, error);
            if (!voiceReady) {
                platform::logLine(platform::LogLevel::Warning, "speech", error);
                m_voiceFailed = true;
            }
        }
        if (!voiceReady) continue;
        platform::Pcm pcm;
        if (!platform::synthesize(text, pcm, &m_cancel)) continue;  // cancelled or failed
        finish(text, pcm);
    }
}

void Speaker::finish(const std::string& text, const platform::Pcm& pcm) {
    if (m_hasAudio) m_audio.play(pcm);
    if (!m_options.outDir.empty()) {
        char name[32];
        std::snprintf(name, sizeof name, "utterance-%03d.wav", ++m_written);
        const auto dir = std::filesystem::path(m_options.outDir);
        if (!platform::writeWav((dir / name).string(), pcm))
            platform::logLine(platform::LogLevel::Warning, "speech", "cannot write a WAV file");
        std::ofstream(dir / "utterances.txt", std::ios::app)
            << name << '\t' << oneLine(text) << '\n';
    }
    ++m_finished;
}

}  // namespace kiosk::app
