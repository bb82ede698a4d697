// The public progress page a citizen opens from the receipt QR on a phone: status, dates,
// category, the published answer and the station. Nothing personal: no text, no contact, no
// names. Codes are normalised, checked for shape and looked up only as a query parameter.
#include "sync/model/receipt_code.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"
#include "sync/server/staff/templates.hpp"

namespace csync::server::staff {
namespace {

// Receipt codes are a few capital letters and digits; anything else cannot be one.
bool plausibleCode(const std::string& code) {
    if (code.size() < 6 || code.size() > 16) return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// What is wrong with a typed code, in the citizen's words, by the receipt rule's own check.
std::string hintFor(std::string_view typed) {
    switch (model::receiptCodeProblem(typed)) {
        case model::ReceiptCodeProblem::WrongLength:
            return "回执编号共 9 位，您输入的位数不对。";
        case model::ReceiptCodeProblem::ImpossibleCharacter:
            return "回执编号里没有数字 0、1 和字母 O、I、L 等容易看错的字符，请对照回执再看一看。";
        case model::ReceiptCodeProblem::Mistyped:
            return "编号中可能有一位输错了或前后两位颠倒了，请逐位核对。";
        case model::ReceiptCodeProblem::None:
            break;
    }
    return "";
}

// The form to type a code into, filled with typed.
TemplateData withForm(TemplateData view, const std::string& typed) {
    TemplateData form;
    form.set("typed", typed);
    view.set("form", form);
    return view;
}

void notFound(Context& ctx, const std::string& typed) {
    TemplateData missing;
    if (const std::string hint = hintFor(typed); !hint.empty()) missing.set("hint", hint);
    TemplateData view;
    view.set("missing", missing);
    ctx.publicPage("没有找到", renderTemplate("track", withForm(view, typed.substr(0, 20))), 404);
}

void trackPage(Context& ctx) {
    const std::string typed = ctx.req.matches.at(1);
    const std::string code = model::canonicalReceipt(typed);
    if (!plausibleCode(code)) return notFound(ctx, typed);
    std::optional<TrackInfo> info;
    {
        auto sql = ctx.backend.sql();
        info = trackConcern(*sql, code);
    }
    if (!info) return notFound(ctx, model::formatReceiptCode(code));
    TemplateData found;
    found.set("code", model::formatReceiptCode(code));
    found.set("status", labelOf("status", info->status));
    found.set("created", formatDate(info->createdAt));
    found.set("category", labelOf("category", info->category));
    found.set("station", info->stationName);
    if (!info->answer.empty()) found.set("answer", info->answer);
    if (info->answeredAt > 0) found.set("answered", formatDate(info->answeredAt));
    TemplateData view;
    view.set("found", found);
    ctx.publicPage("办理进度", renderTemplate("track", view));
}

void trackForm(Context& ctx) {
    const std::string typed = ctx.req.param("code");
    if (!typed.empty()) {
        const std::string code = model::canonicalReceipt(typed);
        if (!plausibleCode(code)) return notFound(ctx, typed);
        return ctx.redirect("/track/" + code);
    }
    TemplateData view;
    view.set("ask", true);
    ctx.publicPage("办理进度查询", renderTemplate("track", withForm(view, "")));
}

}  // namespace

void registerTrackPage(WebApp& app) {
    app.get("/track", Access::Public, trackForm);
    app.get(R"(/track/([^/]+))", Access::Public, trackPage);
}

}  // namespace csync::server::staff
