#include <nlohmann/json.hpp>
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/strings.hpp"

namespace kiosk::cli {
namespace {

using namespace kiosk::domain;

std::string localStamp(EpochMs t, const Context& ctx) {
    const auto station = ctx.store.station().get();
    const auto l = toLocal(t, station ? station->utcOffsetMinutes : kChinaUtcOffsetMinutes);
    return formatDate(l.date) + " " + formatTimeOfDay(l.minuteOfDay);
}

int add(const Context& ctx) {
    const Args& a = ctx.args;
    const auto catId = a.get("category");
    const auto category = catId ? parseCategory(*catId) : std::nullopt;
    if (!category)
        return usageError(ctx.err, tr("error.unknown_category") + "（concern categories）");
    ConcernInput in;
    in.category = *category;
    in.text = a.get("text").value_or("");
    in.place = a.get("place").value_or("");
    in.deputyId = a.get("deputy").value_or("");
    in.contactName = a.get("name").value_or("");
    in.contactPhone = a.get("phone").value_or("");
    in.consent = a.has("consent");
    const auto takenBy = parseTakenBy(a.get("taken-by").value_or("liaison"));
    if (!takenBy) return usageError(ctx.err, "--taken-by: self | liaison | deputy");
    in.takenBy = *takenBy;
    const Concern c = ctx.store.concerns().add(in);
    // Printed only now: add() returns after COMMIT, so the receipt is durable.
    ctx.out << c.receipt << "\n" << std::flush;
    return 0;
}

nlohmann::json toJson(const Concern& c) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : c.history)
        history.push_back({{"status", statusId(h.status)}, {"at", h.at}, {"note", h.note}});
    return {{"id", c.id},
            {"receipt", c.receipt},
            {"created_at", c.createdAt},
            {"category", categoryId(c.category)},
            {"text", c.text},
            {"place", c.place},
            {"deputy", c.deputyId},
            {"taken_by", takenById(c.takenBy)},
            {"disposition", dispositionId(c.disposition)},
            {"disposition_note", c.dispositionNote},
            {"status", statusId(c.status)},
            {"satisfaction", c.satisfaction ? nlohmann::json(satisfactionId(*c.satisfaction))
                                            : nlohmann::json(nullptr)},
            {"answer", c.answer},
            {"has_contact", c.hasContact},
            {"history", history}};
}

int list(const Context& ctx) {
    const auto concerns = ctx.store.concerns().list();
    if (ctx.args.has("json")) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& c : concerns) arr.push_back(toJson(c));
        ctx.out << arr.dump(1) << "\n";
        return 0;
    }
    for (const auto& c : concerns)
        ctx.out << formatReceiptCode(c.receipt) << "  " << localStamp(c.createdAt, ctx) << "  "
                << tr("status." + std::string(statusId(c.status))) << "  "
                << tr("category." + std::string(categoryId(c.category)) + ".name") << "\n";
    return 0;
}

int show(const Context& ctx) {
    if (ctx.args.words().size() < 3) return usageError(ctx.err, "用法：concern show 回执号");
    const auto c = ctx.store.concerns().findByReceipt(ctx.args.words()[2]);
    if (!c) {
        ctx.err << "错误：" << tr("error.not_found") << "\n";
        return 1;
    }
    if (ctx.args.has("json")) {
        ctx.out << toJson(*c).dump(1) << "\n";
        return 0;
    }
    auto& o = ctx.out;
    o << "回执号：" << formatReceiptCode(c->receipt) << "\n";
    o << "时间：" << localStamp(c->createdAt, ctx) << "\n";
    o << "类别：" << tr("category." + std::string(categoryId(c->category)) + ".name") << "\n";
    o << "内容：" << c->text << "\n";
    if (!c->place.empty()) o << "地点：" << c->place << "\n";
    if (!c->deputyId.empty()) {
        const auto d = ctx.store.roster().deputy(c->deputyId);
        o << "反映给：" << (d ? d->name : c->deputyId) << "\n";
    }
    o << "登记方式：" << tr("taken_by." + std::string(takenById(c->takenBy))) << "\n";
    o << "处理方式：" << tr("disposition." + std::string(dispositionId(c->disposition)));
    if (!c->dispositionNote.empty()) o << "（" << c->dispositionNote << "）";
    o << "\n状态：" << tr("status." + std::string(statusId(c->status))) << "\n";
    for (const auto& h : c->history) {
        o << "  " << localStamp(h.at, ctx) << "  "
          << tr("status." + std::string(statusId(h.status)));
        if (!h.note.empty()) o << "  " << h.note;
        o << "\n";
    }
    if (!c->answer.empty()) o << "答复：" << c->answer << "\n";
    if (c->satisfaction)
        o << "评价：" << tr("satisfaction." + std::string(satisfactionId(*c->satisfaction)))
          << "\n";
    o << "联系方式：" << (c->hasContact ? "已加密保存，仅县人大工作人员可查看" : "未留") << "\n";
    return 0;
}

}  // namespace

int runConcernCommand(const Context& ctx) {
    const auto& w = ctx.args.words();
    const std::string sub = w.size() > 1 ? w[1] : "";
    if (sub == "add") return add(ctx);
    if (sub == "list") return list(ctx);
    if (sub == "show") return show(ctx);
    if (sub == "categories") {
        for (Category c : allCategories())
            ctx.out << categoryId(c) << "\t" << tr(guidanceFor(c).nameKey) << "\n";
        return 0;
    }
    return usageError(ctx.err, "用法：concern add|list|show|categories");
}

}  // namespace kiosk::cli
