#include "kiosk/cli/stationctl.hpp"

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "kiosk/cli/command_line.hpp"
#include "kiosk/cli/qr_decode_command.hpp"
#include "kiosk/demo/real_size_station.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/domain/ledger_export.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/station_roster.hpp"
#include "kiosk/strings.hpp"
#include "platform/demo_guard.hpp"

namespace kiosk::cli {
namespace {

using namespace kiosk::domain;

int init(const Context& ctx) {
    if (ctx.store.station().get() && !ctx.args.has("force")) {
        ctx.err << "错误：该数据文件已经初始化过（如需覆盖请加 --force）\n";
        return 1;
    }
    if (ctx.args.has("demo")) {
        const bool enrolled = ctx.store.sync().connection().has_value();
        if (const auto why = platform::demoKeysRefusal(*ctx.args.get("db"), enrolled);
            !why.empty() && !ctx.args.has("force-demo")) {
            ctx.err << "错误：" << why << "\n";
            return 1;
        }
        ctx.err << platform::kDemoKeysWarning;
        if (ctx.args.has("real-size"))
            demo::loadRealSizeStation(ctx.store, ctx.clock);
        else
            demo::loadDemoStation(ctx.store, ctx.clock);
    } else if (auto file = ctx.args.get("config")) {
        std::ifstream in(*file);
        if (!in) return usageError(ctx.err, "无法读取配置文件 " + *file);
        try {
            store::applyRoster(ctx.store, csync::model::rosterFromJson(nlohmann::json::parse(in)));
        } catch (const std::exception& e) {
            return usageError(ctx.err, "配置文件有误：" + std::string(e.what()));
        }
    } else {
        return usageError(ctx.err, "init 需要 --demo 或 --config 文件");
    }
    const auto s = ctx.store.station().get();
    ctx.out << "已初始化：" << s->name << "（" << s->id << "）\n";
    return 0;
}

int status(const Context& ctx) {
    auto& o = ctx.out;
    const auto station = ctx.store.station().get();
    if (!station) {
        o << tr("error.not_configured") << "\n";
    } else {
        o << "联络站：" << station->name << "（" << station->id << "）\n";
        o << "地址：" << station->address << "\n";
        o << "县级行政区划代码：" << station->countyCode << "\n";
        o << "县级加密公钥：" << (station->countySealKey.empty() ? "未配置" : "已配置") << "\n";
    }
    const int offset = station ? station->utcOffsetMinutes : kChinaUtcOffsetMinutes;
    const auto deputies = ctx.store.roster().deputies();
    std::map<Level, int> byLevel;
    for (const auto& d : deputies) ++byLevel[d.level];
    o << "代表：" << deputies.size() << " 名";
    for (Level l : allLevels())
        if (byLevel[l]) o << "，" << tr("level." + std::string(levelId(l))) << " " << byLevel[l];
    o << "\n";
    const auto slots = ctx.store.roster().slots();
    o << "接待安排：" << slots.size() << " 场\n";
    const EpochMs now = ctx.clock.nowMs();
    if (auto next = nextReceptionDay(slots, now, offset))
        o << "下次接待日：" << formatDate(next->date) << " " << formatTimeOfDay(next->startMinute)
          << "-" << formatTimeOfDay(next->endMinute) << " " << next->place << "\n";
    const auto duty = onDuty(slots, ctx.store.checkins().list(), now, offset);
    o << "当前在岗代表：";
    if (duty.empty()) o << "无";
    for (std::size_t i = 0; i < duty.size(); ++i) {
        const auto d = ctx.store.roster().deputy(duty[i].deputyId);
        o << (i ? "、" : "") << (d ? d->name : duty[i].deputyId)
          << (duty[i].state == DutyState::CheckedIn ? "（已签到）" : "（待签到）");
    }
    o << "\n";
    std::map<Status, int> byStatus;
    const auto concerns = ctx.store.concerns().list();
    for (const auto& c : concerns) ++byStatus[c.status];
    o << "群众意见：" << concerns.size() << " 件";
    for (const auto& [s, n] : byStatus)
        o << "，" << tr("status." + std::string(statusId(s))) << " " << n;
    o << "\n";
    const auto counts = ctx.store.outbox().counts();
    o << "上传队列：待上传 " << counts.pending << "，已上传 " << counts.acked << "\n";
    o << "数据库版本：" << store::schemaVersion(ctx.store.db()) << "，完整性检查："
      << ctx.store.integrityCheck() << "\n";
    return 0;
}

int exportLedger(const Context& ctx) {
    const auto& w = ctx.args.words();
    if (w.size() < 2 || w[1] != "ledger")
        return usageError(ctx.err, "用法：export ledger --month YYYY-MM --format csv");
    if (ctx.args.get("format").value_or("csv") != "csv")
        return usageError(ctx.err, "目前只支持 --format csv");
    const auto station = ctx.store.station().get();
    const int offset = station ? station->utcOffsetMinutes : kChinaUtcOffsetMinutes;
    const auto range = monthRange(ctx.args.get("month").value_or(""), offset);
    if (!range) return usageError(ctx.err, tr("error.bad_month"));
    LedgerSources src;
    src.entries = ctx.store.ledger().list(range);
    src.checkins = ctx.store.checkins().list(range);
    src.concerns = ctx.store.concerns().list(range);
    for (const auto& d : ctx.store.roster().deputies(true)) src.deputyNames[d.id] = d.name;
    src.utcOffsetMinutes = offset;
    const std::string csv = ledgerCsv(src, [](std::string_view k) { return tr(k); });
    if (auto file = ctx.args.get("out")) {
        std::ofstream f(*file, std::ios::binary);
        if (!(f << csv)) {
            ctx.err << "错误：无法写入 " << *file << "\n";
            return 1;
        }
        ctx.out << "已导出 " << *file << "\n";
    } else {
        ctx.out << csv;
    }
    return 0;
}

int addLedger(const Context& ctx) {
    if (ctx.args.words().size() < 2 || ctx.args.words()[1] != "add")
        return usageError(ctx.err,
                          "用法：ledger add --activity 活动 [--people 人数] [--notes 备注]");
    LedgerEntry e;
    e.activity = ctx.args.get("activity").value_or("");
    e.notes = ctx.args.get("notes").value_or("");
    e.slotId = ctx.args.get("slot").value_or("");
    try {
        e.peopleReceived = std::stoi(ctx.args.get("people").value_or("0"));
    } catch (const std::exception&) {
        return usageError(ctx.err, "--people 应为人数（整数）");
    }
    std::stringstream ids(ctx.args.get("deputies").value_or(""));
    for (std::string id; std::getline(ids, id, ',');)
        if (!id.empty()) e.deputies.push_back(id);
    ctx.out << ctx.store.ledger().add(e).id << "\n";
    return 0;
}

}  // namespace

int usageError(std::ostream& err, const std::string& message) {
    err << "错误：" << message << "\n";
    return 2;
}

int reportStoreError(std::ostream& err, const store::StoreError& e) {
    using K = store::StoreErrorKind;
    // Invalid input other than a concern field names its own message key (e.g. a staff PIN).
    const std::string key =
        e.kind() == K::InvalidInput && hasString(e.what()) ? e.what() : store::messageKey(e);
    err << "错误：" << tr(key);
    if (e.kind() == K::NotAllowed || e.kind() == K::SchemaTooNew || e.kind() == K::Io ||
        e.kind() == K::MigrationFailed || e.kind() == K::NotStationFile)
        err << "（" << e.what() << "）";
    err << "\n";
    return e.kind() == K::InvalidInput || e.kind() == K::UnknownDeputy ? 2 : 1;
}

namespace {

int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
             const platform::Clock& systemClock) {
    auto parsed = parseStationctl(argv, out, err);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const Args& args = std::get<Args>(parsed);
    std::optional<platform::ManualClock> fixedClock;
    if (const auto now = args.get("now")) {
        const auto at = parseLocalStamp(*now, kChinaUtcOffsetMinutes);
        if (!at) return usageError(err, "--now 的格式应为 YYYY-MM-DDTHH:MM");
        fixedClock.emplace(*at);
    }
    const platform::Clock& clock =
        fixedClock ? static_cast<const platform::Clock&>(*fixedClock) : systemClock;
    if (args.words()[0] == "qr") return runQrCommand(args, out, err, clock);
    if (args.words()[0] == "decode-qr")
        return runDecodeQr({args.words().begin() + 1, args.words().end()}, out, err);
    const auto db = args.get("db");
    if (!db) return usageError(err, "需要 --db 数据文件路径");
    if (args.words()[0] == "backup" || args.words()[0] == "restore")
        return runBackupCommand(args, *db, out, err, clock);
    try {
        store::StationStore store(*db, clock);
        const Context ctx{args, store, out, err, clock};
        const std::string& cmd = args.words()[0];
        if (cmd == "init") return init(ctx);
        if (cmd == "status") return status(ctx);
        if (cmd == "concern") return runConcernCommand(ctx);
        if (cmd == "export") return exportLedger(ctx);
        if (cmd == "ledger") return addLedger(ctx);
        if (cmd == "enroll") return runEnroll(ctx);
        if (cmd == "roster") return runRosterCommand(ctx);
        if (cmd == "sync") return runSync(ctx);
        if (cmd == "printer") return runPrinterCommand(ctx);
        if (cmd == "hours") return runHoursCommand(ctx);
        if (cmd == "accessibility") return runAccessibilityCommand(ctx);
        if (cmd == "staff") return runStaffCommand(ctx);
        if (cmd == "outbox") {
            const auto c = store.outbox().counts();
            out << "pending\t" << c.pending << "\nacked\t" << c.acked << "\n";
            return 0;
        }
        return usageError(err, "没有这个命令：" + cmd);
    } catch (const store::StoreError& e) {
        return reportStoreError(err, e);
    } catch (const store::SqliteError& e) {
        err << "错误：无法打开或读写数据文件 " << *db << "（" << e.what() << "）\n";
        return 1;
    } catch (const std::logic_error&) {  // std::stoi and friends on a bad option value
        return usageError(err, "数字参数格式不对，请检查选项的值");
    } catch (const std::exception& e) {
        err << "错误：" << tr("error.io") << "（" << e.what() << "）\n";
        return 1;
    }
}

}  // namespace

int runStationctl(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
                  const platform::Clock& clock) {
    // Every path ends in a message and an exit code, never in std::terminate: qr, decode-qr and
    // backup run outside the store's try above.
    try {
        return dispatch(argv, out, err, clock);
    } catch (const store::StoreError& e) {
        return reportStoreError(err, e);
    } catch (const store::SqliteError& e) {
        err << "错误：无法打开或读写数据文件（" << e.what() << "）\n";
        return 1;
    } catch (const std::logic_error&) {
        return usageError(err, "数字参数格式不对，请检查选项的值");
    } catch (const std::exception& e) {
        err << "错误：" << tr("error.io") << "（" << e.what() << "）\n";
        return 1;
    }
}

}  // namespace kiosk::cli
