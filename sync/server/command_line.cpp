#include "sync/server/command_line.hpp"

#include <ostream>

#include "platform/command_line.hpp"

#ifndef COUNTY_SERVER_VERSION
#define COUNTY_SERVER_VERSION "unknown"
#endif

namespace csync::server {
namespace {

using platform::cli::Collector;
using platform::cli::command;

void declareCounty(Collector& c, CLI::App& root) {
    auto* init = command(root, "init", "建立县里的数据库和密钥（每个数据库一次）");
    c.value(init, "--county", "县代码", "县级行政区划代码，例如 430321（必填）");
    c.value(init, "--name", "名称", "县的名称，例如 湘潭县");
    c.flag(init, "--demo", "用公开的演示密钥（仅供演示和测试）");
    c.flag(init, "--force-demo", "数据库像正式数据时，仍用演示密钥");

    auto* station = command(root, "station", "联络站");
    auto* add = command(station, "add", "登记一个联络站：生成登记文件，或一次性接入码");
    c.value(add, "--id", "站点编号", "联络站编号（必填）");
    c.value(add, "--name", "名称", "联络站名称（必填）");
    c.value(add, "--out", "文件", "登记文件写到这里（权限 0600）");
    c.flag(add, "--code", "改发一次性接入码（联络员在终端上输入）");
    c.value(add, "--server", "地址", "联络站访问本服务器的地址（默认 http://127.0.0.1:8080）");
    c.value(add, "--ca-cert", "PEM", "让联络站信任这个自签名证书");
    c.value(add, "--hours", "小时", "接入码有效小时数（默认 72）");
    auto* code = command(station, "code", "给联络站发一个新的接入码（之前未用的那个作废）");
    c.value(code, "--id", "站点编号", "联络站编号（必填）");
    c.value(code, "--server", "地址", "联络站访问本服务器的地址");
    c.value(code, "--ca-cert", "PEM", "让联络站信任这个自签名证书");
    c.value(code, "--hours", "小时", "接入码有效小时数（默认 72）");
    command(code, "show", "查看这个联络站的接入码状态");
    command(code, "revoke", "作废这个联络站未用的接入码");

    auto* roster = command(root, "roster", "代表名单");
    auto* import = command(roster, "import",
                           "导入一个联络站的代表名单和接待安排（stationctl roster export 的文件）");
    c.value(import, "--station", "站点编号", "联络站编号（必填）");
    c.word(import, "文件", "名单文件（JSON）");

    auto* concern = command(root, "concern", "群众意见");
    auto* answer = command(concern, "answer", "答复一条意见（与网页同样的检查、办理记录和日志）");
    c.value(answer, "--receipt", "回执号", "意见的回执号（必填）");
    c.value(answer, "--answer", "答复", "答复内容（2000字以内，必填）");
    c.value(answer, "--status", "状态", "forwarded|in_progress|answered|closed（默认 answered）");
    c.value(answer, "--note", "备注", "办理记录里的说明（200字以内）");
    c.value(answer, "--summary", "公示摘要", "联络站结果公示用的摘要，用自己的话写");

    auto* revoke = command(root, "revoke", "吊销一张代表值班码卡片");
    c.value(revoke, "--serial", "序列号", "卡片序列号（16位十六进制，必填）");

    auto* exportCmd = command(root, "export", "导出 concerns（意见）或 checkins（签到）");
    c.word(exportCmd, "内容", "concerns 或 checkins");
    c.value(exportCmd, "--format", "csv|json", "格式（必填）");
}

void declareOffice(Collector& c, CLI::App& root) {
    auto* user = command(root, "user", "县人大工作人员的网页账号");
    auto* add = command(user, "add", "添加账号（密码从标准输入读入）");
    c.value(add, "--name", "登录名", "登录名（必填）");
    c.value(add, "--role", "admin|staff|viewer", "角色（必填）");
    c.value(add, "--display", "姓名", "显示的姓名");
    auto* password = command(user, "password", "修改密码（新密码从标准输入读入）");
    c.value(password, "--name", "登录名", "登录名（必填）");

    auto* backup = command(root, "backup", "在线备份数据库（权限 0600；PostgreSQL 用 pg_dump）");
    c.word(backup, "文件", "备份写到这里");
    auto* restore = command(root, "restore", "用备份恢复数据库（先检查备份，当前数据另存一份）");
    c.word(restore, "文件", "从这个备份恢复");
}

}  // namespace

std::variant<CliArgs, int> parseCountyServer(const std::vector<std::string>& argv,
                                             std::ostream& out, std::ostream& err) {
    CLI::App root{
        "county-server：县人大的联络站服务器（接收联络站上传、下发配置和答复，工作人员网页）",
        "county-server"};
    platform::cli::prepare(root, "county-server " COUNTY_SERVER_VERSION);
    Collector c(root);
    c.value(&root, "--db", "数据库",
            "sqlite:路径，或 PostgreSQL 的 libpq 地址 postgresql://用户@主机/库?…（必填）");
    c.value(&root, "--listen", "主机:端口", "不带命令时：在这里提供服务，例如 0.0.0.0:8443");
    c.value(&root, "--tls-cert", "文件", "HTTPS 证书（PEM）");
    c.value(&root, "--tls-key", "文件", "HTTPS 私钥（PEM）");
    declareCounty(c, root);
    declareOffice(c, root);
    if (const auto code = platform::cli::parse(root, argv, out, err)) return *code;
    if (root.get_subcommands().empty() && !c.values().contains("listen")) {
        err << root.help();
        return 2;
    }
    return CliArgs{c.values(), c.flags(), c.commandWords()};
}

}  // namespace csync::server
