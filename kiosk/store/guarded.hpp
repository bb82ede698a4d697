#pragma once
// Turns SQLite failures during a write into StoreErrors the caller can word for its user.
#include <string>
#include <utility>

#include "kiosk/store/sqlite.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::store {

/// Runs write(); SQLITE_FULL becomes StoreError(DiskFull), other SQLite errors StoreError(Io).
template <typename F>
auto guarded(F&& write) {
    constexpr int kSqliteFull = 13;
    try {
        return std::forward<F>(write)();
    } catch (const SqliteError& e) {
        if (e.code() == kSqliteFull)
            throw StoreError(StoreErrorKind::DiskFull, std::string("disk full: ") + e.what());
        throw StoreError(StoreErrorKind::Io, e.what());
    }
}

}  // namespace kiosk::store
