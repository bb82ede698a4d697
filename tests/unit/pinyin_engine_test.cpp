// The pinyin engine on the real system dictionary of libgooglepinyin0: conversions, choosing in
// steps, prediction, delete and reset, and that it learns nothing and writes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "kiosk/input/pinyin_engine.hpp"
#include "temp_dir.hpp"

namespace {

using kiosk::input::PinyinEngine;

void type(PinyinEngine& e, const std::string& letters) {
    for (char c : letters) EXPECT_TRUE(e.addLetter(c)) << c;
}

bool inFirst(const std::vector<std::string>& cands, const std::string& word, std::size_t n) {
    return std::find(cands.begin(), cands.begin() + std::min(n, cands.size()), word) !=
           cands.begin() + std::min(n, cands.size());
}

class Pinyin : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_engine.ok()) << PinyinEngine::findDictionary(); }
    PinyinEngine m_engine;
};

TEST_F(Pinyin, FindsTheSystemDictionary) {
    EXPECT_FALSE(PinyinEngine::findDictionary().empty());
}

TEST_F(Pinyin, CommonWordsAreAmongTheFirstCandidates) {
    for (const auto& [letters, word] :
         std::vector<std::pair<std::string, std::string>>{{"renmin", "人民"},
                                                          {"daibiao", "代表"},
                                                          {"xiangcun", "乡村"},
                                                          {"ludeng", "路灯"},
                                                          {"shuili", "水利"}}) {
        m_engine.reset();
        type(m_engine, letters);
        EXPECT_TRUE(m_engine.composing());
        EXPECT_EQ(m_engine.letters(), letters);
        const auto c = m_engine.candidates(0, 6);
        EXPECT_TRUE(inFirst(c, word, 6)) << letters << " → " << (c.empty() ? "" : c[0]);
    }
}

TEST_F(Pinyin, ChoosingAWholeWordCommitsIt) {
    type(m_engine, "renmin");
    EXPECT_EQ(m_engine.composition(), "ren'min");
    const auto c = m_engine.candidates(0, 10);
    const auto at = std::find(c.begin(), c.end(), "人民") - c.begin();
    EXPECT_EQ(m_engine.choose(static_cast<std::size_t>(at)), "人民");
    EXPECT_FALSE(m_engine.composing());
    EXPECT_EQ(m_engine.candidateCount(), 0u);
}

TEST_F(Pinyin, ChoosingPartKeepsTheRestToConvert) {
    type(m_engine, "renmindaibiao");
    const auto c = m_engine.candidates(0, 10);
    const auto at = std::find(c.begin(), c.end(), "人民") - c.begin();
    ASSERT_LT(static_cast<std::size_t>(at), c.size());
    EXPECT_EQ(m_engine.choose(static_cast<std::size_t>(at)), "");  // dai'biao still to convert
    EXPECT_TRUE(m_engine.composing());
    EXPECT_EQ(m_engine.composition(), "人民dai'biao");
    const auto rest = m_engine.candidates(0, 6);
    ASSERT_FALSE(rest.empty());
    EXPECT_EQ(rest[0], "代表");  // the sentence candidate without the chosen part
    EXPECT_EQ(m_engine.choose(0), "人民代表");
    EXPECT_FALSE(m_engine.composing());
}

TEST_F(Pinyin, SpaceTakesTheFirstCandidateAndUnknownLettersStayAsTyped) {
    type(m_engine, "xiangcun");
    EXPECT_EQ(m_engine.commitFirst(), "乡村");
    EXPECT_FALSE(m_engine.composing());
    m_engine.addLetter('i');  // no syllable starts with i
    m_engine.addLetter('v');
    EXPECT_EQ(m_engine.candidateCount(), 0u);
    EXPECT_EQ(m_engine.commitFirst(), "iv");
}

TEST_F(Pinyin, PredictsTheNextWordAfterACommit) {
    const auto p = m_engine.predictions("我们是人民");
    ASSERT_FALSE(p.empty());
    EXPECT_TRUE(std::find(p.begin(), p.end(), "群众") != p.end() ||
                std::find(p.begin(), p.end(), "政府") != p.end());
    EXPECT_TRUE(m_engine.predictions("人民。").empty());  // a new sentence starts afresh
    EXPECT_TRUE(m_engine.predictions("").empty());
}

