#include "sync/protocol/public_summary.hpp"

#include <algorithm>

#include "sync/model/utf8.hpp"

namespace csync {
namespace {

bool isDigit(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');  // and full-width ones
}

// Letters, digits and CJK characters: what a quotation is made of. Spaces, punctuation (ASCII
// and the CJK and full-width blocks) do not count, so re-punctuating a sentence still quotes it.
bool counts(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || ((c | 0x20) >= U'a' && (c | 0x20) <= U'z');
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK symbols and punctuation
    if (c >= 0xFF00 && c <= 0xFF0F) return false;  // full-width ASCII punctuation
    if (c >= 0xFF1A && c <= 0xFF20) return false;
    if (c >= 0xFF3B && c <= 0xFF40) return false;
    if (c >= 0xFF5B && c <= 0xFF65) return false;
    if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation (“ ” … —)
    return true;
}

bool hasLongNumber(const std::u32string& s) {
    std::size_t run = 0;
    for (const char32_t c : s) {
        if (isDigit(c)) {
            if (++run >= 7) return true;
        } else if (c != U' ' && c != U'-' && c != U'－' && c != U'　') {
            run = 0;
        }
    }
    return false;
}

bool quotes(std::u32string summary, std::u32string citizen) {
    const auto drop = [](std::u32string& v) {
        v.erase(std::remove_if(v.begin(), v.end(), [](char32_t c) { return !counts(c); }), v.end());
    };
    drop(summary);
    drop(citizen);
    if (summary.size() < kQuotedRunChars) return false;
    for (std::size_t i = 0; i + kQuotedRunChars <= summary.size(); ++i)
        if (std::search(citizen.begin(), citizen.end(), summary.begin() + i,
                        summary.begin() + i + kQuotedRunChars) != citizen.end())
            return true;
    return false;
}

}  // namespace

std::string publicSummaryProblem(std::string_view summary, std::string_view citizenText) {
    const auto decoded = model::typedCodePoints(summary);
    if (!decoded) return "公示摘要中含有无法识别的字符，请重新输入。";
    const std::u32string& s = *decoded;
    const std::size_t length = s.size();
    if (std::none_of(s.begin(), s.end(), counts))
        return "请填写公示摘要：用一句话概括群众反映的问题（不写姓名、电话、住址），"
               "它会和答复一起在联络站“办理公示”中公开。";
    if (length > kPublicSummaryChars)
        return "公示摘要太长：现有 " + std::to_string(length) + " 字，最多 " +
               std::to_string(kPublicSummaryChars) + " 字。请概括得更短些。";
    if (hasLongNumber(s)) return "公示摘要中不能有电话号码、身份证号等号码，请删去后再发布。";
    if (const auto citizen = model::typedCodePoints(citizenText); citizen && quotes(s, *citizen))
        return "公示摘要照抄了群众的原话。请用自己的话概括反映的问题，不要引用原文，"
               "以免透露反映人的身份。";
    return "";
}

}  // namespace csync
