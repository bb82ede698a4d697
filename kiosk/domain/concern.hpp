#pragma once
// Citizens' concerns: categories with the guidance of seed 002 §8, dispositions, status history,
// satisfaction (seed 001 §4) and the input rules every entry path applies.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/local_time.hpp"

namespace kiosk::domain {

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

/// How deputies deal with a category (seed 002 §8).
enum class Route {
    HearAndAnswer,  // heard and answered; what cannot be answered becomes a suggestion etc.
    Refer,          // the citizen is told which organ handles it; the concern is still recorded
};
enum class ReferTo { None, PartyOrganisation, Judiciary, CompetentOrgan };

struct Guidance {
    Route route = Route::HearAndAnswer;
    ReferTo referTo = ReferTo::None;
    std::string textKey;  // string-table key of the guidance shown to the citizen
    std::string nameKey;  // string-table key of the category's name
};

/// The guidance a category gets.
Guidance guidanceFor(Category c);

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

enum class Status { Received, Forwarded, InProgress, Answered, Closed };
std::string_view statusId(Status s);
std::optional<Status> parseStatus(std::string_view id);

/// Whether a concern may move from one status to another: forward only, except that an
/// answered concern may be reopened (InProgress) when the citizen was not satisfied.
bool canTransition(Status from, Status to);

/// Whether recording this disposition answers the concern: 当场解答 (seed 002 §8: heard and
/// answered on the spot) moves it to Answered, so the citizen can rate it and the county counts it.
bool dispositionAnswers(Disposition d);

enum class Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied };
std::string_view satisfactionId(Satisfaction s);
std::optional<Satisfaction> parseSatisfaction(std::string_view id);

/// Whether a citizen may rate now: only once, and only after an answer.
bool canRate(Status status, const std::optional<Satisfaction>& existing);

enum class TakenBy { Self, Liaison, Deputy };
std::string_view takenById(TakenBy t);
std::optional<TakenBy> parseTakenBy(std::string_view id);

struct StatusChange {
    Status status = Status::Received;
    EpochMs at = 0;
    std::string note;
};

struct Concern {
    std::string id;       // uuid, the sync record id
    std::string receipt;  // receipt code given to the citizen
    EpochMs createdAt = 0;
    Category category = Category::Other;
    std::string text;
    std::string place;
    std::string deputyId;  // addressed deputy; empty = whoever is on duty
    TakenBy takenBy = TakenBy::Self;
    Disposition disposition = Disposition::Pending;
    std::string dispositionNote;  // e.g. the organ it was referred to
    Status status = Status::Received;
    std::vector<StatusChange> history;
    std::optional<Satisfaction> satisfaction;
    std::string answer;       // published answer from the county, if any
    bool hasContact = false;  // sealed contact data is held (never readable at the kiosk)
    std::string officer;      // the liaison officer who took it for the citizen, by name
};

/// What a citizen (or a liaison officer on their behalf) enters.
struct ConcernInput {
    Category category = Category::Other;
    std::string text;
    std::string place;
    std::string deputyId;
    TakenBy takenBy = TakenBy::Self;
    std::string contactName;
    std::string contactPhone;
    bool consent = false;
    std::string officer;  // the liaison officer logged in by name who records it ("" if none)
};

inline constexpr std::size_t kMaxConcernChars = 2000;
inline constexpr std::size_t kMaxPlaceChars = 100;
inline constexpr std::size_t kMaxNameChars = 30;

enum class InputError {
    TextEmpty,
    TextTooLong,
    InvalidUtf8,
    PlaceTooLong,
    NameTooLong,
    PhoneInvalid,
    ContactWithoutConsent,
    ReasonMissing,        // staff signed a deputy by hand, or corrected, without saying why
    ReasonTooLong,        // longer than csync::kCheckinReasonChars
    CheckinCorrected,     // that check-in was corrected already
    CheckinIsCorrection,  // a correcting record cannot be corrected in turn
    AnswerMissing,        // 当场解答 without writing down what was answered
};

/// String-table key of the message for an input error ("error.text_empty", ...).
std::string_view inputErrorKey(InputError e);

/// Checks a concern as entered; the first problem found, or nullopt when it may be stored.
/// Text is judged after trimming spaces; contact fields are optional but need consent.
std::optional<InputError> validateConcern(const ConcernInput& input);

/// A phone number as digits only if it is a mainland mobile (1[3-9] + 9 digits) or a landline
/// with area code (0 + 9..11 digits); spaces and dashes are ignored. nullopt otherwise.
std::optional<std::string> normalizePhone(std::string_view phone);

/// An answered concern as the results board may show it: category, dates, the county's summary
/// of what was raised and its published answer. Never the citizen's own words, name, phone or
/// receipt code.
struct PublishedResult {
    Category category = Category::Other;
    EpochMs askedAt = 0;
    EpochMs answeredAt = 0;
    std::string summary;  // 公示摘要 written by county staff ("" for answers published before)
    std::string answer;
    std::optional<Satisfaction> satisfaction;
};

/// Which concerns the liaison officer's list shows: by stage of handling and by age.
enum class ConcernStage { Open, Answered, Closed, All };  // Open: received/forwarded/in progress
struct ConcernQuery {
    ConcernStage stage = ConcernStage::Open;
    EpochMs since = 0;  // created at or after (0: any time)
};

/// What the results board counts for a period (this year): concerns received, answered (or
/// closed), closed, and of the rated ones how many were satisfied or basically satisfied.
struct ConcernTotals {
    std::int64_t received = 0;
    std::int64_t answered = 0;
    std::int64_t closed = 0;
    std::int64_t rated = 0;
    std::int64_t satisfied = 0;
    /// 满意率 in whole percent, or -1 while nothing is rated.
    int satisfactionPercent() const {
        return rated == 0 ? -1 : static_cast<int>((satisfied * 100 + rated / 2) / rated);
    }
};

}  // namespace kiosk::domain
