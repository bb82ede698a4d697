#include "platform/audio.hpp"

#include <cstring>

namespace platform {

AudioOut::~AudioOut() {
    if (m_device) SDL_CloseAudioDevice(m_device);
    if (m_subsystem) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool AudioOut::open(int sampleRate, std::string& error) {
    if (m_device) return true;
    if (!m_subsystem) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            error = std::string("no audio: ") + SDL_GetError();
            return false;
        }
        m_subsystem = true;
    }
    // "dummy" discards the sound and "disk" writes it to a file in the working directory:
    // neither is a loudspeaker.
    const char* driver = SDL_GetCurrentAudioDriver();
    if (!driver || std::strcmp(driver, "dummy") == 0 || std::strcmp(driver, "disk") == 0) {
        error = std::string("no audio device (SDL driver ") + (driver ? driver : "none") + ")";
        return false;
    }
    SDL_AudioSpec want{};
    want.freq = sampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    want.callback = nullptr;  // queue mode: SDL_QueueAudio
    SDL_AudioSpec have{};
    m_device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (!m_device) {
        error = std::string("cannot open the audio device: ") + SDL_GetError();
        return false;
    }
    m_rate = sampleRate;
    return true;
}

bool AudioOut::play(const Pcm& pcm) {
    if (!m_device || pcm.sampleRate != m_rate) return false;
    SDL_ClearQueuedAudio(m_device);
    if (!pcm.samples.empty() &&
        SDL_QueueAudio(m_device, pcm.samples.data(),
                       static_cast<Uint32>(pcm.samples.size() * sizeof(pcm.samples[0]))) != 0)
        return false;
    SDL_PauseAudioDevice(m_device, 0);
    return true;
}

void AudioOut::stop() {
    if (m_device) SDL_ClearQueuedAudio(m_device);
}

long long AudioOut::queuedMs() const {
    if (!m_device || m_rate <= 0) return 0;
    const Uint32 bytes = SDL_GetQueuedAudioSize(m_device);
    return static_cast<long long>(bytes) / 2 * 1000 / m_rate;
}

}  // namespace platform
