#include "sync/server/db_backup.hpp"

#include "sync/model/local_time.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "platform/sqlite_db.hpp"
#include "sync/server/county_schema.hpp"

extern char** environ;

namespace csync::server {
namespace {

namespace fs = std::filesystem;

bool isPostgres(std::string_view url) {
    return url.starts_with("postgresql:") || url.starts_with("postgres:");
}

std::string sqlitePath(std::string_view url) {
    if (!url.starts_with("sqlite:") || url.size() == 7)
        throw std::runtime_error("--db 应为 sqlite:路径 或 postgresql://…");
    return std::string(url.substr(7));
}

// "20261115-100000", county time (UTC+8, as everywhere on the server).
std::string stamp(std::int64_t nowMs) {
    const auto local = model::toLocal(nowMs, model::kChinaUtcOffsetMinutes);
    const int second = static_cast<int>(((nowMs / 1000) % 60 + 60) % 60);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d-%02d%02d%02d", local.date.year, local.date.month,
                  local.date.day, local.minuteOfDay / 60, local.minuteOfDay % 60, second);
    return buf;
}

std::string freeName(std::string name) {
    for (int n = 1; fs::exists(name); ++n) name += "." + std::to_string(n);
    return name;
}

// Runs a PostgreSQL client tool (no shell) and returns its exit code; stdout and stderr go to
// `output`.
int runTool(const std::vector<std::string>& args, std::string& output) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe 失败");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw std::runtime_error("无法运行 " + args[0] + "（请安装 postgresql-client）");
    }
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        output.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Creates (or empties) path with mode 0600 before a tool writes into it.
void createPrivate(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("无法写入 " + path);
    ::fchmod(fd, 0600);
    ::close(fd);
}

void pgDump(std::string_view url, const std::string& file) {
    const std::string partial = file + ".partial";
    createPrivate(partial);
    std::string output;
    if (runTool({"pg_dump", "--format=custom", "--no-owner", "--file=" + partial,
                 "--dbname=" + std::string(url)},
                output) != 0) {
        fs::remove(partial);
        throw std::runtime_error("pg_dump 失败：" + output);
    }
    fs::rename(partial, file);
}

// The county tables a backup must hold (SQLite and PostgreSQL alike).
constexpr const char* kCountyTables[] = {"county", "station", "record", "concern_update"};

void checkSqliteBackup(const std::string& file) {
    if (!fs::is_regular_file(file)) throw std::runtime_error("文件不存在：" + file);
    try {
        platform::SqliteDb db(file, true);
        const std::string check = db.queryText("PRAGMA quick_check");
        if (check != "ok") throw std::runtime_error("备份文件已损坏（" + check + "）");
        for (const char* table : kCountyTables) {
            auto& st =
                db.cached("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
            st.bindAll(table);
            if (!st.step() || st.getInt(0) != 1)
                throw std::runtime_error(file + " 不是县级服务器数据库（没有 " +
                                         std::string(table) + " 表），没有做任何改动");
        }
        const auto version = db.queryInt("PRAGMA user_version");
        if (version < 1 || version > kCountySchemaVersion)
            throw std::runtime_error(file + " 的数据库版本（" + std::to_string(version) +
                                     "）不是本程序支持的，没有做任何改动");
    } catch (const platform::SqliteError& e) {
        throw std::runtime_error(file + " 不是可读的 SQLite 数据库，没有做任何改动（" +
                                 std::string(e.what()) + "）");
    }
}

void checkPgBackup(const std::string& file) {
    if (!fs::is_regular_file(file)) throw std::runtime_error("文件不存在：" + file);
    std::string listing;
    if (runTool({"pg_restore", "--list", file}, listing) != 0)
        throw std::runtime_error(file + " 不是 pg_dump 备份文件，没有做任何改动");
    for (const char* table : kCountyTables)
        if (listing.find(std::string(" TABLE public ") + table + " ") == std::string::npos)
            throw std::runtime_error(file + " 不是县级服务器数据库的备份（没有 " +
                                     std::string(table) + " 表），没有做任何改动");
}

}  // namespace

std::string backupDatabase(std::string_view url, const std::string& file) {
    if (isPostgres(url)) {
        pgDump(url, file);
        return "已用 pg_dump 备份到 " + file;
    }
    const std::string path = sqlitePath(url);
    if (!fs::is_regular_file(path)) throw std::runtime_error("数据库文件不存在：" + path);
    std::error_code ec;
    if (fs::exists(file) && fs::equivalent(path, file, ec))
        throw std::runtime_error("备份文件不能是数据库文件本身");
    {
        platform::SqliteDb db(path);
        db.exec("PRAGMA busy_timeout = 5000");
        db.backupTo(file);
    }
    checkSqliteBackup(file);
    return "已备份到 " + file;
}

std::string restoreDatabase(std::string_view url, const std::string& file, std::int64_t nowMs) {
    if (isPostgres(url)) {
        checkPgBackup(file);
        const fs::path dir = fs::path(file).parent_path();
        const std::string kept =
            freeName((dir / ("county-before-restore-" + stamp(nowMs) + ".dump")).string());
        pgDump(url, kept);
        // One transaction: a restore that fails part way leaves the database as it was.
        std::string output;
        if (runTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                     "--exit-on-error", "--dbname=" + std::string(url), file},
                    output) != 0)
            throw std::runtime_error("pg_restore 失败，数据库没有改动：" + output);
        return kept;
    }
    const std::string path = sqlitePath(url);
    std::error_code ec;
    if (fs::exists(path) && fs::equivalent(path, file, ec))
        throw std::runtime_error("要恢复的文件就是当前数据库文件");
    checkSqliteBackup(file);
    std::string kept;
    platform::SqliteDb db(path);
    db.exec("PRAGMA busy_timeout = 5000");
    if (fs::file_size(path) > 0 || fs::exists(path + "-wal")) {
        kept = freeName(path + ".before-restore-" + stamp(nowMs));
        db.backupTo(kept);
    }
    db.restoreFrom(file);
    return kept;
}

}  // namespace csync::server
