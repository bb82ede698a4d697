#include "kiosk/store/station_store.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/store/sync_repo.hpp"
#include "platform/log.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

void applyPragmas(Database& db, const OpenOptions& options) {
    db.exec("PRAGMA busy_timeout = " + std::to_string(options.busyTimeoutMs));
    db.queryText("PRAGMA journal_mode = WAL");
    db.exec(options.synchronousFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
}

// What a damaged file still yields (best effort): the station itself, and its settings, so the
// fresh store keeps its identity *and its enrollment* (server, secret, county keys, staff PIN).
// Only the download progress is left behind, so the roster and answers come again.
struct Salvage {
    std::optional<domain::Station> station;
    std::vector<std::pair<std::string, std::string>> settings;
};

Salvage salvage(const std::string& path) {
    Salvage out;
    try {
        Database old(path, true);
        out.station = StationRepository(old).get();
    } catch (const std::exception&) {
    }
    try {
        Database old(path, true);
        auto& rows = old.cached("SELECT key, value FROM setting");
        while (rows.step()) {
            std::string key = rows.getText(0);
            if (key == "sync.config_etag" || key == "sync.cursor") continue;
            out.settings.emplace_back(std::move(key), rows.getText(1));
        }
    } catch (const std::exception&) {
        // Rows read before the damage are kept.
    }
    return out;
}

std::string damageMarker(const std::string& path) {
    return path + ".check-failed";
}

}  // namespace

std::optional<std::string> storeFileDamage(const std::string& path) {
    try {
        Database db(path, true);
        db.exec("PRAGMA busy_timeout = 5000");
        const std::string check = db.queryText("PRAGMA quick_check");
        if (check != "ok") return "quick_check: " + check;
    } catch (const SqliteError& e) {
        if (e.code() == 11 /*CORRUPT*/ || e.code() == 26 /*NOTADB*/) return e.what();
    }
    return std::nullopt;
}

void markStoreDamaged(const std::string& path, const std::string& why) {
    std::FILE* f = std::fopen(damageMarker(path).c_str(), "w");
    if (!f) return;
    std::fputs(why.c_str(), f);
    std::fclose(f);
}

StationStore::StationStore(const std::string& path, const platform::Clock& clock,
                           OpenOptions options)
    : m_path(path), m_clock(clock) {
    // A file the background check found damaged is checked now, whatever the options say.
    const std::string marker = damageMarker(path);
    if (fs::exists(marker)) options.checkOnOpen = true;
    try {
        openHealthy(options);
        fs::remove(marker);  // checked and healthy after all (or checked as usual)
        return;
    } catch (const StoreError& e) {
        // A newer file, or one whose upgrade failed, is healthy: never move it aside.
        if (e.kind() == StoreErrorKind::SchemaTooNew || e.kind() == StoreErrorKind::MigrationFailed)
            throw;
        moveAside(e.what());
    } catch (const SqliteError& e) {
        if (e.code() != 11 /*CORRUPT*/ && e.code() != 26 /*NOTADB*/) throw;
        moveAside(e.what());
    }
    openHealthy(options);
    fs::remove(marker);
    const Salvage saved = salvage(m_movedAside);
    Transaction tx(*m_db);
    if (saved.station) this->station().put(*saved.station);
    for (const auto& [key, value] : saved.settings) this->station().setSetting(key, value);
    const bool enrolled = this->station().setting("sync.secret").has_value();
    // Staff see it in the sync log (本机设置 → 同步记录), not only the journal.
    SyncRepository(*m_db).log(
        "本机数据库损坏，已另存为 " + m_movedAside +
            (enrolled ? "；接入信息已保留" : "；接入信息未能恢复，请重新接入"),
        m_clock.nowMs());
    tx.commit();
    platform::logLine(
        platform::LogLevel::Error, "store",
        std::string("fresh store after damage: ") +
            (saved.station ? "station kept" : "station NOT recovered") + ", " +
            (enrolled ? "enrollment kept" : "enrollment NOT recovered (enroll again)"));
}