TEST_F(Pinyin, DeleteRemovesLettersAndUndoesChoices) {
    type(m_engine, "daibiaox");
    m_engine.backspace();
    EXPECT_EQ(m_engine.letters(), "daibiao");
    EXPECT_TRUE(inFirst(m_engine.candidates(0, 6), "代表", 6));
    // Choose 代 of dai'biao, then delete into it: the choice is undone, not left dangling.
    m_engine.reset();
    type(m_engine, "daibiao");
    const auto c = m_engine.candidates(0, 20);
    const auto dai = std::find(c.begin(), c.end(), "代") - c.begin();
    ASSERT_LT(static_cast<std::size_t>(dai), c.size());
    EXPECT_EQ(m_engine.choose(static_cast<std::size_t>(dai)), "");
    EXPECT_EQ(m_engine.composition(), "代biao");
    for (int i = 0; i < 4; ++i) m_engine.backspace();  // b i a o
    EXPECT_EQ(m_engine.letters(), "dai");
    EXPECT_EQ(m_engine.composition(), "dai");
    EXPECT_GT(m_engine.candidateCount(), 0u);
    for (int i = 0; i < 3; ++i) m_engine.backspace();
    EXPECT_FALSE(m_engine.composing());
    m_engine.backspace();  // nothing left: harmless
    EXPECT_EQ(m_engine.candidateCount(), 0u);
}

TEST_F(Pinyin, ResetForgetsTheComposition) {
    type(m_engine, "xiangcun");
    m_engine.reset();
    EXPECT_FALSE(m_engine.composing());
    EXPECT_EQ(m_engine.composition(), "");
    EXPECT_TRUE(m_engine.candidates(0, 6).empty());
    EXPECT_EQ(m_engine.choose(0), "");
}

TEST_F(Pinyin, LearnsNothingFromWhatWasChosen) {
    type(m_engine, "shi");
    const auto before = m_engine.candidates(0, 12);
    ASSERT_EQ(before.size(), 12u);
    for (int i = 0; i < 5; ++i) {  // a citizen picks a rare character again and again
        m_engine.reset();
        type(m_engine, "shi");
        EXPECT_EQ(m_engine.choose(11), before[11]);
    }
    type(m_engine, "shi");
    EXPECT_EQ(m_engine.candidates(0, 12), before);
    // A fresh engine (the next visitor) sees the same order as well.
    PinyinEngine next;
    type(next, "shi");
    EXPECT_EQ(next.candidates(0, 12), before);
}

TEST(PinyinPrivacy, WritesNoFileAnywhere) {
    testsupport::TempDir dir;
    const auto oldCwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    const char* oldHome = std::getenv("HOME");
    const std::string savedHome = oldHome ? oldHome : "";
    setenv("HOME", dir.path().c_str(), 1);
    {
        PinyinEngine e;
        ASSERT_TRUE(e.ok());
        for (const char* word : {"renmin", "daibiao", "xiangcun", "wangxiuying"}) {
            type(e, word);
            e.commitFirst();
        }
        e.predictions("人民");
    }  // closing is when a user dictionary would be flushed
    setenv("HOME", savedHome.c_str(), 1);
    std::filesystem::current_path(oldCwd);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(PinyinMissing, ADictionaryThatIsNotThereGivesAnEngineThatDoesNothing) {
    PinyinEngine e("/nonexistent/dict_pinyin.dat");
    EXPECT_FALSE(e.ok());
    EXPECT_FALSE(e.addLetter('a'));
    EXPECT_FALSE(e.composing());
    EXPECT_EQ(e.commitFirst(), "");
    EXPECT_TRUE(e.predictions("人民").empty());
    e.backspace();
    e.reset();
}

TEST(PinyinUtf, RoundTripsChineseAndCharactersBeyondTheBmp) {
    const std::string s = "人民，陈𬌗 abc";
    EXPECT_EQ(kiosk::input::toUtf8(kiosk::input::toUtf16(s)), s);
    EXPECT_EQ(kiosk::input::toUtf16("人").size(), 1u);
    EXPECT_EQ(kiosk::input::toUtf16("𬌗").size(), 2u);
}

}  // namespace
