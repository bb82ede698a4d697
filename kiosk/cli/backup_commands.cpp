// stationctl backup/restore (run before the store is opened: neither migrates the file) and
// stationctl hours (the opening hours the kiosk keeps the screen awake in).
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/opening_hours.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/strings.hpp"

namespace kiosk::cli {
namespace {

std::string counts(const store::StationFileInfo& info) {
    return (info.stationName.empty() ? std::string("（未初始化）") : info.stationName) +
           "：群众意见 " + std::to_string(info.concerns) + " 件，签到 " +
           std::to_string(info.checkins) + " 条，台账 " + std::to_string(info.ledger) +
           " 条，数据库版本 " + std::to_string(info.schemaVersion);
}

}  // namespace

int runBackupCommand(const Args& args, const std::string& db, std::ostream& out, std::ostream& err,
                     const platform::Clock& clock) {
    const auto& w = args.words();
    if (w.size() != 2)
        return usageError(err,
                          w[0] == "backup" ? "用法：backup 备份文件" : "用法：restore 备份文件");
    try {
        if (w[0] == "backup") {
            const auto info = store::backupStation(db, w[1]);
            out << "已备份到 " << w[1] << "（" << counts(info) << "）\n";
            return 0;
        }
        const auto r = store::restoreStation(db, w[1], clock);
        out << "已从 " << w[1] << " 恢复（" << counts(r.restored) << "）\n";
        if (!r.keptCopy.empty()) out << "恢复前的数据已保留在 " << r.keptCopy << "\n";
        // Opening it once upgrades an older backup now (with its own backup), not in the kiosk.
        store::StationStore opened(db, clock);
        if (!opened.upgradeBackup().empty())
            out << "备份来自旧版本，已升级数据库（升级前的副本：" << opened.upgradeBackup()
                << "）\n";
        return 0;
    } catch (const store::StoreError& e) {
        if (e.kind() == store::StoreErrorKind::NotStationFile) {
            err << "错误：" << tr("error.not_station_file") << "（" << e.what() << "）\n";
            return 2;
        }
        return reportStoreError(err, e);
    } catch (const std::exception& e) {
        err << "错误：" << (w[0] == "backup" ? "备份失败" : "恢复失败，当前数据没有改动") << "（"
            << e.what() << "）\n";
        return 1;
    }
}

int runHoursCommand(const Context& ctx) {
    const auto& w = ctx.args.words();
    const std::string sub = w.size() > 1 ? w[1] : "";
    auto station = ctx.store.station();
    if (sub == "set" && w.size() >= 3) {
        // The hours may be given as several words: hours set 周一至周五 08:30-17:30
        std::string text;
        for (std::size_t i = 2; i < w.size(); ++i) text += (i > 2 ? " " : "") + w[i];
        domain::OpeningHoursError error;
        const auto hours = domain::parseOpeningHours(text, error);
        if (!hours) return usageError(ctx.err, tr(error.key) + "（“" + error.part + "”）");
        station.setSetting(store::kOpeningHoursSetting, domain::formatOpeningHours(*hours));
        ctx.out << "已设置开放时间："
                << domain::describeOpeningHours(*hours, [](std::string_view k) { return tr(k); })
                << "\n";
        return 0;
    }
    if (sub == "clear" && w.size() == 2) {
        station.setSetting(store::kOpeningHoursSetting, "");
        ctx.out << "已清除开放时间：终端全天保持亮屏\n";
        return 0;
    }
    if (sub == "show" && w.size() == 2) {
        const std::string text = station.setting(store::kOpeningHoursSetting).value_or("");
        domain::OpeningHoursError error;
        const auto hours = text.empty() ? std::nullopt : domain::parseOpeningHours(text, error);
        if (!hours)
            ctx.out << "未设置开放时间（终端全天保持亮屏）\n";
        else
            ctx.out << domain::describeOpeningHours(*hours,
                                                    [](std::string_view k) { return tr(k); })
                    << "\n"
                    << text << "\n";
        return 0;
    }
    return usageError(ctx.err,
                      "用法：hours set 开放时间 | show | clear（例如：hours set 周一至周五 "
                      "08:30-17:30；周六 09:00-12:00）");
}

int runAccessibilityCommand(const Context& ctx) {
    const auto& w = ctx.args.words();
    auto station = ctx.store.station();
    auto state = [&](const char* key) { return station.setting(key) == "1" ? "开" : "关"; };
    if (w.size() == 2 && w[1] == "show") {
        ctx.out << "每位来访者开始时：大字模式 " << state(store::kLargeTextDefaultSetting)
                << "，语音朗读 " << state(store::kReadAloudDefaultSetting) << "\n";
        return 0;
    }
    if (w.size() == 4 && w[1] == "set" && (w[3] == "on" || w[3] == "off") &&
        (w[2] == "large-text" || w[2] == "read-aloud")) {
        const bool large = w[2] == "large-text";
        station.setSetting(
            large ? store::kLargeTextDefaultSetting : store::kReadAloudDefaultSetting,
            w[3] == "on" ? "1" : "");
        ctx.out << "已设置：每位来访者开始时" << (large ? "大字模式" : "语音朗读")
                << (w[3] == "on" ? "打开" : "关闭") << "（来访者仍可自行切换，离开后恢复）\n";
        return 0;
    }
    return usageError(ctx.err,
                      "用法：accessibility show | set large-text on|off | set read-aloud on|off");
}

}  // namespace kiosk::cli
