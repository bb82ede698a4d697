// stationctl enroll | sync: joining a county server, and syncing by hand (operations, tests).
#include <algorithm>
#include <fstream>
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "sync/client/enrollment_fetch.hpp"
#include "sync/client/sync_client.hpp"
#include "sync/protocol/enrollment_code.hpp"

namespace kiosk::cli {

namespace {

std::string when(std::int64_t ms, int offset) {
    if (ms == 0) return "从未";
    const auto l = domain::toLocal(ms, offset);
    return domain::formatDate(l.date) + " " + domain::formatTimeOfDay(l.minuteOfDay);
}

}  // namespace

// What a liaison officer reads when enrolling by code failed: what happened and what to do.
std::string fetchMessage(const csync::client::EnrollFetchResult& r) {
    using E = csync::client::EnrollFetchError;
    switch (r.error) {
        case E::BadUrl:
            return "服务器地址不对，应以 http:// 或 https:// 开头，例如 "
                   "https://county.example.cn:8443";
        case E::Network:
            return "连不上县里的服务器，请检查网络和服务器地址后再试";
        case E::UnknownCode:
            return "接入码不对：服务器上没有这个接入码，请核对后重新输入";
        case E::UsedCode:
            return "这个接入码已经用过了，每个接入码只能用一次；请向县人大索取新的接入码";
        case E::ExpiredCode:
            return "这个接入码已经过期，请向县人大索取新的接入码";
        case E::RevokedCode:
            return "这个接入码已经作废（县里已撤销或另发了新码），请使用最新的接入码";
        case E::Throttled:
            return "输错次数太多，请过 15 分钟再试";
        case E::Server:
            return "县里的服务器出错，请稍后再试或联系县人大";
        case E::Tampered:
            return "收到的登记信息无法用这个接入码解开，可能被篡改，没有做任何改动；请联系县人大";
        case E::None:
            break;
    }
    return "";
}

// "enroll --server URL --code CODE": the enrollment fetched with a typed one-time code.
int runEnrollByCode(const Context& ctx) {
    const auto server = ctx.args.get("server");
    if (!server || ctx.args.words().size() != 1)
        return usageError(ctx.err, "用法：enroll --server 服务器地址 --code 接入码 [--force]");
    if (!csync::isServerUrl(*server))
        return usageError(ctx.err, "服务器地址不对，应以 http:// 或 https:// 开头");
    csync::CodeInputError why{};
    const auto digits = csync::normalizeEnrollmentCode(*ctx.args.get("code"), &why);
    if (!digits)
        return usageError(ctx.err, why == csync::CodeInputError::Check
                                       ? "接入码有一位输错了（校验不通过），请逐位核对后重新输入"
                                       : "接入码应为 20 位数字（可以带空格或短横线），请核对");
    // A used code cannot be used again: refuse before spending it on a store that is taken.
    if (ctx.store.sync().connection() && !ctx.args.has("force"))
        return usageError(ctx.err, "本站已经登记过；如确要重新登记，请加 --force");
    int timeoutMs = 15000;
    if (const auto t = ctx.args.get("timeout-ms")) timeoutMs = std::max(100, std::stoi(*t));
    const auto r = csync::client::fetchEnrollmentByCode(*server, *digits, timeoutMs);
    if (r.error != csync::client::EnrollFetchError::None) {
        ctx.err << "错误：" << fetchMessage(r) << "（" << r.detail << "）\n";
        return 1;
    }
    ctx.store.sync().enroll(r.enrollment, ctx.args.has("force"));
    ctx.out << "已登记：站点 " << r.enrollment.station << "，县 " << r.enrollment.county
            << "，服务器 " << r.enrollment.server << "\n";
    return 0;
}

int runEnroll(const Context& ctx) {
    if (ctx.args.get("code")) return runEnrollByCode(ctx);
    if (ctx.args.words().size() != 2)
        return usageError(
            ctx.err, "用法：enroll 登记文件 [--force] | enroll --server 服务器地址 --code 接入码");
    std::ifstream in(ctx.args.words()[1]);
    if (!in) return usageError(ctx.err, "无法读取登记文件 " + ctx.args.words()[1]);
    const auto json = nlohmann::json::parse(in, nullptr, false);
    csync::Enrollment e;
    try {
        if (json.is_discarded()) throw std::invalid_argument("not JSON");
        e = csync::enrollmentFromJson(json);
    } catch (const std::exception& ex) {
        return usageError(ctx.err, std::string("登记文件有误：") + ex.what());
    }
    ctx.store.sync().enroll(e, ctx.args.has("force"));
    ctx.out << "已登记：站点 " << e.station << "，县 " << e.county << "，服务器 " << e.server
            << "\n";
    return 0;
}

int runSync(const Context& ctx) {
    const auto& w = ctx.args.words();
    const std::string sub = w.size() > 1 ? w[1] : (ctx.args.has("once") ? "once" : "");
    const int offset = ctx.store.station().get() ? ctx.store.station().get()->utcOffsetMinutes
                                                 : domain::kChinaUtcOffsetMinutes;
    if (sub == "log") {
        for (const auto& [at, line] : ctx.store.sync().logLines())
            ctx.out << when(at, offset) << "\t" << line << "\n";
        return 0;
    }
    if (sub == "status") {
        const auto s = ctx.store.sync().status();
        const auto counts = ctx.store.outbox().counts();
        ctx.out << "enrolled\t" << (s.enrolled ? "yes" : "no") << "\nlast_success\t"
                << when(s.lastSuccessMs, offset) << "\nlast_error\t" << s.lastError << "\t"
                << s.lastMessage << "\npending\t" << counts.pending << "\nclock_offset_ms\t"
                << s.clockOffsetMs << "\n";
        return 0;
    }
    if (sub != "once")
        return usageError(ctx.err,
                          "用法：sync --once [--server URL] [--verbose] | sync log | sync status");
    auto conn = ctx.store.sync().connection();
    if (!conn) {
        ctx.err << "错误：本站还没有登记到县里的服务器（先运行 stationctl enroll 登记文件，或 "
                   "stationctl enroll --server 地址 --code 接入码）\n";
        return 1;
    }
    if (const auto server = ctx.args.get("server")) conn->server = *server;
    if (const auto t = ctx.args.get("timeout-ms")) conn->timeoutMs = std::max(100, std::stoi(*t));
    const bool verbose = ctx.args.has("verbose");
    syncing::StoreStationSide side(ctx.store);
    csync::client::SyncClient client(
        *conn, side, [&] { return ctx.clock.nowMs(); },
        [&](const std::string& line) {
            if (verbose) ctx.err << line << "\n";
            ctx.store.sync().log(line, ctx.clock.nowMs());
        });
    client.setClockOffsetMs(ctx.store.sync().status().clockOffsetMs);
    const auto report = client.runOnce();
    ctx.store.sync().recordRun(report, ctx.clock.nowMs());
    const auto counts = ctx.store.outbox().counts();
    ctx.out << "accepted\t" << report.accepted << "\nduplicate\t" << report.duplicates
            << "\nconflict\t" << report.conflicts << "\nrejected\t" << report.rejected
            << "\nupdates\t" << report.updatesApplied << "\nconfig\t"
            << (report.configApplied ? "applied" : "unchanged") << "\npending\t" << counts.pending
            << "\nclock_offset_ms\t" << report.clockOffsetMs << "\n";
    if (!report.ok()) {
        ctx.err << "错误：同步未完成（" << csync::client::syncErrorId(report.error) << "）："
                << report.message << "\n";
        return 1;
    }
    return counts.pending == 0 ? 0 : 1;
}

}  // namespace kiosk::cli
