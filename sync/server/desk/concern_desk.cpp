#include "sync/server/desk/concern_desk.hpp"

#include "sync/model/receipt_code.hpp"
#include "sync/model/utf8.hpp"
#include "sync/protocol/public_summary.hpp"
#include "sync/server/audit_log.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"

namespace csync::server::desk {
namespace {

Outcome refused(Refusal why, std::string detail = "") {
    return {why, std::move(detail), {}};
}

// The limits, the same for every front end.
Outcome checkText(const StatusChange& c, const staff::ConcernRow& row) {
    const auto answer = model::textLength(c.answer), note = model::textLength(c.note),
               summary = model::textLength(c.summary);
    if (!answer || !note || !summary) return refused(Refusal::BadText);
    if (*note > model::kStatusNoteChars)
        return refused(Refusal::NoteTooLong, std::to_string(*note));
    if (*answer > model::kAnswerChars)
        return refused(Refusal::AnswerTooLong, std::to_string(*answer));
    if (c.to != model::Status::Answered) return {};
    if (model::trimSpaces(c.answer).empty()) return refused(Refusal::EmptyAnswer);
    // Anonymised, never the citizen's own words.
    if (const auto problem = publicSummaryProblem(c.summary, row.field("text")); !problem.empty())
        return refused(Refusal::Summary, problem);
    return {};
}

}  // namespace

Outcome changeStatus(SqlSession& sql, const StatusChange& change, const Actor& actor,
                     std::int64_t nowMs) {
    SqlTransaction tx(sql);
    // Cursors must become visible in the order they are handed out, or a station reading in
    // between would skip one for good: PostgreSQL hands out identities before commit, so
    // publishers take turns (readers are not blocked). SQLite writes one at a time anyway.
    serialiseWriters(sql, "concern_update");
    const auto row = staff::loadConcern(sql, change.concernId);
    if (!row) return refused(Refusal::NotFound);
    const std::string to(model::statusId(change.to));
    if (!model::canTransition(row->status, to)) return refused(Refusal::Transition, row->status);
    if (auto bad = checkText(change, *row); !bad.ok()) return bad;

    const bool answering = change.to == model::Status::Answered;
    // Any status may carry an answer (an interim reply when forwarding); "" keeps the one
    // published before.
    const std::string typed = model::trimSpaces(change.answer);
    const std::string answer = typed.empty() ? row->answer : typed;
    const std::string summary = answering ? model::trimSpaces(change.summary) : "";
    sql.exec("UPDATE concern SET status = $1, answer = $2, updated_at = $3 WHERE id = $4",
             {to, answer, nowMs, row->id});
    const auto cursor = sql.query(
        "INSERT INTO concern_update(station, concern, receipt, status, answer, note, at, summary) "
        "VALUES($1, $2, $3, $4, $5, $6, $7, $8) RETURNING cursor",
        {row->station, row->id, row->receipt, to, answer, change.note, nowMs, summary});

    // The county's handling and the history line, as the staff pages show them.
    std::string kind = "status", detail = staff::labelOf("status", to);
    if (answering) {
        staff::setSummary(sql, row->id, summary, nowMs);
        staff::setWork(sql, row->id, staff::WorkField::AnswerDraft, answer, nowMs);
        staff::setWork(sql, row->id, staff::WorkField::PublishedAt, nowMs, nowMs);
        kind = "publish";
        detail = "已送达联络站";
    } else if (change.to == model::Status::Closed) {
        staff::setWork(sql, row->id, staff::WorkField::ClosedAt, nowMs, nowMs);
        kind = "close";
        detail = change.note;
    }
    staff::addConcernEvent(sql, row->id, actor.user, kind, detail, nowMs);
    writeAudit(sql, nowMs, actor.user, "concern." + kind, row->receipt, detail, actor.remote);
    tx.commit();
    return {
        Refusal::None,
        "",
        {cursor.at(0).integer(0), row->id, row->receipt, to, answer, change.note, nowMs, summary}};
}

}  // namespace csync::server::desk
