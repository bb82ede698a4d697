#include "sync/protocol/announcement.hpp"

#include <algorithm>

#include "sync/model/utf8.hpp"

namespace csync {

std::string announcementProblem(const Announcement& a) {
    const auto title = model::textLength(a.title), text = model::textLength(a.text);
    if (!title || !text) return "标题或正文含有无法识别的字符，请删去后重新输入。";
    if (*title == 0) return "请填写公告标题。";
    if (*title > kAnnouncementTitleChars)
        return "标题太长：现有 " + std::to_string(*title) + " 字，最多 " +
               std::to_string(kAnnouncementTitleChars) + " 字。";
    if (a.title.find('\n') != std::string::npos) return "标题只能写一行。";
    if (*text > kAnnouncementTextChars)
        return "正文太长：现有 " + std::to_string(*text) + " 字，最多 " +
               std::to_string(kAnnouncementTextChars) + " 字。";
    if (a.untilMs <= a.fromMs) return "结束日期应在开始日期之后。";
    return "";
}

AnnouncementState announcementState(const Announcement& a, std::int64_t nowMs) {
    if (nowMs < a.fromMs) return AnnouncementState::Upcoming;
    return nowMs < a.untilMs ? AnnouncementState::Showing : AnnouncementState::Ended;
}

nlohmann::json toJson(const Announcement& a) {
    return {{"id", a.id},
            {"title", a.title},
            {"text", a.text},
            {"from", a.fromMs},
            {"until", a.untilMs}};
}

std::optional<Announcement> announcementFromJson(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    for (const char* key : {"id", "title", "text"})
        if (!j.contains(key) || !j.at(key).is_string()) return std::nullopt;
    for (const char* key : {"from", "until"})
        if (!j.contains(key) || !j.at(key).is_number_integer()) return std::nullopt;
    Announcement a{j.at("id").get<std::string>(), j.at("title").get<std::string>(),
                   j.at("text").get<std::string>(), j.at("from").get<std::int64_t>(),
                   j.at("until").get<std::int64_t>()};
    if (a.id.empty() || !announcementProblem(a).empty()) return std::nullopt;
    return a;
}

std::vector<Announcement> announcementsFromJson(const nlohmann::json& list) {
    std::vector<Announcement> out;
    if (!list.is_array()) return out;
    for (const auto& j : list)
        if (auto a = announcementFromJson(j)) out.push_back(std::move(*a));
    return out;
}

std::vector<Announcement> showingAt(std::vector<Announcement> all, std::int64_t nowMs) {
    std::erase_if(all, [&](const Announcement& a) {
        return announcementState(a, nowMs) != AnnouncementState::Showing;
    });
    std::stable_sort(all.begin(), all.end(), [](const Announcement& a, const Announcement& b) {
        return a.fromMs > b.fromMs;
    });
    return all;
}

}  // namespace csync
