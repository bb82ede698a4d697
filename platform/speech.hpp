#pragma once
// Mandarin text to speech with espeak-ng (a Mandarin voice), synthesised into a PCM buffer that the
// caller plays or saves. espeak-ng keeps global state and is not thread-safe: calls are
// serialised by a process-wide lock, and the kiosk makes them from one speaker thread only.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace platform {

/// 16-bit signed mono samples at sampleRate Hz.
struct Pcm {
    int sampleRate = 0;
    std::vector<std::int16_t> samples;
    double seconds() const {
        return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0;
    }
};

struct SpeechOptions {
    // Mandarin that reads Latin letters as pinyin. Plain "cmn" in espeak-ng 1.51 (Debian 12) reads
    // the tone digits of its own dictionary aloud in English ("qing three"), espeak-ng #1028.
    std::string voice = "cmn-latn-pinyin";
    int rate = 140;  // words per minute; slower than espeak's 175 for elderly listeners
    int pitch = 50;  // 0-100, espeak's default
};

/// Loads espeak-ng and the voice once per process (later calls only change rate and pitch).
/// False, with the reason in `error`, when the library data or the voice is missing.
bool initSpeech(const SpeechOptions& options, std::string& error);

/// Synthesises UTF-8 text into `out` (replacing its contents). Empty or blank text gives an
/// empty buffer. When `cancel` becomes true (any thread), synthesis stops early and returns
/// false. Also false when speech could not be initialised (see initSpeech).
bool synthesize(const std::string& text, Pcm& out, const std::atomic<bool>* cancel = nullptr);

/// Root-mean-square amplitude of the samples (0 for silence or no samples).
double rms(const Pcm& pcm);

/// Writes a canonical 44-byte-header PCM WAV file. False when it cannot be written.
bool writeWav(const std::string& path, const Pcm& pcm);

}  // namespace platform
