// "roster export": the station's roster and schedule in the county server's import format
// (county-server roster import), so a county can start from what a station already has.
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/domain/local_time.hpp"
#include "platform/crypto.hpp"

namespace kiosk::cli {

using nlohmann::json;

int runRosterCommand(const Context& ctx) {
    const auto& words = ctx.args.words();
    if (words.size() != 2 || words[1] != "export")
        return usageError(ctx.err, "用法：roster export [--out 文件]");
    const auto station = ctx.store.station().get();
    if (!station) {
        ctx.err << "错误：该数据文件尚未初始化\n";
        return 1;
    }
    json deputies = json::array(), slots = json::array();
    for (const auto& d : ctx.store.roster().deputies(true)) {
        json j{{"id", d.id},
               {"name", d.name},
               {"level", std::string(domain::levelId(d.level))},
               {"work_unit", d.workUnit},
               {"phone", d.phone},
               {"active", d.active},
               {"disclosure",
                {{"name", d.disclosure.name},
                 {"photo", d.disclosure.photo},
                 {"work_unit", d.disclosure.workUnit},
                 {"phone", d.disclosure.phone}}}};
        if (!d.photo.empty())
            j["photo"] = platform::toBase64(platform::Bytes(d.photo.begin(), d.photo.end()));
        deputies.push_back(std::move(j));
    }
    for (const auto& s : ctx.store.roster().slots())
        slots.push_back({{"id", s.id},
                         {"date", domain::formatDate(s.date)},
                         {"start", domain::formatTimeOfDay(s.startMinute)},
                         {"end", domain::formatTimeOfDay(s.endMinute)},
                         {"place", s.place},
                         {"kind", std::string(domain::slotKindId(s.kind))},
                         {"note", s.note},
                         {"deputies", s.plannedDeputies}});
    const json out{{"station",
                    {{"id", station->id},
                     {"name", station->name},
                     {"address", station->address},
                     {"utc_offset_minutes", station->utcOffsetMinutes},
                     {"hotline", station->hotline}}},
                   {"deputies", std::move(deputies)},
                   {"slots", std::move(slots)}};
    const std::string text = out.dump(1) + "\n";
    if (const auto path = ctx.args.get("out")) {
        std::ofstream file(*path, std::ios::binary);
        file << text;
        if (!file.flush()) {
            ctx.err << "错误：无法写入 " << *path << "\n";
            return 1;
        }
        ctx.out << "已导出 " << out["deputies"].size() << " 位代表、" << out["slots"].size()
                << " 个接待安排到 " << *path << "\n";
    } else {
        ctx.out << text;
    }
    return 0;
}

}  // namespace kiosk::cli
