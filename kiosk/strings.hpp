#pragma once
// The UI string table (assets/strings/zh-CN.json, embedded). Every word the kiosk and stationctl
// show a person comes from here.
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

/// Text for key in the zh-CN table; the key itself when missing (tests catch missing keys).
const std::string& tr(std::string_view key);

/// Whether the table has key.
bool hasString(std::string_view key);

/// Every key in the table.
std::vector<std::string> stringKeys();

}  // namespace kiosk
