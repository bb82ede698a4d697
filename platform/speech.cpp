#include "platform/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <cstdio>
#include <mutex>

#include "platform/log.hpp"

namespace platform {
namespace {

std::mutex g_mutex;  // espeak-ng's global state: one caller at a time
bool g_initialised = false;
int g_sampleRate = 0;
std::string g_voice;
std::string g_initError;

// The synthesis in progress; only touched with g_mutex held (the callback runs inside
// espeak_Synth on the calling thread in synchronous mode).
Pcm* g_target = nullptr;
const std::atomic<bool>* g_cancel = nullptr;
bool g_cancelled = false;

int onSamples(short* wav, int count, espeak_EVENT*) {
    if (g_cancel && g_cancel->load()) {
        g_cancelled = true;
        return 1;  // abort synthesis
    }
    if (wav && count > 0 && g_target)
        g_target->samples.insert(g_target->samples.end(), wav, wav + count);
    return 0;
}

bool blank(const std::string& s) {
    for (const unsigned char c : s)
        if (c > ' ') return false;
    return true;
}

void putLe(std::FILE* f, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) std::fputc(static_cast<int>((v >> (8 * i)) & 0xff), f);
}

}  // namespace

bool initSpeech(const SpeechOptions& options, std::string& error) {
    std::lock_guard lock(g_mutex);
    if (!g_initialised && g_initError.empty()) {
        // DONT_EXIT: without it espeak-ng ends the process when its data directory is missing.
        const int rate =
            espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            g_initError = "espeak-ng could not start (is espeak-ng-data installed?)";
        } else {
            espeak_SetSynthCallback(onSamples);
            g_sampleRate = rate;
            g_initialised = true;
        }
    }
    if (!g_initialised) {
        error = g_initError;
        return false;
    }
    if (g_voice != options.voice) {
        if (espeak_SetVoiceByName(options.voice.c_str()) != EE_OK) {
            error = "espeak-ng has no voice \"" + options.voice + "\"";
            return false;
        }
        g_voice = options.voice;
    }
    espeak_SetParameter(espeakRATE, options.rate, 0);
    espeak_SetParameter(espeakPITCH, options.pitch, 0);
    return true;
}

bool synthesize(const std::string& text, Pcm& out, const std::atomic<bool>* cancel) {
    std::lock_guard lock(g_mutex);
    out.samples.clear();
    out.sampleRate = g_sampleRate;
    if (!g_initialised || g_voice.empty()) return false;
    if (blank(text)) return true;
    g_target = &out;
    g_cancel = cancel;
    g_cancelled = false;
    const espeak_ERROR r = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    g_target = nullptr;
    g_cancel = nullptr;
    if (r != EE_OK) {
        logLine(LogLevel::Warning, "speech", "espeak_Synth failed");
        out.samples.clear();
        return false;
    }
    if (g_cancelled) {
        out.samples.clear();
        return false;
    }
    return true;
}

double rms(const Pcm& pcm) {
    if (pcm.samples.empty()) return 0;
    double sum = 0;
    for (const auto s : pcm.samples) sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

bool writeWav(const std::string& path, const Pcm& pcm) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    const auto dataBytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(pcm.sampleRate);
    std::fwrite("RIFF", 1, 4, f);
    putLe(f, 36 + dataBytes, 4);
    std::fwrite("WAVEfmt ", 1, 8, f);
    putLe(f, 16, 4);        // fmt chunk size
    putLe(f, 1, 2);         // PCM
    putLe(f, 1, 2);         // mono
    putLe(f, rate, 4);      // sample rate
    putLe(f, rate * 2, 4);  // byte rate
    putLe(f, 2, 2);         // block align
    putLe(f, 16, 2);        // bits per sample
    std::fwrite("data", 1, 4, f);
    putLe(f, dataBytes, 4);
    for (const auto s : pcm.samples) putLe(f, static_cast<std::uint16_t>(s), 2);
    const bool ok = std::ferror(f) == 0;
    return std::fclose(f) == 0 && ok;
}

}  // namespace platform
