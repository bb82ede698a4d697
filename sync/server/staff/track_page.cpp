// The public progress page a citizen opens from the receipt QR on a phone: status, dates,
// category, the published answer and the station. Nothing personal: no text, no contact, no
// names. Codes are normalised, checked for shape and looked up only as a query parameter.
#include "sync/model/receipt_code.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/pages.hpp"

namespace csync::server::staff {
namespace {

// Receipt codes are a few capital letters and digits; anything else cannot be one.
bool plausibleCode(const std::string& code) {
    if (code.size() < 6 || code.size() > 16) return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

std::string formHtml(const std::string& value) {
    return "<form method=\"get\" action=\"/track\" class=\"track-form\"><label>回执编号"
           "<input name=\"code\" required autocomplete=\"off\" autocapitalize=\"characters\" "
           "maxlength=\"20\" placeholder=\"如 ABC-DEF-GHJ\" value=\"" +
           html::esc(value) +
           "\"></label><button class=\"primary wide\" type=\"submit\">查询</button></form>";
}

// What is wrong with a typed code, in the citizen's words, by the receipt rule's own check.
std::string hintFor(std::string_view typed) {
    switch (model::receiptCodeProblem(typed)) {
        case model::ReceiptCodeProblem::WrongLength:
            return "<p class=\"hint\">回执编号共 9 位，您输入的位数不对。</p>";
        case model::ReceiptCodeProblem::ImpossibleCharacter:
            return "<p class=\"hint\">回执编号里没有数字 0、1 和字母 O、I、L 等容易看错的字符，"
                   "请对照回执再看一看。</p>";
        case model::ReceiptCodeProblem::Mistyped:
            return "<p class=\"hint\">编号中可能有一位输错了或前后两位颠倒了，请逐位核对。</p>";
        case model::ReceiptCodeProblem::None:
            break;
    }
    return "";
}

void notFound(Context& ctx, const std::string& typed) {
    ctx.publicPage("没有找到",
                   "<h1>没有找到这个回执编号</h1>" + hintFor(typed) +
                       "<p>没有找到这个回执编号对应的群众意见。"
                       "请核对回执上的编号（共 9 位，由字母和数字组成）后重新输入；"
                       "刚提交的意见要等联络站同步后才能查到，请稍后再试。</p>" +
                       formHtml(typed.substr(0, 20)) +
                       "<p class=\"muted small\">如有疑问，可到联络站询问工作人员。</p>",
                   404);
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
    std::string body =
        "<h1>办理进度查询</h1><section class=\"card\"><p class=\"muted\">回执编号 " +
        html::esc(model::formatReceiptCode(code)) + "</p><p class=\"track-status\">" +
        html::esc(labelOf("status", info->status)) + "</p><dl class=\"kv\">" +
        "<dt>受理日期</dt><dd>" + formatDate(info->createdAt) + "</dd>" + "<dt>类别</dt><dd>" +
        html::esc(labelOf("category", info->category)) + "</dd>" + "<dt>受理地点</dt><dd>" +
        html::esc(info->stationName) + "</dd></dl></section>";
    if (!info->answer.empty()) {
        body += "<section class=\"card\"><h2>答复</h2><div class=\"answer\">" +
                html::esc(info->answer) + "</div>";
        if (info->answeredAt > 0)
            body += "<p class=\"muted small\">答复日期：" + formatDate(info->answeredAt) + "</p>";
        body += "</section>";
    } else {
        body +=
            "<p>您反映的意见正在办理，答复后会在这里和联络站的“办理公示”中公布，"
            "请过几天再来查看。</p>";
    }
    body +=
        "<p class=\"muted small\">为保护个人信息，本页不显示反映内容和联系方式。"
        "如对办理结果有意见，可到联络站评价或再次反映。</p>"
        "<p><a href=\"/track\">查询其他回执</a></p>";
    ctx.publicPage("办理进度", body);
}

void trackForm(Context& ctx) {
    const std::string typed = ctx.req.param("code");
    if (!typed.empty()) {
        const std::string code = model::canonicalReceipt(typed);
        if (!plausibleCode(code)) return notFound(ctx, typed);
        return ctx.redirect("/track/" + code);
    }
    ctx.publicPage(
        "办理进度查询",
        "<h1>办理进度查询</h1><p>请输入联络站回执上的编号，查看您反映的意见办理到了哪一步。</p>" +
            formHtml(""));
}

}  // namespace

void registerTrackPage(WebApp& app) {
    app.get("/track", Access::Public, trackForm);
    app.get(R"(/track/([^/]+))", Access::Public, trackPage);
}

}  // namespace csync::server::staff
