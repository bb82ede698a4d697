#include "kiosk/input/pinyin_engine.hpp"

#include <matrixsearch.h>

#include <algorithm>
#include <filesystem>

#include "sync/model/utf8.hpp"

namespace kiosk::input {
namespace {

using ime_pinyin::char16;

// A path the library may "create" its user dictionary at without anything reaching a disk: it
// writes an empty header there, cannot read it back and so runs without a user dictionary.
constexpr const char* kNoUserDictionary = "/dev/null";
constexpr std::size_t kMaxSentence = 64;         // longer than any pinyin the decoder accepts
constexpr std::size_t kPredictBufferSize = 500;  // what the library's own wrapper uses

std::u16string candidateText(const ime_pinyin::MatrixSearch& s, std::size_t index) {
    char16 buf[kMaxSentence + 1] = {};
    auto& search = const_cast<ime_pinyin::MatrixSearch&>(s);  // the library lacks const
    if (!search.get_candidate(index, buf, kMaxSentence)) return {};
    return std::u16string(reinterpret_cast<const char16_t*>(buf));
}

}  // namespace

std::u16string toUtf16(const std::string& utf8) {
    std::u16string out;
    csync::model::forEachCodePoint(utf8, [&](char32_t cp, std::size_t, std::size_t) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    });
    return out;
}

std::string toUtf8(const std::u16string& utf16) {
    std::string out;
    for (std::size_t i = 0; i < utf16.size(); ++i) {
        char32_t cp = utf16[i];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 &&
            utf16[i + 1] < 0xE000)
            cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[++i] - 0xDC00);
        csync::model::appendUtf8(out, cp);
    }
    return out;
}

