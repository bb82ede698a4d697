// Read-aloud: espeak-ng synthesis into PCM (decoded and measured, not just "no error"), WAV
// output, the speaker thread (never blocks the caller, a new request cancels the old one), and
// what screens declare to be spoken.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kiosk/app/speaker.hpp"
#include "kiosk/app/ui.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/widgets/widgets.hpp"
#include "platform/audio.hpp"
#include "platform/speech.hpp"
#include "temp_dir.hpp"
#include "wav_file.hpp"

namespace {

using platform::Pcm;

Pcm speak(const std::string& text) {
    std::string error;
    EXPECT_TRUE(platform::initSpeech({}, error)) << error;
    Pcm pcm;
    EXPECT_TRUE(platform::synthesize(text, pcm));
    return pcm;
}

// Share of 20 ms windows that carry sound: speech has pauses but is mostly voiced.
double voicedShare(const std::vector<std::int16_t>& s, int rate) {
    const std::size_t win = static_cast<std::size_t>(rate) / 50;
    int voiced = 0, all = 0;
    for (std::size_t at = 0; at + win <= s.size(); at += win, ++all) {
        double sum = 0;
        for (std::size_t i = at; i < at + win; ++i) sum += static_cast<double>(s[i]) * s[i];
        if (std::sqrt(sum / static_cast<double>(win)) > 300) ++voiced;
    }
    return all ? static_cast<double>(voiced) / all : 0;
}

std::vector<std::string> lines(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

TEST(Speech, ChineseSentenceGivesAudioOfPlausibleLength) {
    const std::string sentence = "请选择您要反映的问题属于哪一类";  // 14 characters
    const Pcm pcm = speak(sentence);
    const double chars = static_cast<double>(kiosk::domain::codePointCount(sentence));
    EXPECT_EQ(pcm.sampleRate, 22050);
    EXPECT_GT(pcm.seconds(), 0.5 * chars * 0.25);
    EXPECT_LT(pcm.seconds(), 3.0 * chars * 0.25);
    EXPECT_GT(platform::rms(pcm), 1000.0);  // well above silence (16-bit full scale 32767)
    EXPECT_GT(voicedShare(pcm.samples, pcm.sampleRate), 0.5);
    // Twice the text takes clearly longer: the voice reads the characters, not a fixed sound.
    const Pcm twice = speak(sentence + "。" + sentence);
    EXPECT_GT(twice.seconds(), 1.6 * pcm.seconds());
}

TEST(Speech, ReceiptCodeIsReadCharacterByCharacter) {
    const Pcm one = speak("8");
    const Pcm code = speak("回执号 8 4 6 4 T Y N R K");
    // 3 characters and 9 spelled ones: several times a single digit.
    EXPECT_GT(code.seconds(), 4 * one.seconds());
    EXPECT_LT(code.seconds(), 12 * 0.25 * 3);
    EXPECT_GT(voicedShare(code.samples, code.sampleRate), 0.4);
}

TEST(Speech, EmptyOrBlankTextGivesNoAudio) {
    EXPECT_TRUE(speak("").samples.empty());
    EXPECT_TRUE(speak("  \n\t").samples.empty());
}

TEST(Speech, CancelStopsSynthesisEarly) {
    std::string error;
    ASSERT_TRUE(platform::initSpeech({}, error)) << error;
    std::atomic<bool> cancel{true};
    Pcm pcm;
    EXPECT_FALSE(platform::synthesize("我要反映意见和建议", pcm, &cancel));
    EXPECT_TRUE(pcm.samples.empty());
}

TEST(Speech, WavFileReadsBackExactly) {
    testsupport::TempDir dir;
    const Pcm pcm = speak("您好");
    ASSERT_TRUE(platform::writeWav(dir.file("a.wav"), pcm));
    const auto wav = testsupport::readWav(dir.file("a.wav"));
    ASSERT_TRUE(wav);
    EXPECT_EQ(wav->format, 1);
    EXPECT_EQ(wav->channels, 1);
    EXPECT_EQ(wav->bitsPerSample, 16);
    EXPECT_EQ(wav->sampleRate, pcm.sampleRate);
    EXPECT_EQ(wav->samples, pcm.samples);
}

TEST(Audio, DummyAndDiskDriversAreNoSoundDevice) {
    for (const char* driver : {"dummy", "disk"}) {
        setenv("SDL_AUDIODRIVER", driver, 1);
        platform::AudioOut out;
        std::string error;
        EXPECT_FALSE(out.open(22050, error));
        EXPECT_NE(error.find(driver), std::string::npos) << error;
        EXPECT_FALSE(out.play(speak("您好")));  // nothing opened: refused, not a crash
        EXPECT_EQ(out.queuedMs(), 0);
    }
    unsetenv("SDL_AUDIODRIVER");
}

TEST(Speaker, SayReturnsAtOnceAndTheUtteranceIsRecorded) {
    testsupport::TempDir dir;
    kiosk::app::Speaker speaker({false, dir.path().string(), {}});
    ASSERT_TRUE(speaker.available());
    const std::string text = "第一步：选择问题类别。请点选您要反映的问题属于哪一类。";
    const auto t0 = std::chrono::steady_clock::now();
    speaker.say(text);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(ms, 5.0);  // the synthesis (tens of ms, plus loading the voice) is not ours to wait
    ASSERT_TRUE(speaker.waitIdle(20'000));
    EXPECT_EQ(speaker.finished(), 1);
    const auto said = lines(dir.path() / "utterances.txt");
    ASSERT_EQ(said.size(), 1u);
    EXPECT_EQ(said[0], "utterance-001.wav\t" + text);
    const auto wav = testsupport::readWav(dir.file("utterance-001.wav"));
    ASSERT_TRUE(wav);
    EXPECT_GT(wav->seconds(), 0.5 * 25 * 0.25);
    EXPECT_LT(wav->seconds(), 3.0 * 25 * 0.25);
    EXPECT_GT(wav->rms(), 1000.0);
}

TEST(Speaker, ANewRequestReplacesTheOneBeingSaid) {
    testsupport::TempDir dir;
    kiosk::app::Speaker speaker({false, dir.path().string(), {}});
    std::string longText;
    for (int i = 0; i < 40; ++i) longText += "接下来联络员会把您的意见转交代表。";
    speaker.say(longText);
    speaker.say("进度查询");
    ASSERT_TRUE(speaker.waitIdle(20'000));
    const auto said = lines(dir.path() / "utterances.txt");
    ASSERT_EQ(said.size(), 1u);  // the long one was cancelled (or never started)
    EXPECT_EQ(said[0], "utterance-001.wav\t进度查询");
}

TEST(Speaker, WithoutSoundOrFolderItIsUnavailableAndSilent) {
    kiosk::app::Speaker speaker({false, "", {}});
    EXPECT_FALSE(speaker.available());
    speaker.say("您好");  // nothing to do, nothing to wait for
    EXPECT_TRUE(speaker.idle());
    EXPECT_EQ(speaker.finished(), 0);
}

TEST(SpokenText, TheWholeScreenWhenTheTitleChangesElseOnlyWhatIsNew) {
    kiosk::app::SpokenText spoken;
    spoken.add("第一步：选择问题类别");
    spoken.add("请点选。");
    spoken.add("");
    spoken.add("请点选。");
    EXPECT_EQ(spoken.parts().size(), 2u);
    EXPECT_EQ(spoken.changesSince({}), "第一步：选择问题类别。请点选。");
    const auto before = spoken.parts();
    EXPECT_EQ(spoken.changesSince(before), "");
    spoken.add("您选择了：环境卫生");
    EXPECT_EQ(spoken.changesSince(before), "您选择了：环境卫生。");
    kiosk::app::SpokenText next;
    next.add("第二步：写下您的意见");
    next.add("请点选。");
    EXPECT_EQ(next.changesSince(before), "第二步：写下您的意见。请点选。");
}

TEST(SpokenText, ReceiptCodesAreSpelledOut) {
    EXPECT_EQ(kiosk::widgets::spelledOut("846-4TY-NRK"), "8 4 6 4 T Y N R K");
    EXPECT_EQ(kiosk::widgets::spelledOut("8464TYNRK"), "8 4 6 4 T Y N R K");
}

}  // namespace
