// stationctl staff: the station's shared PIN and named liaison officers (联络员), each with their
// own PIN. PINs are read from stdin (not echoed on a terminal), so they never stand on a command
// line or in the shell history; `staff set-pin PIN` keeps working for scripts that used it.
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/strings.hpp"
#include "platform/terminal.hpp"

namespace kiosk::cli {
namespace {

constexpr const char* kStaffUsage =
    "用法：staff add --name 姓名         添加联络员（随后输入他/她自己的密码，6到12位数字）\n"
    "      staff list                    列出联络员\n"
    "      staff remove --name 姓名      从登录名单中去掉（已登记的记录保留姓名）\n"
    "      staff set-pin --name 姓名     改联络员的密码（随后输入新密码）\n"
    "      staff set-pin [密码]          设置本站共用的工作人员密码（不写密码则随后输入）";

std::string pinFromStdin() {
    return platform::readSecretLine("密码（6到12位数字，输入时不显示）：");
}

}  // namespace

int runStaffCommand(const Context& ctx) {
    const auto& words = ctx.args.words();
    const std::string sub = words.size() > 1 ? words[1] : "";
    auto staff = ctx.store.staff();
    const auto name = ctx.args.get("name");
    if (sub == "list" && words.size() == 2) {
        const auto all = staff.officers();
        for (const auto& o : all) ctx.out << o.name << "\n";
        if (all.empty()) ctx.err << "（还没有联络员；staff add --name 姓名 添加）\n";
        ctx.err << (staff.hasStationPin() ? "本站共用密码：已设置\n" : "本站共用密码：未设置\n");
        return 0;
    }
    if (sub == "add" && words.size() == 2 && name) {
        const auto o = staff.addOfficer(*name, pinFromStdin(), ctx.clock.nowMs());
        ctx.out << "已添加联络员：" << o.name << "\n";
        return 0;
    }
    if (sub == "remove" && words.size() == 2 && name) {
        if (!staff.removeOfficer(*name)) {
            ctx.err << "错误：没有名叫“" << *name << "”的联络员（staff list 可查看名单）\n";
            return 1;
        }
        ctx.out << "已从登录名单中去掉：" << *name << "（已登记的记录保留姓名）\n";
        return 0;
    }
    if (sub == "set-pin" && name && words.size() == 2) {
        if (!staff.setOfficerPin(*name, pinFromStdin())) {
            ctx.err << "错误：没有名叫“" << *name << "”的联络员（staff list 可查看名单）\n";
            return 1;
        }
        ctx.out << "已修改联络员密码：" << *name << "\n";
        return 0;
    }
    if (sub == "set-pin" && !name && words.size() <= 3) {
        staff.setPin(words.size() == 3 ? words[2] : pinFromStdin());
        ctx.out << "已设置工作人员密码\n";
        return 0;
    }
    return usageError(ctx.err, kStaffUsage);
}

}  // namespace kiosk::cli
