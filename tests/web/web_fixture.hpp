#pragma once
// In-process tests of the staff web application: the real WebApp on a real county database of
// each backend (temp SQLite file, or a database in the throwaway PostgreSQL cluster), requests
// as plain values, a manual clock. Helpers log in as each role and store records as a station
// would upload them.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../server/server_fixture.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "sync/protocol/record.hpp"
#include "sync/server/backend.hpp"
#include "sync/server/desk/concern_desk.hpp"
#include "sync/server/staff/auth.hpp"
#include "sync/server/staff/web.hpp"

namespace webtest {

using csync::server::staff::Role;
using csync::server::staff::WebRequest;
using csync::server::staff::WebResponse;
using nlohmann::json;
using servertest::Db;

/// A logged-in browser: its session cookie and CSRF token (empty for an anonymous one).
struct Browser {
    std::string cookie;
    std::string csrf;
    std::string user;
};

/// 2025-11-23 10:00 in county time (UTC+8).
inline constexpr std::int64_t kNow = 1763863200000;

class WebFixture : public servertest::BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        m_clock.set(kNow);
        m_backend = csync::server::openBackend(freshDb("county"), true);
        csync::server::County c;
        c.code = "430321";
        c.name = "湘潭县";
        const auto seal = platform::makeSealKeyPair();
        c.seal = {seal.publicKey, seal.secretKey};
        const auto sign = platform::makeSignKeyPair();
        c.sign = {sign.publicKey, sign.secretKey};
        m_backend->init(c, kNow);
        for (const auto& [id, name] :
             {std::pair{"s1", "花石镇代表联络站"}, std::pair{"s2", "易俗河镇代表联络站"}}) {
            csync::server::StationRow s;
            s.id = id;
            s.name = name;
            s.secret = platform::randomBytes(32);
            s.createdAtMs = kNow;
            m_backend->addStation(s);
        }
        m_app = csync::server::staff::makeWebApp(*m_backend, m_clock);
    }
    void TearDown() override {
        m_app.reset();
        m_backend.reset();
    }

    /// Publishes an answer to the concern with this receipt through the concern desk, as a
    /// staff member would (with a 公示摘要 of staff's own words).
    void publishAnswer(const std::string& receipt, const std::string& answer, std::int64_t at) {
        auto sql = m_backend->sql();
        const auto rows = sql->query("SELECT id FROM concern WHERE receipt = $1", {receipt});
        ASSERT_EQ(rows.size(), 1u) << receipt;
        const auto r = csync::server::desk::changeStatus(
            *sql,
            {rows[0].text(0), csync::model::Status::Answered, answer, "群众反映的问题已办理", ""},
            {"测试", ""}, at);
        ASSERT_TRUE(r.ok()) << r.detail;
    }

    /// A user of this role (created on first use, login name = role id) with a live session.
    Browser as(Role role) {
        const std::string name(csync::server::staff::roleId(role));
        auto sql = m_backend->sql();
        if (sql->query("SELECT 1 FROM staff_user WHERE name = $1", {name}).empty())
            csync::server::staff::addUser(*sql, name, name + " 测试", role,
                                          csync::server::staff::hashPassword("password-" + name),
                                          m_clock.nowMs());
        Browser b;
        b.user = name;
        b.cookie = csync::server::staff::openSession(*sql, {name, name, role}, m_clock.nowMs());
        b.csrf = csync::server::staff::findSession(*sql, b.cookie, m_clock.nowMs())->csrf;
        return b;
    }

    /// GET path (may carry ?query) as browser.
    WebResponse get(const std::string& path, const Browser& b = {}) {
        return send("GET", path, {}, b);
    }
    /// POST a form as browser; the CSRF token is added unless withCsrf is false.
    WebResponse post(const std::string& path, std::multimap<std::string, std::string> form,
                     const Browser& b = {}, bool withCsrf = true) {
        if (withCsrf && !b.csrf.empty()) form.emplace("_csrf", b.csrf);
        return send("POST", path, std::move(form), b);
    }
    WebResponse send(const std::string& method, const std::string& target,
                     std::multimap<std::string, std::string> params, const Browser& b) {
        WebRequest req;
        req.method = method;
        req.remoteAddr = "127.0.0.1";
        const auto q = target.find('?');
        req.path = target.substr(0, q);
        if (q != std::string::npos) {
            std::string rest = target.substr(q + 1);
            std::size_t start = 0;
            while (start <= rest.size()) {
                auto end = rest.find('&', start);
                if (end == std::string::npos) end = rest.size();
                const std::string kv = rest.substr(start, end - start);
                const auto eq = kv.find('=');
                if (!kv.empty())
                    params.emplace(kv.substr(0, eq),
                                   eq == std::string::npos ? "" : kv.substr(eq + 1));
                start = end + 1;
            }
        }
        req.params = std::move(params);
        if (!b.cookie.empty()) req.headers["cookie"] = "cs_session=" + b.cookie;
        return m_app->handle(req);
    }

    /// The Location header of a redirect ("" when none).
    static std::string location(const WebResponse& r) {
        for (const auto& [k, v] : r.headers)
            if (k == "Location") return v;
        return "";
    }

    /// Stores records as if station uploaded them; returns the records.
    void upload(const std::string& station, const std::vector<csync::Record>& records) {
        csync::BatchRequest batch;
        batch.station = station;
        batch.batchId = platform::newUuid();
        batch.records = records;
        const auto res = m_backend->storeBatch(batch, m_clock.nowMs());
        for (const auto& r : res.results)
            ASSERT_EQ(r.outcome, csync::Outcome::Accepted) << r.reason;
    }
    /// A concern record as the kiosk makes it (contact sealed when given).
    csync::Record concern(const std::string& receipt, const std::string& text,
                          const std::string& category = "rural", const std::string& deputy = "",
                          std::int64_t at = kNow - 3600000, const std::string& contactName = "",
                          const std::string& phone = "") {
        json p{{"receipt", receipt}, {"category", category}, {"text", text},
               {"place", "花石镇"},  {"deputy", deputy},     {"taken_by", "self"},
               {"created_at", at},   {"status", "received"}};
        if (!contactName.empty() || !phone.empty()) {
            const auto county = m_backend->county();
            const std::string contact = json{{"name", contactName}, {"phone", phone}}.dump();
            p["contact_sealed"] =
                platform::toBase64(platform::seal(county->seal.publicKey, contact));
        }
        return {platform::newUuid(), "concern", at, csync::canonicalJson(p)};
    }
    /// A check-in record (direction "in" or "out", method "qr" or "staff").
    static csync::Record checkin(const std::string& deputy, std::int64_t at,
                                 const std::string& direction = "in", bool planned = true) {
        const json p{{"deputy", deputy}, {"at", at},    {"direction", direction},
                     {"method", "qr"},   {"key_id", 1}, {"planned", planned}};
        return {platform::newUuid(), "checkin", at, csync::canonicalJson(p)};
    }

    platform::ManualClock m_clock{kNow};
    std::unique_ptr<csync::server::Backend> m_backend;
    std::unique_ptr<csync::server::staff::WebApp> m_app;
};

using servertest::dbName;

}  // namespace webtest