void StationStore::openHealthy(const OpenOptions& options) {
    m_db.reset();
    m_db = std::make_unique<Database>(m_path);
    // quick_check reads every page, so truncation and garbage show up here, before any write.
    // Opening at all reads the header and the schema, which catches what is not a database.
    m_db->queryInt("SELECT COUNT(*) FROM sqlite_master");
    if (options.checkOnOpen) {
        const std::string check = m_db->queryText("PRAGMA quick_check");
        if (check != "ok") throw StoreError(StoreErrorKind::Io, "quick_check: " + check);
    }
    applyPragmas(*m_db, options);
    try {
        migrate(*m_db, -1, [this](int from) {
            if (from > 0) backupBeforeUpgrade(from);  // a new file has nothing to keep
        });
    } catch (const StoreError& e) {
        if (e.kind() != StoreErrorKind::MigrationFailed) throw;
        const std::string what =
            std::string(e.what()) +
            (m_upgradeBackup.empty() ? std::string() : "; backup: " + m_upgradeBackup);
        platform::logLine(platform::LogLevel::Error, "store",
                          "upgrading " + m_path + " failed, nothing was changed: " + what);
        throw StoreError(StoreErrorKind::MigrationFailed, what);
    }
}

void StationStore::backupBeforeUpgrade(int fromVersion) {
    // One per target version and day: a kiosk restarted in a loop over a failing upgrade
    // replaces that day's copy (the file is unchanged by the failure) rather than filling the
    // disk.
    const auto local = domain::toLocal(m_clock.nowMs(), domain::kChinaUtcOffsetMinutes);
    std::string date = domain::formatDate(local.date);
    std::erase(date, '-');
    m_upgradeBackup = m_path + ".before-v" + std::to_string(latestSchemaVersion()) + "-" + date;
    try {
        // Through a second connection: this one holds the upgrade's write lock (SQLite cannot
        // back up from a connection inside a write transaction). Nothing can change the file
        // meanwhile, so the copy is exactly the file before the upgrade.
        Database source(m_path, true);
        source.exec("PRAGMA busy_timeout = 5000");
        source.backupTo(m_upgradeBackup);
    } catch (const std::exception& e) {  // no upgrade without a copy to go back to
        throw StoreError(StoreErrorKind::MigrationFailed,
                         "cannot write the backup " + m_upgradeBackup + ": " + e.what());
    }
    platform::logLine(platform::LogLevel::Info, "store",
                      "upgrading " + m_path + " from schema " + std::to_string(fromVersion) +
                          " to " + std::to_string(latestSchemaVersion()) +
                          "; backup: " + m_upgradeBackup);
}

void StationStore::moveAside(const std::string& reason) {
    m_db.reset();
    std::string target = m_path + ".corrupt-" + std::to_string(m_clock.nowMs() / 1000);
    for (int n = 1; fs::exists(target); ++n) target += "." + std::to_string(n);
    fs::rename(m_path, target);
    for (const char* suffix : {"-wal", "-shm"}) {
        std::error_code ec;
        if (fs::exists(m_path + suffix)) fs::rename(m_path + suffix, target + suffix, ec);
    }
    m_movedAside = target;
    platform::logLine(platform::LogLevel::Error, "store",
                      "database " + m_path + " is damaged (" + reason + "); moved aside to " +
                          target + " and starting a fresh store");
}

std::int64_t StationStore::changeStamp() {
    // data_version moves on other connections' commits, total_changes() on this one's rows.
    return (m_db->queryInt("PRAGMA data_version") << 32) + m_db->queryInt("SELECT total_changes()");
}

StationStore::ChangeCounts StationStore::changeCounts() {
    ChangeCounts c;
    auto& st = m_db->cached("SELECT topic, n FROM change_count");
    while (st.step()) (st.getText(0) == "board" ? c.board : c.roster) = st.getInt(1);
    st.reset();
    return c;
}

std::string StationStore::integrityCheck() {
    return m_db->queryText("PRAGMA integrity_check");
}

}  // namespace kiosk::store
