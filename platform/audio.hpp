#pragma once
// Sound output through SDL2's audio queue (no callback thread of our own). Headless machines
// have no device: SDL's "dummy" and "disk" drivers count as none, and open() says so instead of
// failing later, so callers can skip sound (or write it to files) without blocking or crashing.
#include <SDL.h>

#include <string>

#include "platform/speech.hpp"

namespace platform {

class AudioOut {
public:
    AudioOut() = default;
    ~AudioOut();
    AudioOut(const AudioOut&) = delete;
    AudioOut& operator=(const AudioOut&) = delete;

    /// Opens the default output device for 16-bit mono at sampleRate (SDL converts if the
    /// device wants another format). Call on the main thread. False, with the reason in
    /// `error`, when there is no real audio device.
    bool open(int sampleRate, std::string& error);
    bool isOpen() const { return m_device != 0; }
    /// Replaces whatever is playing with pcm and starts playing. Returns at once. Any thread.
    bool play(const Pcm& pcm);
    /// Stops playback and drops what is queued. Any thread.
    void stop();
    /// Milliseconds of sound still queued (0 when closed).
    long long queuedMs() const;

private:
    SDL_AudioDeviceID m_device = 0;
    int m_rate = 0;
    bool m_subsystem = false;
};

}  // namespace platform
