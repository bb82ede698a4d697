#pragma once
// The words of a citizen's concern that the station and the county both use, with their stable
// ids (storage, the wire, exports, the string table's keys) and the rules over them: categories
// (seed 002 §8), dispositions, statuses and which status may follow which, satisfaction (seed
// 001 §4), who took it. One home: the kiosk's domain and the county server use these, never a
// copy (the layering test refuses one).
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace csync::model {

enum class Category {
    Economy,            // 经济发展
    Livelihood,         // 民生保障: jobs, health, schooling, social security
    Rural,              // 乡村振兴与农业
    Infrastructure,     // 道路交通与基础设施
    Environment,        // 生态环境
    PublicService,      // 政务服务与社会治理
    LivelihoodProject,  // 民生实事项目建议 (seed 000 §13-14: proposals for deputy voting)
    PartyOrganisation,  // 党组织的工作 → refer to the party organisation
    CourtCase,          // 正在审理的司法案件 → refer to the court / procuratorate
    StatutoryMatter,    // 其他依法定程序办理的事项 → refer to the competent organ
    Other,              // 其他意见建议
};

/// Stable id of a category ("economy", ...), used in storage, on the wire and in stationctl.
std::string_view categoryId(Category c);
/// Parses a category id; nullopt if unknown.
std::optional<Category> parseCategory(std::string_view id);
/// Every category in the order the kiosk offers them.
const std::vector<Category>& allCategories();

/// What was done with a concern (seed 002 §8).
enum class Disposition {
    Pending,           // not yet decided
    AnsweredOnSite,    // 当场解答
    Referred,          // 告知向有关组织/机关反映 (note names the organ)
    DeputySuggestion,  // 整理为代表建议、批评和意见
    Inspection,        // 视察 / 执法检查
    Study,             // 专题调研
};
std::string_view dispositionId(Disposition d);
std::optional<Disposition> parseDisposition(std::string_view id);

/// Whether recording this disposition answers the concern: 当场解答 (seed 002 §8: heard and
/// answered on the spot) moves it to Answered, so the citizen can rate it and the county counts it.
bool dispositionAnswers(Disposition d);

enum class Status { Received, Forwarded, InProgress, Answered, Closed };
std::string_view statusId(Status s);
std::optional<Status> parseStatus(std::string_view id);

/// Whether a concern may move from one status to another: forward only, except that an
/// answered concern may be reopened (InProgress) when the citizen was not satisfied.
bool canTransition(Status from, Status to);
/// The same for status ids; false when either is not a status.
bool canTransition(std::string_view fromId, std::string_view toId);
/// The statuses from which a concern may move to `to`, in order.
std::vector<Status> statusesBefore(Status to);

/// Longest answer county staff publish, and longest note on a status change, in characters.
inline constexpr std::size_t kAnswerChars = 2000;
inline constexpr std::size_t kStatusNoteChars = 200;

enum class Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied };
std::string_view satisfactionId(Satisfaction s);
std::optional<Satisfaction> parseSatisfaction(std::string_view id);

/// Whether a citizen may rate now: only once, and only after an answer.
bool canRate(Status status, const std::optional<Satisfaction>& existing);

enum class TakenBy { Self, Liaison, Deputy };
std::string_view takenById(TakenBy t);
std::optional<TakenBy> parseTakenBy(std::string_view id);

}  // namespace csync::model
