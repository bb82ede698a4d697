#pragma once
// Staff accounts, sessions and login throttling on the office tables (county_schema.cpp).
// Passwords are argon2id strings (libsodium); sessions are random 32-byte cookies stored by hash.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/server/backend.hpp"
#include "sync/server/sql.hpp"
#include "sync/server/staff/web.hpp"

namespace csync::server::staff {

/// A user as the admin pages list them.
struct UserRow {
    StaffUser user;
    bool active = true;
    std::int64_t createdAtMs = 0;
};

/// A session found by its cookie.
struct Session {
    StaffUser user;
    std::string csrf;
    std::string tokenHash;
};

/// Sessions last this long without use.
inline constexpr std::int64_t kSessionIdleMs = 8LL * 3600 * 1000;
/// And never longer than this from login, however busy (a stolen cookie does not live forever).
inline constexpr std::int64_t kSessionAbsoluteMs = 12LL * 3600 * 1000;
/// Failed logins allowed for one name from one address (IPv6: /64) before that pair is locked.
inline constexpr int kMaxLoginFailures = 5;
/// Failed logins allowed from one address, whatever the names, before the address is locked.
inline constexpr int kMaxAddressFailures = 100;
/// How long a lock lasts, and the window the failures are counted in.
inline constexpr std::int64_t kLoginLockMs = 15LL * 60 * 1000;

/// Why a password is refused ("" when acceptable): at least 8 characters.
std::string passwordProblem(std::string_view password);
/// An argon2id password hash, made before a database session is opened (hashing is slow).
struct PasswordHash {
    std::string value;
};
/// Hashes an acceptable password; throws BackendError with passwordProblem's text otherwise.
PasswordHash hashPassword(std::string_view password);
/// Adds a user; throws BackendError when the name is taken or invalid.
void addUser(SqlSession& sql, const std::string& name, const std::string& display, Role role,
             const PasswordHash& password, std::int64_t nowMs);
/// Sets a new password; false when there is no such user.
bool setPassword(SqlSession& sql, const std::string& name, const PasswordHash& password);
/// Changes role and active flag; false when there is no such user.
bool updateUser(SqlSession& sql, const std::string& name, Role role, bool active);
/// Every user, by name.
std::vector<UserRow> listUsers(SqlSession& sql);
/// How many active admins exist (the last one may not be demoted or disabled).
std::int64_t activeAdminCount(SqlSession& sql);

/// The outcome of a login attempt.
struct LoginResult {
    enum class Outcome { Ok, BadCredentials, Locked } outcome = Outcome::BadCredentials;
    std::optional<StaffUser> user;
    std::int64_t retryAfterMs = 0;  // when Locked
    bool known = false;             // the name is an active user's (audit only then)
};
/// Checks a password, throttled per (name, address) pair and per address; opens its own short
/// sessions and hashes between them, never holding the database.
LoginResult checkLogin(Backend& backend, const std::string& name, std::string_view password,
                       const std::string& remoteAddr, std::int64_t nowMs);

/// Opens a session for user; returns the cookie value (shown to nobody else).
std::string openSession(SqlSession& sql, const StaffUser& user, std::int64_t nowMs);
/// The live session for a cookie value, extending its idle timeout.
std::optional<Session> findSession(SqlSession& sql, std::string_view cookie, std::int64_t nowMs);
/// Ends the session with this token hash.
void closeSession(SqlSession& sql, const std::string& tokenHash);
/// sha256 hex of a cookie value.
std::string tokenHash(std::string_view cookie);

}  // namespace csync::server::staff
