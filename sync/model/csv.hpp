#pragma once
// CSV as staff open it in Excel or WPS, one writer for the station's ledger and the county's
// exports: RFC 4180 quoting, a byte-order mark so Chinese text opens right, CRLF line ends, and
// citizens' text kept from running as a spreadsheet formula.
#include <string>
#include <string_view>
#include <vector>

namespace csync::model {

/// The UTF-8 byte-order mark a CSV file starts with.
inline constexpr std::string_view kCsvByteOrderMark = "\xEF\xBB\xBF";

/// One field: a leading = + - @ tab or CR gets a ' in front (spreadsheets run such cells as
/// formulas) unless neutralise is false (plain numbers); quoted when it holds a comma, quote or
/// line break.
std::string csvField(std::string_view text, bool neutralise = true);

/// One line of fields, each through csvField, ended by CRLF.
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace csync::model
