#include "kiosk/store/backup.hpp"

#include <filesystem>

#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/sqlite.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/log.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

// Reasons are shown to the operator after the error.not_station_file text.
[[noreturn]] void notStationFile(const std::string& reason) {
    throw StoreError(StoreErrorKind::NotStationFile, reason);
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// "20261115-100000" in station-local (China) time.
std::string stamp(platform::EpochMs now) {
    const auto local = domain::toLocal(now, domain::kChinaUtcOffsetMinutes);
    std::string date = domain::formatDate(local.date);
    std::erase(date, '-');
    std::string time = domain::formatTimeOfDay(local.minuteOfDay);
    std::erase(time, ':');
    const auto seconds = static_cast<int>((now / 1000) % 60);
    return date + "-" + time + (seconds < 10 ? "0" : "") + std::to_string(seconds);
}

}  // namespace

StationFileInfo inspectStationFile(const std::string& file) {
    if (!fs::is_regular_file(file)) notStationFile("文件不存在：" + file);
    StationFileInfo info;
    try {
        Database db(file, true);
        const std::string check = db.queryText("PRAGMA quick_check");
        if (check != "ok") notStationFile("数据库已损坏（" + check + "）");
        info.schemaVersion = schemaVersion(db);
        for (const char* table : {"station", "deputy", "checkin", "concern", "ledger", "outbox"}) {
            auto& st =
                db.cached("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
            st.bindAll(table);
            if (!st.step() || st.getInt(0) != 1)
                notStationFile("不是联络站数据库（没有 " + std::string(table) + " 表）");
        }
        if (info.schemaVersion < 1) notStationFile("不是联络站数据库（没有版本号）");
        info.concerns = db.queryInt("SELECT count(*) FROM concern");
        info.checkins = db.queryInt("SELECT count(*) FROM checkin");
        info.ledger = db.queryInt("SELECT count(*) FROM ledger");
        info.stationName = db.queryText("SELECT name FROM station");
    } catch (const SqliteError& e) {
        notStationFile("不是可读的 SQLite 数据库（" + std::string(e.what()) + "）");
    }
    if (info.schemaVersion > latestSchemaVersion())
        throw StoreError(StoreErrorKind::SchemaTooNew,
                         file + " has schema version " + std::to_string(info.schemaVersion));
    return info;
}

StationFileInfo backupStation(const std::string& dbPath, const std::string& file) {
    if (!fs::is_regular_file(dbPath)) notStationFile("数据文件不存在：" + dbPath);
    if (sameFile(dbPath, file)) notStationFile("备份文件不能是数据文件本身");
    {
        Database db(dbPath);
        db.exec("PRAGMA busy_timeout = 5000");
        db.backupTo(file);
    }
    return inspectStationFile(file);  // the copy is readable and holds a station
}

RestoreResult restoreStation(const std::string& dbPath, const std::string& file,
                             const platform::Clock& clock) {
    if (sameFile(dbPath, file)) notStationFile("要恢复的文件就是当前数据文件");
    RestoreResult result;
    result.restored = inspectStationFile(file);
    if (!fs::exists(dbPath)) {
        Database fresh(dbPath);
        fresh.restoreFrom(file);
        return result;
    }
    std::string kept = dbPath + ".before-restore-" + stamp(clock.nowMs());
    for (int n = 1; fs::exists(kept); ++n) kept += "." + std::to_string(n);
    bool copied = false;
    try {
        Database current(dbPath);
        current.exec("PRAGMA busy_timeout = 5000");
        current.backupTo(kept);
        copied = true;
        result.keptCopy = kept;
        // Through the live file: a kiosk that still has it open sees the restored data.
        current.restoreFrom(file);
        return result;
    } catch (const SqliteError& e) {
        if (copied) throw;  // the restore itself failed and rolled back: nothing changed
        platform::logLine(platform::LogLevel::Warning, "store",
                          "cannot copy " + dbPath + " (" + e.what() + "); moving it aside");
    }
    // The current file cannot even be read: keep it as it is, bytes and WAL, under the new name.
    fs::rename(dbPath, kept);
    for (const char* suffix : {"-wal", "-shm"}) {
        std::error_code ec;
        if (fs::exists(dbPath + suffix)) fs::rename(dbPath + suffix, kept + suffix, ec);
    }
    result.keptCopy = kept;
    Database fresh(dbPath);
    fresh.restoreFrom(file);
    return result;
}

}  // namespace kiosk::store
