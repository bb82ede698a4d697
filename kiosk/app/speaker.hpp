#pragma once
// Read-aloud: a worker thread owns espeak-ng (which is not thread-safe) and the sound output.
// The UI thread hands it "say this" through a one-slot queue and never waits: a newer request
// replaces one not yet started and cancels the one being synthesised or played, so a visitor
// who moves on hears the new screen, not the rest of the old one. Without a sound card the
// speaker can still record each utterance (WAV and a text line) for tests and demos.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/audio.hpp"
#include "platform/speech.hpp"

namespace kiosk::app {

struct SpeakerOptions {
    bool audio = true;   // play through the default sound device, if there is one
    std::string outDir;  // also write utterance-NNN.wav and a line in utterances.txt here
    platform::SpeechOptions speech;
};

class Speaker {
public:
    /// Opens the sound device (SDL wants that on the main thread); the voice is loaded by the
    /// worker at the first request, so start-up does not pay for it.
    explicit Speaker(SpeakerOptions options);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    /// Whether anything can be heard or recorded: a sound device or an output folder, and a
    /// voice that loaded (false after the first request if espeak-ng or its data is missing).
    bool available() const;
    /// Says text instead of whatever is pending or being said; empty text just stops. Returns
    /// at once. UI thread (any thread, in fact).
    void say(std::string text);
    /// Stops talking.
    void stop() { say({}); }
    /// Nothing pending, being synthesised or still queued at the sound device.
    bool idle() const;
    /// Waits until idle() or timeoutMs passed (scripts and tests, never the interactive loop).
    bool waitIdle(long long timeoutMs) const;
    /// Utterances finished so far (played or written).
    int finished() const { return m_finished.load(); }

private:
    void loop();
    void finish(const std::string& text, const platform::Pcm& pcm);

    SpeakerOptions m_options;
    platform::AudioOut m_audio;
    bool m_hasAudio = false;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::optional<std::string> m_pending;
    bool m_busy = false;
    bool m_quit = false;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_voiceFailed{false};
    std::atomic<int> m_finished{0};
    int m_written = 0;  // worker thread only
    std::thread m_thread;
};

}  // namespace kiosk::app
