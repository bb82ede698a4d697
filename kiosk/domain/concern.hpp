#pragma once
// Citizens' concerns: categories with the guidance of seed 002 §8, dispositions, status history,
// satisfaction (seed 001 §4) and the input rules every entry path applies.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/local_time.hpp"
#include "sync/model/concern_vocabulary.hpp"

namespace kiosk::domain {

// The concern's vocabulary and its rules live in sync/model, shared with the county server.
using csync::model::allCategories;
using csync::model::canRate;
using csync::model::canTransition;
using csync::model::Category;
using csync::model::categoryId;
using csync::model::Disposition;
using csync::model::dispositionAnswers;
using csync::model::dispositionId;
using csync::model::parseCategory;
using csync::model::parseDisposition;
using csync::model::parseSatisfaction;
using csync::model::parseStatus;
using csync::model::parseTakenBy;
using csync::model::Satisfaction;
using csync::model::satisfactionId;
using csync::model::Status;
using csync::model::statusId;
using csync::model::TakenBy;
using csync::model::takenById;

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
