#include "kiosk/store/station_store.hpp"

#include <filesystem>
#include <optional>

#include "kiosk/store/schema.hpp"
#include "kiosk/store/store_error.hpp"
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

// Best effort: the station settings from a damaged file, so the fresh store keeps its identity.
std::optional<domain::Station> salvageStation(const std::string& path) {
    try {
        Database old(path, true);
        return StationRepository(old).get();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

StationStore::StationStore(const std::string& path, const platform::Clock& clock,
                           OpenOptions options)
    : m_path(path), m_clock(clock) {
    try {
        openHealthy(options);
        return;
    } catch (const StoreError& e) {
        if (e.kind() == StoreErrorKind::SchemaTooNew) throw;
        moveAside(e.what());
    } catch (const SqliteError& e) {
        if (e.code() != 11 /*CORRUPT*/ && e.code() != 26 /*NOTADB*/) throw;
        moveAside(e.what());
    }
    openHealthy(options);
    if (auto station = salvageStation(m_movedAside)) this->station().put(*station);
}

void StationStore::openHealthy(const OpenOptions& options) {
    m_db.reset();
    m_db = std::make_unique<Database>(m_path);
    // quick_check reads every page, so truncation and garbage show up here, before any write.
    const std::string check = m_db->queryText("PRAGMA quick_check");
    if (check != "ok") throw StoreError(StoreErrorKind::Io, "quick_check: " + check);
    applyPragmas(*m_db, options);
    migrate(*m_db);
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

std::string StationStore::integrityCheck() {
    return m_db->queryText("PRAGMA integrity_check");
}

}  // namespace kiosk::store
