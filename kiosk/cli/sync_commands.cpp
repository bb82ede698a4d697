// stationctl enroll | sync: joining a county server, and syncing by hand (operations, tests).
#include <algorithm>
#include <fstream>
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "sync/client/sync_client.hpp"

namespace kiosk::cli {

namespace {

std::string when(std::int64_t ms, int offset) {
    if (ms == 0) return "从未";
    const auto l = domain::toLocal(ms, offset);
    return domain::formatDate(l.date) + " " + domain::formatTimeOfDay(l.minuteOfDay);
}

}  // namespace

int runEnroll(const Context& ctx) {
    if (ctx.args.words().size() != 2) return usageError(ctx.err, "用法：enroll 登记文件 [--force]");
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
        ctx.err << "错误：本站还没有登记到县里的服务器（先运行 stationctl enroll 登记文件）\n";
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
