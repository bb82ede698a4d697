#pragma once
// Names for the ids records carry (categories, statuses, levels…), from the same zh-CN string
// table the kiosk uses (assets/strings/zh-CN.json), so station and county say the same words.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csync::server::staff {

/// The text for key (e.g. "status.answered"), or the key itself when the table lacks it.
std::string label(std::string_view key);
/// label(group + "." + id), or id when unknown (e.g. labelOf("category", "rural")).
std::string labelOf(std::string_view group, std::string_view id);
/// Every id of a group in table order with its label, for selects: ("category", ".name") gives
/// {"economy", "经济发展"}, …; suffix is the part after the id in the key.
std::vector<std::pair<std::string, std::string>> labelsOf(std::string_view group,
                                                          std::string_view suffix = "");

}  // namespace csync::server::staff
