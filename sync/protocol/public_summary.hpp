#pragma once
// 公示摘要: the short, anonymised account of what a citizen raised that county staff write when
// they publish an answer; the station's results board (办理公示) shows it above the answer. It is
// never the citizen's own words (seed 002 §9 publishes results, not people): one rule for every
// place that accepts one (the staff pages, county-server's CLI).
#include <cstddef>
#include <string>
#include <string_view>

namespace csync {

/// Longest summary, in characters: two lines of a results card.
inline constexpr std::size_t kPublicSummaryChars = 60;
/// A run of this many characters taken over from the citizen's text counts as quoting them.
inline constexpr std::size_t kQuotedRunChars = 10;

/// What is wrong with a summary for the concern whose citizen wrote citizenText, in Chinese with
/// what to do; "" when it may be published. Empty, too long, not text, a phone or ID number (7
/// or more digits in a row, spaces and dashes ignored), or 10 characters in a row of the
/// citizen's own text (spaces and punctuation ignored on both sides).
std::string publicSummaryProblem(std::string_view summary, std::string_view citizenText);

}  // namespace csync
