// "roster export": the station's roster and schedule in the county server's import format
// (county-server roster import), so a county can start from what a station already has.
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/store/station_roster.hpp"

namespace kiosk::cli {

using nlohmann::json;

int runRosterCommand(const Context& ctx) {
    const auto& words = ctx.args.words();
    if (words.size() != 2 || words[1] != "export")
        return usageError(ctx.err, "用法：roster export [--out 文件]");
    if (!ctx.store.station().get()) {
        ctx.err << "错误：该数据文件尚未初始化\n";
        return 1;
    }
    const json out = csync::model::toJson(store::currentRoster(ctx.store));
    const std::string text = out.dump(1) + "\n";
    if (const auto path = ctx.args.get("out")) {
        std::ofstream file(*path, std::ios::binary);
        file << text;
        if (!file.flush()) {
            ctx.err << "错误：无法写入 " << *path << "\n";
            return 1;
        }
        ctx.out << "已导出 " << out.at("deputies").size() << " 位代表、" << out.at("slots").size()
                << " 个接待安排到 " << *path << "\n";
    } else {
        ctx.out << text;
    }
    return 0;
}

}  // namespace kiosk::cli