std::string PinyinEngine::findDictionary() {
    for (const char* p : {
#ifdef GOOGLEPINYIN_DICT
             GOOGLEPINYIN_DICT,
#endif
             "/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
             "/usr/lib/aarch64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
             "/usr/lib/googlepinyin/data/dict_pinyin.dat"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    return "";
}

PinyinEngine::PinyinEngine(const std::string& dictionary) {
    if (dictionary.empty()) return;
    auto s = std::make_unique<ime_pinyin::MatrixSearch>();
    if (s->init(dictionary.c_str(), kNoUserDictionary)) m_search = std::move(s);
}

PinyinEngine::~PinyinEngine() {
    if (m_search) m_search->close();
}

bool PinyinEngine::addLetter(char letter) {
    if (!m_search || !((letter >= 'a' && letter <= 'z') || letter == '\'')) return false;
    std::string typed = letters();
    if (typed.empty() && letter == '\'') return false;
    typed += letter;
    // Incremental: the decoder continues from the prefix it already holds.
    m_search->search(typed.c_str(), typed.size());
    refresh();
    return letters().size() == typed.size();
}

bool PinyinEngine::composing() const {
    return !letters().empty();
}

std::string PinyinEngine::letters() const {
    return m_letters;
}

std::size_t PinyinEngine::fixedLetters() const {
    const ime_pinyin::uint16* starts = nullptr;
    const std::size_t n = m_search->get_spl_start(starts);
    const std::size_t fixed = m_search->get_fixedlen();
    return starts && fixed > 0 && fixed <= n ? starts[fixed] : 0;
}

std::string PinyinEngine::composition() const {
    if (!m_search || !composing()) return "";
    const std::string typed = letters();
    std::size_t decoded = 0;
    m_search->get_pystr(&decoded);
    decoded = std::min(decoded, typed.size());
    const std::size_t fixed = m_search->get_fixedlen();
    std::string out = toUtf8(candidateText(*m_search, 0).substr(0, fixed));
    const ime_pinyin::uint16* starts = nullptr;
    const std::size_t n = m_search->get_spl_start(starts);
    std::string rest;
    for (std::size_t i = fixed; starts && i < n; ++i) {
        if (!rest.empty() && rest.back() != '\'') rest += '\'';
        rest += typed.substr(starts[i], starts[i + 1] - starts[i]);
    }
    if (decoded < typed.size()) rest += typed.substr(decoded);  // letters it cannot place yet
    return out + rest;
}

std::string PinyinEngine::candidate(std::size_t index) const {
    std::u16string c = candidateText(*m_search, index);
    // Candidate 0 is the whole sentence, chosen characters included: show only the new part.
    if (index == 0) c = c.substr(std::min(c.size(), m_search->get_fixedlen()));
    return toUtf8(c);
}

std::vector<std::string> PinyinEngine::candidates(std::size_t first, std::size_t count) const {
    std::vector<std::string> out;
    if (!m_search) return out;
    for (std::size_t i = first; i < m_count && i < first + count; ++i) out.push_back(candidate(i));
    return out;
}

std::string PinyinEngine::choose(std::size_t index) {
    if (!m_search || index >= m_count) return "";
    m_search->choose(index);
    refresh();
    const ime_pinyin::uint16* starts = nullptr;
    const std::size_t n = m_search->get_spl_start(starts);
    if (m_search->get_fixedlen() < n) return "";
    std::size_t decoded = 0;
    m_search->get_pystr(&decoded);
    const std::string typed = letters();
    std::string done =
        toUtf8(candidateText(*m_search, 0)) + typed.substr(std::min(decoded, typed.size()));
    reset();
    return done;
}

std::string PinyinEngine::commitFirst() {
    if (!m_search || !composing()) return "";
    for (int guard = 0; guard < 64 && m_count > 0; ++guard)
        if (std::string done = choose(0); !done.empty()) return done;
    std::string raw = composition();  // nothing to choose: the letters as typed
    reset();
    return raw;
}

void PinyinEngine::backspace() {
    if (!m_search || !composing()) return;
    const std::size_t last = letters().size() - 1;
    while (m_search->get_fixedlen() > 0 && fixedLetters() > last) m_search->cancel_last_choice();
    refresh();
    if (last == 0) {
        reset();
        return;
    }
    m_search->delsearch(last, false, false);
    refresh();
    // Nothing left to convert after the choices: reopen the last one so there is something
    // to choose from.
    if (m_search->get_fixedlen() > 0 && fixedLetters() >= letters().size())
        m_search->cancel_last_choice();
    refresh();
}

void PinyinEngine::reset() {
    if (!m_search) return;
    m_search->reset_search();
    m_count = 0;
    m_letters.clear();
}

std::vector<std::string> PinyinEngine::predictions(const std::string& history, std::size_t max) {
    std::vector<std::string> out;
    if (!m_search) return out;
    // Only the trailing Chinese characters predict: after punctuation a new thought starts.
    const std::u16string h = toUtf16(history);
    std::size_t begin = h.size();
    while (begin > 0 && h.size() - begin < ime_pinyin::kMaxPredictSize && h[begin - 1] >= 0x4E00 &&
           h[begin - 1] <= 0x9FFF)
        --begin;
    if (begin == h.size()) return out;
    std::u16string tail = h.substr(begin);
    std::vector<char16> his(tail.begin(), tail.end());
    his.push_back(0);
    std::vector<char16> buf(kPredictBufferSize * (ime_pinyin::kMaxPredictSize + 1), 0);
    auto* rows = reinterpret_cast<char16(*)[ime_pinyin::kMaxPredictSize + 1]>(buf.data());
    const std::size_t n = m_search->get_predicts(his.data(), rows, kPredictBufferSize);
    for (std::size_t i = 0; i < n && out.size() < max; ++i) {
        std::u16string w;
        for (std::size_t k = 0; k < ime_pinyin::kMaxPredictSize && rows[i][k]; ++k)
            w += static_cast<char16_t>(rows[i][k]);
        if (!w.empty() && std::find(out.begin(), out.end(), toUtf8(w)) == out.end())
            out.push_back(toUtf8(w));
    }
    return out;
}

void PinyinEngine::refresh() {
    // What search() returns after an incremental step is not the full count: ask.
    m_count = m_search->get_candidate_num();
    // The decoder's spelling buffer is only valid while a search is active (reset leaves the old
    // letters in it), so the engine keeps its own copy.
    std::size_t decoded = 0;
    const char* s = m_search->get_pystr(&decoded);
    m_letters = s ? s : "";
}

}  // namespace kiosk::input
