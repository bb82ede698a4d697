#pragma once
// Pinyin to Chinese characters for the on-screen keyboard, on libgooglepinyin's decoder with the
// system dictionary of the Debian package. The user dictionary stays off: a public terminal must
// not learn, and later offer, what an earlier citizen typed. Nothing is written to disk and choices
// do not change the ranking of later searches. UTF-8 in and out (the library works in UTF-16).
// Each engine owns its decoder; the library keeps some read-only tables in process-wide
// singletons, so engines are used from one thread at a time (the UI thread).
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace ime_pinyin {
class MatrixSearch;
}

namespace kiosk::input {

class PinyinEngine {
public:
    /// The system dictionary shipped by libgooglepinyin0, or "" when the package is missing.
    static std::string findDictionary();

    /// Opens the decoder on dictionary (default: findDictionary()); check ok().
    explicit PinyinEngine(const std::string& dictionary = findDictionary());
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    /// Whether the dictionary loaded; every other call is a harmless no-op when not.
    bool ok() const { return m_search != nullptr; }

    /// Adds a letter a-z (or ' to separate syllables); false when the decoder refuses it.
    bool addLetter(char letter);
    /// Whether letters are waiting to be converted.
    bool composing() const;
    /// What to show above the candidates: characters chosen so far, then the pinyin still to
    /// convert with its syllables separated, e.g. "人民dai'biao".
    std::string composition() const;
    /// The letters typed, e.g. "renmindaibiao".
    std::string letters() const;

    /// Number of candidates for the unconverted rest.
    std::size_t candidateCount() const { return m_count; }
    /// Candidates [first, first + count) (fewer at the end), best first.
    std::vector<std::string> candidates(std::size_t first, std::size_t count) const;

    /// Chooses candidate index. Returns the text to commit when the whole pinyin is converted
    /// (the engine is then empty again); "" while a rest remains to be converted.
    std::string choose(std::size_t index);
    /// Converts as the first candidate of each step would (the space key); with no candidate the
    /// letters themselves. The engine is empty afterwards.
    std::string commitFirst();

    /// Deletes the last letter (undoing the last choice first when it covers that letter).
    void backspace();
    /// Forgets everything typed.
    void reset();

    /// Words likely to follow history (its last characters count), best first, at most max.
    std::vector<std::string> predictions(const std::string& history, std::size_t max = 24);

private:
    void refresh();
    std::string candidate(std::size_t index) const;
    std::size_t fixedLetters() const;

    std::unique_ptr<ime_pinyin::MatrixSearch> m_search;
    std::size_t m_count = 0;
    std::string m_letters;
};

/// UTF-8 ↔ UTF-16 for the library (invalid bytes are skipped; beyond the BMP as surrogates).
std::u16string toUtf16(const std::string& utf8);
std::string toUtf8(const std::u16string& utf16);

}  // namespace kiosk::input
