#include "kiosk/cli/command_line.hpp"

#include <ostream>

#include "platform/command_line.hpp"

namespace kiosk::cli {
namespace {

// The commands are declared with platform's collector and read back as Args.
class Declared : public platform::cli::Collector {
public:
    using Collector::Collector;
    CLI::App* command(CLI::App* parent, const std::string& name, const std::string& help) {
        return platform::cli::command(*parent, name, help);
    }
    Args args() const {
        std::map<std::string, std::string> options = values();
        for (const std::string& f : flags()) options[f] = "";
        return Args(commandWords(), std::move(options));
    }
};

void declareStation(Declared& d, CLI::App* root) {
    auto* init =
        d.command(root, "init", "初始化联络站：演示数据（密钥公开，仅供演示）或县里下发的配置");
    d.flag(init, "--demo", "演示站（云溪镇，12位代表）");
    d.flag(init, "--real-size", "演示站加上五年的数据（60位代表、2000次接待、20000条意见）");
    d.flag(init, "--force-demo", "已登记到县里或像正式数据文件时，仍用公开的演示密钥");
    d.value(init, "--config", "文件", "县里下发的联络站配置（JSON）");
    d.flag(init, "--force", "覆盖已经初始化的数据文件");

    d.command(root, "status", "联络站概况");
    d.command(root, "outbox", "待上传 / 已上传记录数");

    auto* concern = d.command(root, "concern", "群众意见");
    auto* add = d.command(concern, "add", "登记一条意见（打印回执号）");
    d.value(add, "--category", "类别", "类别编号（concern categories 列出）");
    d.value(add, "--text", "内容", "意见内容");
    d.value(add, "--place", "地点", "发生地点");
    d.value(add, "--deputy", "代表编号", "反映给哪位代表");
    d.value(add, "--name", "姓名", "联系人姓名（加密保存）");
    d.value(add, "--phone", "电话", "联系电话（加密保存）");
    d.flag(add, "--consent", "群众同意留联系方式");
    d.value(add, "--taken-by", "self|liaison|deputy", "谁登记的（默认 liaison）");
    d.command(concern, "categories", "列出意见类别");
    auto* list = d.command(concern, "list", "列出全部意见");
    d.flag(list, "--json", "以 JSON 输出");
    auto* show = d.command(concern, "show", "查看一条意见和办理记录");
    d.word(show, "回执号", "例如 ACD-3E4-F6G");
    d.flag(show, "--json", "以 JSON 输出");

    auto* ledger = d.command(root, "ledger", "工作台账");
    auto* ledgerAdd = d.command(ledger, "add", "记一条台账");
    d.value(ledgerAdd, "--activity", "活动", "活动类别编号");
    d.value(ledgerAdd, "--people", "人数", "接待群众人数");
    d.value(ledgerAdd, "--notes", "备注", "备注");
    d.value(ledgerAdd, "--deputies", "d01,d02", "参加的代表编号，逗号分隔");
    d.value(ledgerAdd, "--slot", "安排编号", "对应的接待安排");
    auto* exportCmd = d.command(root, "export", "导出");
    auto* exportLedger = d.command(exportCmd, "ledger", "导出一个月的台账");
    d.value(exportLedger, "--month", "YYYY-MM", "月份");
    d.value(exportLedger, "--format", "csv", "格式（目前只有 csv）");
    d.value(exportLedger, "--out", "文件", "写入文件（默认输出到屏幕）");

    auto* roster = d.command(root, "roster", "代表名单");
    auto* rosterExport = d.command(roster, "export", "导出代表名单和接待安排（县里导入用）");
    d.value(rosterExport, "--out", "文件", "写入文件（默认输出到屏幕）");
}

void declareSettings(Declared& d, CLI::App* root) {
    auto* staff = d.command(root, "staff", "工作人员：联络员各用自己的密码登录");
    auto* staffAdd = d.command(staff, "add", "添加联络员（密码随后输入，不显示）");
    d.value(staffAdd, "--name", "姓名", "联络员姓名");
    d.command(staff, "list", "列出联络员");
    auto* staffRemove = d.command(staff, "remove", "从登录名单中去掉一位联络员");
    d.value(staffRemove, "--name", "姓名", "联络员姓名");
    auto* setPin = d.command(staff, "set-pin",
                             "设置本站共用密码（6到12位数字）；加 --name 则改这位联络员的密码");
    d.value(setPin, "--name", "姓名", "联络员姓名");
    d.word(setPin, "密码", "共用密码（不写则随后输入，不显示）");

    auto* printer = d.command(root, "printer", "回执打印机");
    auto* printerSet = d.command(printer, "set", "设置打印机");
    d.word(printerSet, "打印机", "usb:/dev/usb/lp0、tcp:地址:9100、file:图片.png、auto 或 none");
    d.command(printer, "show", "查看打印机设置");
    d.command(printer, "test", "打印一张样张");

    auto* hours = d.command(root, "hours", "开放时间：开放时间内屏幕常亮，之外空闲时显示休息画面");
    auto* hoursSet = d.command(hours, "set", "设置开放时间");
    d.words(hoursSet, "开放时间", "例如 周一至周五 08:30-17:30；周六 09:00-12:00");
    d.command(hours, "show", "查看开放时间");
    d.command(hours, "clear", "清除开放时间（全天亮屏）");

    auto* access = d.command(root, "accessibility", "每位来访者开始时是否大字、朗读");
    auto* accessSet = d.command(access, "set", "large-text|read-aloud on|off");
    d.word(accessSet, "项目", "large-text（大字模式）或 read-aloud（语音朗读）");
    d.word(accessSet, "开关", "on 或 off");
    d.command(access, "show", "查看设置");

    auto* backup = d.command(root, "backup", "在线备份数据库（终端运行时也可以，文件权限 0600）");
    d.word(backup, "备份文件", "写到哪里");
    auto* restore = d.command(root, "restore", "用备份恢复数据库（先检查备份，当前数据另存一份）");
    d.word(restore, "备份文件", "从哪个备份恢复");
}

void declareCounty(Declared& d, CLI::App* root) {
    auto* enroll = d.command(root, "enroll",
                             "接入县人大服务器：用县里下发的登记文件，或电话告知的一次性接入码");
    d.word(enroll, "登记文件", "县里下发的登记文件");
    d.value(enroll, "--server", "地址", "县里服务器的地址（用接入码时）");
    d.value(enroll, "--code", "接入码", "20位数字的一次性接入码");
    d.flag(enroll, "--force", "已经登记过也重新登记");
    d.value(enroll, "--timeout-ms", "毫秒", "网络等待上限");

    auto* sync = d.command(root, "sync", "与县里同步");
    d.flag(sync, "--once", "现在同步一次");
    d.value(sync, "--server", "地址", "这一次改用这个服务器地址");
    d.flag(sync, "--verbose", "显示每一步");
    d.value(sync, "--timeout-ms", "毫秒", "网络等待上限");
    d.command(sync, "log", "同步日志");
    d.command(sync, "status", "同步状态");

    auto* qr = d.command(root, "qr", "代表值班码（不需要数据文件）");
    auto* keygen = d.command(qr, "keygen", "生成签发密钥对");
    d.value(keygen, "--out", "目录", "密钥写到这个目录");
    d.value(keygen, "--key-id", "N", "密钥编号（0到65535，默认1）");
    auto* issue = d.command(qr, "issue", "签发一位代表的值班码和卡片");
    d.value(issue, "--key", "私钥文件", "签发私钥");
    d.value(issue, "--deputy", "代表编号", "代表编号");
    d.value(issue, "--county", "县代码", "县级行政区划代码");
    d.value(issue, "--days", "天数", "有效天数");
    d.value(issue, "--name", "姓名", "印在卡片上的姓名（或用 --db 从名单中取）");
    d.value(issue, "--out", "卡片.png", "卡片图片");
    auto* verify = d.command(qr, "verify", "检查一个值班码");
    d.word(verify, "码文本", "扫到的码");
    d.value(verify, "--pub", "公钥文件", "签发公钥（不用 --db 时）");
    d.value(verify, "--county", "县代码", "县级行政区划代码（用 --pub 时）");
    auto* cards = d.command(qr, "demo-cards", "为演示站的代表生成值班码卡片");
    d.value(cards, "--out", "目录", "卡片写到这个目录");

    auto* decode = d.command(root, "decode-qr", "识别图片中的二维码：文件<TAB>毫秒<TAB>内容");
    d.words(decode, "图片", "图片文件");
}

}  // namespace

std::variant<Args, int> parseStationctl(const std::vector<std::string>& argv, std::ostream& out,
                                        std::ostream& err) {
    CLI::App root{"stationctl：人大代表联络站终端的管理命令（数据文件、意见、同步、值班码）",
                  "stationctl"};
    platform::cli::prepare(root, "stationctl " KIOSK_VERSION);
    Declared d(root);
    d.value(&root, "--db", "数据文件", "联络站的数据文件（qr 和 decode-qr 以外都需要）");
    d.value(&root, "--now", "YYYY-MM-DDTHH:MM", "按这个本地时间运行（演示数据、测试）");
    declareStation(d, &root);
    declareSettings(d, &root);
    declareCounty(d, &root);
    if (const auto code = platform::cli::parse(root, argv, out, err)) return *code;
    if (root.get_subcommands().empty()) {
        err << root.help();
        return 2;
    }
    return d.args();
}

}  // namespace kiosk::cli
