#pragma once
// The county's concern desk: a status change of a concern and its publication to the station,
// one behaviour whatever the front end (staff pages, county-server's command line). One
// transaction holds the checks, the concern, the station's feed, the history and the audit
// line, so a failure leaves nothing half done.
#include <cstdint>
#include <string>

#include "sync/model/concern_vocabulary.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/desk/actor.hpp"
#include "sync/server/sql.hpp"

namespace csync::server::desk {

/// What is asked.
struct StatusChange {
    std::string concernId;
    model::Status to = model::Status::Answered;
    std::string answer;   // the answer to publish (answered: required; else "" keeps the last)
    std::string summary;  // answered: the 公示摘要 (the shared public-summary rule)
    std::string note;     // shown with the status at the station
};

/// Why a change was refused; each front end words it for its user.
enum class Refusal {
    None,
    NotFound,       // no concern with this id
    Transition,     // the status cannot go that way (detail: the current status id)
    EmptyAnswer,    // publishing without an answer
    AnswerTooLong,  // detail: the length in characters
    NoteTooLong,    // detail: the length in characters
    BadText,        // not UTF-8 text
    Summary,        // detail: what is wrong with the 公示摘要
};

struct Outcome {
    Refusal refusal = Refusal::None;
    std::string detail;
    ConcernUpdate update;  // what the station will receive, when done
    bool ok() const { return refusal == Refusal::None; }
};

/// Changes the status and publishes it to the concern's station (answered also publishes the
/// answer and its 公示摘要; closed records when). Checks the transition and the limits first.
Outcome changeStatus(SqlSession& sql, const StatusChange& change, const Actor& actor,
                     std::int64_t nowMs);

}  // namespace csync::server::desk
