// What county staff do with a concern: assign it to an organ, set a disposition, draft and
// publish the answer, change the status, close it. Status changes and answers go through the
// concern desk (sync/server/desk), which publishes them to the station's updates feed with the
// history line and the audit line in one transaction; the kiosk's progress page and results
// board show them. Every other action is a line in the history and the audit log too.
#include "sync/model/concern_vocabulary.hpp"
#include "sync/model/utf8.hpp"
#include "sync/protocol/public_summary.hpp"
#include "sync/server/desk/concern_desk.hpp"
#include "sync/server/staff/concern_detail.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"

namespace csync::server::staff {
namespace {

constexpr std::size_t kMaxAnswerChars = model::kAnswerChars;
constexpr std::size_t kMaxOrganChars = 100;

using csync::model::textLength;

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string detailPath(const ConcernRow& c) {
    return "/concerns/" + html::urlEncode(c.id);
}

// Loads the concern of the route, or answers 404 and returns nullopt.
std::optional<ConcernRow> concernOf(Context& ctx) {
    std::optional<ConcernRow> c;
    {
        auto sql = ctx.backend.sql();
        c = loadConcern(*sql, ctx.req.matches.at(1));
    }
    if (!c) ctx.fail(404, "没有找到这条群众意见。");
    return c;
}

void refuse(Context& ctx, const ConcernRow& c, std::string error, DetailExtras extras = {}) {
    extras.status = 400;
    extras.error = std::move(error);
    showConcern(ctx, c.id, extras);
}

// Writes the county's handling and its history line together.
void record(Context& ctx, const ConcernRow& c,
            std::initializer_list<std::pair<WorkField, SqlValue>> work, const std::string& kind,
            const std::string& detail) {
    {
        auto sql = ctx.backend.sql();
        SqlTransaction tx(*sql);
        for (const auto& [field, value] : work) setWork(*sql, c.id, field, value, ctx.now());
        addConcernEvent(*sql, c.id, ctx.user->name, kind, detail, ctx.now());
        tx.commit();
    }
    ctx.audit("concern." + kind, c.receipt, detail);
}

void assign(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    const std::string organ = trim(ctx.req.param("organ"));
    DetailExtras keep;
    keep.organ = ctx.req.param("organ");
    if (organ.empty()) return refuse(ctx, *c, "请填写承办单位（部门）。", keep);
    const auto len = textLength(organ);
    if (!len || *len > kMaxOrganChars)
        return refuse(ctx, *c, "承办单位名称太长或含有无法识别的字符（不超过 100 字）。", keep);
    record(ctx, *c, {{WorkField::Organ, organ}}, "assign", organ);
    ctx.redirect(detailPath(*c), "已交办：" + organ);
}

void disposition(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    const std::string id = ctx.req.param("disposition");
    bool known = false;
    for (const auto& [value, name] : labelsOf("disposition")) known = known || value == id;
    if (!known) return refuse(ctx, *c, "请选择处理方式。");
    record(ctx, *c, {{WorkField::Disposition, id}}, "disposition", labelOf("disposition", id));
    ctx.redirect(detailPath(*c), "已保存处理方式：" + labelOf("disposition", id));
}

// What the answer form holds, to send back when something is refused: nothing typed is lost.
DetailExtras keepAnswerForm(Context& ctx, const ConcernRow& c) {
    DetailExtras keep;
    keep.draft = ctx.req.param("answer", c.answerDraft);
    keep.summary = ctx.req.param("summary", c.summary);
    return keep;
}

// The answer draft of a form, checked; sends the page again with the text kept when refused.
std::optional<std::string> draftOf(Context& ctx, const ConcernRow& c) {
    const std::string typed = ctx.req.param("answer");
    const DetailExtras keep = keepAnswerForm(ctx, c);
    const auto len = textLength(typed);
    if (!len) {
        refuse(ctx, c, "答复中含有无法识别的字符，请检查后再保存。", keep);
        return std::nullopt;
    }
    if (*len > kMaxAnswerChars) {
        refuse(ctx, c,
               "答复太长：现有 " + std::to_string(*len) + " 字，最多 2000 字。请删减后再保存。",
               keep);
        return std::nullopt;
    }
    return trim(typed);
}

// The 公示摘要 draft of a form: kept as typed (any valid text within a bound); the shared rule
// applies when it is published (the concern desk). Sends the page again when refused.
std::optional<std::string> summaryDraftOf(Context& ctx, const ConcernRow& c) {
    const std::string summary = trim(ctx.req.param("summary", c.summary));
    if (const auto len = textLength(summary); len && *len <= 4 * kPublicSummaryChars)
        return summary;
    refuse(ctx, c, "公示摘要太长或含有无法识别的字符，请检查后再保存。", keepAnswerForm(ctx, c));
    return std::nullopt;
}

void saveSummary(Context& ctx, const ConcernRow& c, const std::string& summary) {
    auto sql = ctx.backend.sql();
    setSummary(*sql, c.id, summary, ctx.now());
}

void saveAnswer(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    if (c->status == "closed") return refuse(ctx, *c, "这条意见已办结，答复不能再更改。");
    const auto answer = draftOf(ctx, *c);
    if (!answer) return;
    const auto summary = summaryDraftOf(ctx, *c);
    if (!summary) return;
    saveSummary(ctx, *c, *summary);
    record(ctx, *c, {{WorkField::AnswerDraft, *answer}}, "answer",
           std::to_string(textLength(*answer).value_or(0)) + " 字");
    ctx.redirect(detailPath(*c), "已保存答复草稿。");
}

// The desk's refusal in the staff pages' words.
std::string refusalText(const desk::Outcome& r, const ConcernRow& c, const std::string& to) {
    using desk::Refusal;
    switch (r.refusal) {
        case Refusal::Transition:
            if (c.status == "closed")
                return to == "answered" ? "这条意见已办结，不能再发布答复。" : "这条意见已经办结。";
            if (to == "answered")
                return "已发布过答复。如需更正，请先把状态改为“办理中”，再发布新的答复。";
            return "状态不能从“" + labelOf("status", c.status) + "”改为“" + labelOf("status", to) +
                   "”。";
        case Refusal::EmptyAnswer:
            return "答复内容为空，不能发布。请先填写答复。";
        case Refusal::AnswerTooLong:
            return "答复太长：现有 " + r.detail + " 字，最多 2000 字。请删减后再保存。";
        case Refusal::NoteTooLong:
        case Refusal::BadText:
            if (to == "closed") return "办结说明太长或含有无法识别的字符（不超过 200 字）。";
            return "答复或公示摘要中含有无法识别的字符，请检查后再发布。";
        case Refusal::Summary:
            return r.detail;
        case Refusal::NotFound:
        case Refusal::None:
            break;
    }
    return "没有找到这条群众意见。";
}

// Hands the change to the concern desk (one transaction with history and audit); refusals
// show the page again with what was typed kept.
bool changeAtDesk(Context& ctx, const ConcernRow& c, desk::StatusChange change,
                  DetailExtras keep = {}) {
    desk::Outcome r;
    {
        auto sql = ctx.backend.sql();
        change.concernId = c.id;
        r = desk::changeStatus(*sql, change, {ctx.user->name, ctx.req.remoteAddr}, ctx.now());
    }
    if (r.ok()) return true;
    if (r.refusal == desk::Refusal::NotFound)
        ctx.fail(404, "没有找到这条群众意见。");
    else
        refuse(ctx, c, refusalText(r, c, std::string(model::statusId(change.to))), keep);
    return false;
}

void publish(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    // The form sends the text on the page; a bare request publishes the saved draft.
    const std::string answer =
        ctx.req.params.count("answer") ? ctx.req.param("answer") : c->answerDraft;
    const std::string summary = ctx.req.param("summary", c->summary);
    const std::string note = c->organ.empty() ? "" : "承办单位：" + c->organ;
    if (!changeAtDesk(ctx, *c, {c->id, model::Status::Answered, answer, summary, note},
                      keepAnswerForm(ctx, *c)))
        return;
    ctx.redirect(detailPath(*c), "答复已发布，联络站下次同步后即可看到。");
}

void changeStatus(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    const std::string status = ctx.req.param("status");
    if (status != "in_progress" && status != "forwarded")
        return refuse(ctx, *c, "请选择“办理中”或“已转交”。");
    if (!changeAtDesk(ctx, *c, {c->id, *model::parseStatus(status), "", "", ""})) return;
    ctx.redirect(detailPath(*c), "状态已改为“" + labelOf("status", status) + "”。");
}

void closeConcern(Context& ctx) {
    const auto c = concernOf(ctx);
    if (!c) return;
    const std::string note = trim(ctx.req.param("note"));
    if (!changeAtDesk(ctx, *c, {c->id, model::Status::Closed, "", "", note})) return;
    ctx.redirect(detailPath(*c), "已办结。");
}

}  // namespace

void registerConcernActions(WebApp& app) {
    app.post(R"(/concerns/([^/]+)/assign)", Access::Staff, assign);
    app.post(R"(/concerns/([^/]+)/disposition)", Access::Staff, disposition);
    app.post(R"(/concerns/([^/]+)/answer)", Access::Staff, saveAnswer);
    app.post(R"(/concerns/([^/]+)/publish)", Access::Staff, publish);
    app.post(R"(/concerns/([^/]+)/status)", Access::Staff, changeStatus);
    app.post(R"(/concerns/([^/]+)/close)", Access::Staff, closeConcern);
}

}  // namespace csync::server::staff
