#include "sync/server/staff/auth.hpp"

#include <algorithm>
#include <semaphore>

#include "platform/crypto.hpp"
#include "sync/server/address_group.hpp"

namespace csync::server::staff {
namespace {

bool validName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    });
}

// argon2id takes 64 MiB and most of a core per password: at most two at once, so a burst of
// logins bounds the server's memory and leaves CPU for the stations.
std::counting_semaphore<2> g_hashSlots(2);

struct HashSlot {
    HashSlot() { g_hashSlots.acquire(); }
    ~HashSlot() { g_hashSlots.release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

// A dummy hash keeps the time of a login for an unknown name like that of a known one.
const std::string& dummyHash() {
    static const std::string hash = platform::hashSecret("not a password of anyone");
    return hash;
}

struct Throttle {
    std::int64_t failures = 0;
    std::int64_t firstAt = 0;
    std::int64_t lockedUntil = 0;
};

Throttle readThrottle(SqlSession& sql, const std::string& key) {
    const auto rows = sql.query(
        "SELECT failures, first_at, locked_until FROM login_throttle WHERE key = $1", {key});
    if (rows.empty()) return {};
    return {rows[0].integer(0), rows[0].integer(1), rows[0].integer(2)};
}

void noteFailure(SqlSession& sql, const std::string& key, int limit, std::int64_t nowMs) {
    Throttle t = readThrottle(sql, key);
    if (nowMs - t.firstAt > kLoginLockMs) t = {0, nowMs, 0};
    ++t.failures;
    if (t.failures >= limit) t.lockedUntil = nowMs + kLoginLockMs;
    sql.exec(
        "INSERT INTO login_throttle(key, failures, first_at, locked_until) VALUES($1, $2, $3, $4) "
        "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, first_at = "
        "excluded.first_at, locked_until = excluded.locked_until",
        {key, t.failures, t.firstAt, t.lockedUntil});
}

}  // namespace

std::string passwordProblem(std::string_view password) {
    if (password.size() < 8) return "密码至少需要 8 个字符";
    if (password.size() > 256) return "密码太长";
    return "";
}

PasswordHash hashPassword(std::string_view password) {
    if (const auto problem = passwordProblem(password); !problem.empty())
        throw BackendError(problem);
    HashSlot slot;
    return PasswordHash{platform::hashSecret(password)};
}

void addUser(SqlSession& sql, const std::string& name, const std::string& display, Role role,
             const PasswordHash& password, std::int64_t nowMs) {
    if (!validName(name)) throw BackendError("登录名只能用小写字母、数字和 _ . -，最多 64 个字符");
    if (!sql.query("SELECT 1 FROM staff_user WHERE name = $1", {name}).empty())
        throw BackendError("登录名 " + name + " 已被使用");
    sql.exec(
        "INSERT INTO staff_user(name, display, role, pw_hash, active, created_at) "
        "VALUES($1, $2, $3, $4, 1, $5)",
        {name, display.empty() ? name : display, std::string(roleId(role)), password.value, nowMs});
}

bool setPassword(SqlSession& sql, const std::string& name, const PasswordHash& password) {
    const bool changed =
        sql.exec("UPDATE staff_user SET pw_hash = $1 WHERE name = $2", {password.value, name}) > 0;
    // A new password ends the user's other sessions.
    if (changed) sql.exec("DELETE FROM staff_session WHERE user_name = $1", {name});
    return changed;
}

bool updateUser(SqlSession& sql, const std::string& name, Role role, bool active) {
    const bool changed = sql.exec("UPDATE staff_user SET role = $1, active = $2 WHERE name = $3",
                                  {std::string(roleId(role)), std::int64_t{active}, name}) > 0;
    if (changed && !active) sql.exec("DELETE FROM staff_session WHERE user_name = $1", {name});
    return changed;
}

std::vector<UserRow> listUsers(SqlSession& sql) {
    std::vector<UserRow> out;
    for (const auto& r : sql.query(
             "SELECT name, display, role, active, created_at FROM staff_user ORDER BY name")) {
        UserRow u;
        u.user = {r.text(0), r.text(1), parseRole(r.text(2)).value_or(Role::Viewer)};
        u.active = r.integer(3) != 0;
        u.createdAtMs = r.integer(4);
        out.push_back(std::move(u));
    }
    return out;
}

std::int64_t activeAdminCount(SqlSession& sql) {
    return sql.query("SELECT count(*) FROM staff_user WHERE role = 'admin' AND active = 1")[0]
        .integer(0);
}

LoginResult checkLogin(Backend& backend, const std::string& name, std::string_view password,
                       const std::string& remoteAddr, std::int64_t nowMs) {
    // A name with the address it is tried from: guessing at one account from one place locks
    // only that pair, so nobody can lock a colleague out from elsewhere (issue 18). Spraying
    // many names from one address is bounded by the address's own, larger budget.
    const std::string group = addressGroup(remoteAddr);
    const std::string pairKey = "pair:" + name.substr(0, 64) + "|" + group;
    const std::string ipKey = "ip:" + group;
    LoginResult result;
    std::optional<std::string> hash;
    StaffUser user;
    {
        auto sql = backend.sql();
        const std::int64_t lockedUntil = std::max(readThrottle(*sql, pairKey).lockedUntil,
                                                  readThrottle(*sql, ipKey).lockedUntil);
        if (lockedUntil > nowMs) {
            result.outcome = LoginResult::Outcome::Locked;
            result.retryAfterMs = lockedUntil - nowMs;
            return result;
        }
        const auto rows = sql->query(
            "SELECT name, display, role, pw_hash FROM staff_user WHERE name = $1 AND active = 1",
            {name});
        if (!rows.empty()) {
            hash = rows[0].text(3);
            user = {rows[0].text(0), rows[0].text(1),
                    parseRole(rows[0].text(2)).value_or(Role::Viewer)};
        }
    }
    // argon2id takes tens of milliseconds and much memory: never while holding the database
    // (a SQLite session is the backend's lock, and every station's sync waits on it).
    bool ok = false;
    {
        HashSlot slot;
        ok = hash ? platform::verifySecret(*hash, password)
                  : (platform::verifySecret(dummyHash(), password), false);
    }
    result.known = hash.has_value();
    auto sql = backend.sql();
    if (!ok) {
        SqlTransaction tx(*sql);
        noteFailure(*sql, pairKey, kMaxLoginFailures, nowMs);
        noteFailure(*sql, ipKey, kMaxAddressFailures, nowMs);
        tx.commit();
        return result;
    }
    sql->exec("DELETE FROM login_throttle WHERE key = $1", {pairKey});
    result.outcome = LoginResult::Outcome::Ok;
    result.user = user;
    return result;
}

std::string tokenHash(std::string_view cookie) {
    return platform::toHex(platform::sha256(cookie));
}

std::string openSession(SqlSession& sql, const StaffUser& user, std::int64_t nowMs) {
    const std::string cookie = platform::toHex(platform::randomBytes(32));
    const std::string csrf = platform::toHex(platform::randomBytes(24));
    sql.exec("DELETE FROM staff_session WHERE expires_at < $1", {nowMs});
    sql.exec(
        "INSERT INTO staff_session(token_hash, user_name, csrf, created_at, expires_at) "
        "VALUES($1, $2, $3, $4, $5)",
        {tokenHash(cookie), user.name, csrf, nowMs, nowMs + kSessionIdleMs});
    return cookie;
}

std::optional<Session> findSession(SqlSession& sql, std::string_view cookie, std::int64_t nowMs) {
    if (cookie.size() != 64) return std::nullopt;
    const std::string hash = tokenHash(cookie);
    const auto rows = sql.query(
        "SELECT u.name, u.display, u.role, s.csrf, s.expires_at FROM staff_session s "
        "JOIN staff_user u ON u.name = s.user_name "
        "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3 AND u.active = 1",
        {hash, nowMs, nowMs - kSessionAbsoluteMs});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    // Slide the idle timeout, at most once a minute (one write per page view is enough).
    if (r.integer(4) - nowMs < kSessionIdleMs - 60'000)
        sql.exec("UPDATE staff_session SET expires_at = $1 WHERE token_hash = $2",
                 {nowMs + kSessionIdleMs, hash});
    return Session{
        {r.text(0), r.text(1), parseRole(r.text(2)).value_or(Role::Viewer)}, r.text(3), hash};
}

void closeSession(SqlSession& sql, const std::string& hash) {
    sql.exec("DELETE FROM staff_session WHERE token_hash = $1", {hash});
}

}  // namespace csync::server::staff
