#include "sync/server/cli.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>

#include "platform/assets.hpp"
#include "platform/clock.hpp"
#include "platform/demo_guard.hpp"
#include "platform/log.hpp"
#include "platform/service_notify.hpp"
#include "platform/terminal.hpp"
#include "sync/model/concern_vocabulary.hpp"
#include "sync/model/receipt_code.hpp"
#include "sync/model/utf8.hpp"
#include "sync/protocol/enrollment_code.hpp"
#include "sync/protocol/public_summary.hpp"
#include "sync/server/command_line.hpp"
#include "sync/server/db_backup.hpp"
#include "sync/server/desk/card_desk.hpp"
#include "sync/server/desk/concern_desk.hpp"
#include "sync/server/enrollment_codes.hpp"
#include "sync/server/export.hpp"
#include "sync/server/http_server.hpp"
#include "sync/server/rules.hpp"
#include "sync/server/staff/auth.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "sync/server/staff/labels.hpp"
#include "sync/server/staff/web.hpp"

namespace csync::server {
namespace {

using nlohmann::json;

using Args = CliArgs;

// Ids that travel in URLs and QR tokens: [A-Za-z0-9._-].
bool isPlainId(std::string_view s, std::size_t maxLen) {
    if (s.empty() || s.size() > maxLen) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

bool isUtf8Text(const std::string& s) {
    return model::textLength(s).has_value();
}

// Who the history and audit log name for what was done on the command line.
const std::string kCliUser = "命令行";

std::int64_t nowMs() {
    return platform::SystemClock().nowMs();
}

// The embedded demo county keys (public: they ship in every binary).
json demoKeys() {
    const auto text = platform::asset("demo/county_demo_keys.json");
    if (!text) throw std::runtime_error("the demo county keys are not embedded");
    return json::parse(*text);
}

County demoCounty(const std::string& code, const std::string& name) {
    const json j = demoKeys();
    County c;
    c.code = j.at("sign_county").get<std::string>();
    if (c.code != code) throw UsageError("--demo goes with the demo county: --county " + c.code);
    c.name = name;
    c.seal = {platform::fromBase64(j.at("seal_public").get<std::string>()).value(),
              platform::fromBase64(j.at("seal_secret").get<std::string>()).value()};
    c.signKeyId = j.at("sign_key_id").get<std::uint16_t>();
    c.sign = {platform::fromBase64(j.at("sign_public").get<std::string>()).value(),
              platform::fromBase64(j.at("sign_secret").get<std::string>()).value()};
    return c;
}

// Whether the county runs on the embedded demo keys (then every start says so, loudly).
bool usesDemoKeys(const County& c) {
    return platform::fromBase64(demoKeys().at("seal_public").get<std::string>()) ==
           c.seal.publicKey;
}

int cmdInit(Backend& backend, const Args& a) {
    const std::string code = a.need("county");
    if (!isPlainId(code, 12)) throw UsageError("--county must be 1-12 of A-Z a-z 0-9 . _ -");
    const std::string name = a.get("name", code);
    if (!isUtf8Text(name)) throw UsageError("--name must be UTF-8 text");
    County c;
    if (a.flags.contains("demo")) {
        std::cerr << platform::kDemoKeysWarning;
        c = demoCounty(code, name);
    } else {
        c.code = code;
        c.name = name;
        auto seal = platform::makeSealKeyPair();
        c.seal = {seal.publicKey, seal.secretKey};
        auto sign = platform::makeSignKeyPair();
        c.sign = {sign.publicKey, sign.secretKey};
        c.signKeyId = 1;
    }
    backend.init(c, nowMs());
    std::cout << "initialised county " << c.code << " (" << c.name << "): QR signing key "
              << c.signKeyId << ", sealing key " << platform::toBase64(c.seal.publicKey) << "\n";
    return 0;
}

// Writes text to path with mode 0600 (it holds the station's secret), via a temporary file.
void writePrivateFile(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + path);
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t done = 0;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok) throw std::runtime_error("cannot write " + path);
}

std::string readCaCert(const Args& a) {
    if (!a.has("ca-cert")) return "";
    std::ifstream pem(a.get("ca-cert"));
    std::string text(std::istreambuf_iterator<char>(pem), {});
    if (!pem || text.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        throw UsageError("--ca-cert must be a readable PEM certificate");
    return text;
}

// Prints a new code for the clerk to read out; it is shown this once and stored nowhere.
void issueCode(Backend& backend, const Args& a, const std::string& id, const std::string& server,
               const std::string& caCert) {
    std::int64_t hours = 72;
    if (a.has("hours")) {
        const std::string h = a.get("hours");
        if (h.empty() || h.size() > 4 || h.find_first_not_of("0123456789") != std::string::npos ||
            std::stoll(h) < 1 || std::stoll(h) > 720)
            throw UsageError("--hours must be 1 to 720");
        hours = std::stoll(h);
    }
    if (!isServerUrl(server))
        throw UsageError("--server must be the http:// or https:// address stations reach");
    const auto code = issueEnrollmentCode(backend, id, server, caCert, hours * 3600 * 1000,
                                          {kCliUser, ""}, nowMs());
    std::cout << "station " << id << ": one-time enrollment code, valid until "
              << staff::formatTime(code.expiresAtMs) << " (UTC+8)\n\n    " << code.code
              << "\n\nat the station: stationctl --db DB enroll --server " << server << " --code "
              << code.code << "\n";
}

int cmdStationAdd(Backend& backend, const Args& a) {
    const std::string id = a.need("id"), name = a.need("name"), out = a.get("out");
    if (!isPlainId(id, 64)) throw UsageError("--id must be 1-64 of A-Z a-z 0-9 . _ -");
    if (name.empty() || !isUtf8Text(name)) throw UsageError("--name must be UTF-8 text");
    const bool code = a.flags.contains("code");
    if (out.empty() && !code) throw UsageError("station add needs --out FILE, --code or both");
    const auto county = backend.county();
    if (!county) throw BackendError("the database is not initialised (run init first)");
    Enrollment e;
    e.server = a.get("server", "http://127.0.0.1:8080");
    e.station = id;
    e.secret = platform::randomBytes(32);
    e.county = county->code;
    e.sealPublicKey = platform::toBase64(county->seal.publicKey);
    e.signKeys = backend.signingKeys();
    e.caCertPem = readCaCert(a);
    // The file first (as a temporary), so a station is never registered without its secret
    // having been written down.
    const std::string tmp = out + ".tmp";
    if (!out.empty()) writePrivateFile(tmp, toJson(e).dump(2) + "\n");
    try {
        backend.addStation({id, name, e.secret, nowMs(), 0, 0, ""});
    } catch (...) {
        if (!out.empty()) std::filesystem::remove(tmp);
        throw;
    }
    if (!out.empty()) {
        std::filesystem::rename(tmp, out);
        std::cout << "station " << id << " added; enrollment written to " << out << "\n";
    } else {
        std::cout << "station " << id << " added\n";
    }
    if (code) issueCode(backend, a, id, e.server, e.caCertPem);
    return 0;
}

// "station code [show|revoke] --id ID": a station's one-time enrollment codes.
int cmdStationCode(Backend& backend, const Args& a) {
    const std::string id = a.need("id");
    if (!backend.station(id)) throw BackendError("no station " + id + " is registered");
    const std::string what = a.words.size() == 3 ? a.words[2] : "";
    if (what.empty()) {
        issueCode(backend, a, id, a.get("server", "http://127.0.0.1:8080"), readCaCert(a));
    } else if (what == "revoke") {
        const int n = revokeEnrollmentCodes(backend, id, {kCliUser, ""}, nowMs());
        std::cout << "station " << id << ": " << n << " open enrollment code(s) revoked\n";
    } else if (what == "show") {
        const auto codes = enrollmentCodes(backend, id);
        if (codes.empty()) std::cout << "station " << id << " has no enrollment codes\n";
        const std::int64_t now = nowMs();
        for (const auto& c : codes) {
            std::cout << staff::formatTime(c.createdAtMs) << "\t";
            if (c.usedAtMs != 0)
                std::cout << "used " << staff::formatTime(c.usedAtMs) << " from " << c.usedFrom;
            else if (c.revokedAtMs != 0)
                std::cout << c.revokedWhy << " " << staff::formatTime(c.revokedAtMs);
            else if (c.expiresAtMs <= now)
                std::cout << "expired " << staff::formatTime(c.expiresAtMs);
            else
                std::cout << "open until " << staff::formatTime(c.expiresAtMs);
            std::cout << "\n";
        }
    } else {
        throw UsageError("station code takes show, revoke or nothing");
    }
    return 0;
}

int cmdRosterImport(Backend& backend, const Args& a) {
    if (a.words.size() != 3) throw UsageError("roster import needs one FILE");
    const std::string station = a.need("station");
    std::ifstream in(a.words[2], std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + a.words[2]);
    std::stringstream text;
    text << in.rdbuf();
    const json config = json::parse(text.str(), nullptr, false);
    if (config.is_discarded()) throw std::runtime_error(a.words[2] + " is not valid JSON");
    backend.importRoster(station, config);
    {
        // Only the command line imports a whole roster file; the staff pages audit each edit.
        auto sql = backend.sql();
        writeAudit(*sql, nowMs(), kCliUser, "roster.import", station, a.words[2], "");
    }
    std::cout << "imported " << config.value("deputies", json::array()).size() << " deputies and "
              << config.value("slots", json::array()).size() << " slots for station " << station
              << "\n";
    return 0;
}

int cmdConcernAnswer(Backend& backend, const Args& a) {
    const std::string receipt = model::canonicalReceipt(a.need("receipt"));
    const std::string status = a.get("status", "answered");
    // The station's status ids; the rules themselves are the concern desk's, as on the web.
    const auto to = model::parseStatus(status);
    if (!to || *to == model::Status::Received)
        throw UsageError("--status must be forwarded, in_progress, answered or closed");
    auto sql = backend.sql();
    std::string concernId;
    for (const auto& row : sql->query("SELECT id FROM concern WHERE receipt = $1", {receipt}))
        concernId = row.text(0);
    const auto r = desk::changeStatus(
        *sql, {concernId, *to, a.need("answer"), a.get("summary"), a.get("note")}, {kCliUser, ""},
        nowMs());
    using desk::Refusal;
    switch (r.refusal) {
        case Refusal::None:
            break;
        case Refusal::NotFound:
            throw std::runtime_error("no concern with receipt " + receipt + " was received");
        case Refusal::Transition:
            throw std::runtime_error("concern " + receipt + " is " + r.detail +
                                     "; it cannot become " + status);
        case Refusal::EmptyAnswer:
            throw UsageError("--answer is empty");
        case Refusal::AnswerTooLong:
            throw UsageError("--answer must be text of at most " +
                             std::to_string(model::kAnswerChars) + " characters (it has " +
                             r.detail + ")");
        case Refusal::NoteTooLong:
            throw UsageError("--note must be text of at most " +
                             std::to_string(model::kStatusNoteChars) + " characters (it has " +
                             r.detail + ")");
        case Refusal::BadText:
            throw UsageError("--answer, --note and --summary must be UTF-8 text");
        case Refusal::Summary:
            throw UsageError("--summary: " + r.detail);
    }
    std::cout << "concern " << r.update.receipt << " is now " << r.update.status << " (update "
              << r.update.cursor << ")\n";
    return 0;
}

int cmdRevoke(Backend& backend, const Args& a) {
    auto sql = backend.sql();
    const auto r = desk::revokeCard(*sql, a.need("serial"), {kCliUser, ""}, nowMs());
    if (!r) throw UsageError("--serial must be 16 hex digits");
    std::cout << "card " << r->serial << " revoked\n";
    return 0;
}

int cmdExport(Backend& backend, const Args& a) {
    if (a.words.size() != 2 || exportRecordType(a.words[1]).empty())
        throw UsageError("export needs concerns or checkins");
    const std::string format = a.need("format");
    if (format == "csv")
        std::cout << exportCsv(backend, a.words[1]);
    else if (format == "json")
        std::cout << exportJson(backend, a.words[1]).dump(2) << "\n";
    else
        throw UsageError("--format must be csv or json");
    std::cout.flush();
    return std::cout ? 0 : 1;
}

// One line from stdin; on a terminal the typing is not echoed.
std::string readPassword() {
    return platform::readSecretLine("password: ");
}

int cmdUser(Backend& backend, const Args& a) {
    const std::string name = a.need("name");
    std::optional<staff::Role> role;
    if (a.words[1] == "add") {
        role = staff::parseRole(a.need("role"));
        if (!role) throw UsageError("--role must be admin, staff or viewer");
    }
    const staff::PasswordHash hash = staff::hashPassword(readPassword());
    auto sql = backend.sql();
    // Audited as on the staff pages (account_pages.cpp), in the same transaction.
    SqlTransaction tx(*sql);
    if (role) {
        staff::addUser(*sql, name, a.get("display", name), *role, hash, nowMs());
        writeAudit(*sql, nowMs(), kCliUser, "user.add", name, std::string(staff::roleId(*role)),
                   "");
        tx.commit();
        std::cout << "user " << name << " added (" << staff::roleId(*role) << ")\n";
        return 0;
    }
    if (!staff::setPassword(*sql, name, hash)) throw BackendError("there is no user " + name);
    writeAudit(*sql, nowMs(), kCliUser, "user.password", name, "命令行重设", "");
    tx.commit();
    std::cout << "password of " << name << " changed\n";
    return 0;
}

int cmdServe(Backend& backend, const Args& a) {
    const std::string listen = a.need("listen");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw UsageError("--listen must be HOST:PORT");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    int port = -1;
    const std::string portText = listen.substr(colon + 1);
    if (!portText.empty() && portText.size() <= 5 &&
        portText.find_first_not_of("0123456789") == std::string::npos)
        port = std::stoi(portText);
    if (host.empty() || port < 0 || port > 65535) throw UsageError("--listen must be HOST:PORT");
    const auto county = backend.county();
    if (!county) throw BackendError("the database is not initialised (run init first)");
    if (usesDemoKeys(*county)) {
        std::cerr << platform::kDemoKeysWarning;
        platform::logLine(platform::LogLevel::Error, "server",
                          "this county uses the public demo keys: demo and tests only");
    }

    // SIGINT/SIGTERM are taken by a watcher thread (sigwait) that stops the server cleanly;
    // blocking them first makes the HTTP worker threads inherit the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    platform::SystemClock clock;
    HttpServer server(backend, clock, a.get("tls-cert"), a.get("tls-key"));
    const int bound = server.bind(host, port);
    const bool tls = a.has("tls-cert");
    std::cout << "listening on " << (tls ? "https" : "http") << "://"
              << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << bound
              << std::endl;
    // systemd (Type=notify): the port is bound and accepting from here on.
    platform::ServiceNotifier service;
    service.ready("listening on " + listen);

    std::atomic<bool> served{false};
    std::thread watcher([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (!served.load()) service.stopping();
        // stop() only works once listening has begun; wait for that (bounded by serve ending).
        while (!served.load()) {
            if (server.running()) {
                server.stop();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    const bool ok = server.serve();
    served = true;
    pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if no signal came
    watcher.join();
    service.stopping();  // also when serving ended on its own (a second STOPPING=1 is harmless)
    std::cerr << "county-server: stopped\n";
    return ok ? 0 : 1;
}

// An initialised county database (openBackend brings every table up to date on opening).
std::unique_ptr<Backend> openCounty(const std::string& db) {
    return openBackend(db, false);
}

int dispatch(const Args& a) {
    const std::string db = a.need("db");
    const auto& w = a.words;
    auto is = [&](std::initializer_list<const char*> words) {
        if (w.size() < words.size()) return false;
        std::size_t i = 0;
        for (const char* word : words)
            if (w[i++] != word) return false;
        return true;
    };
    if (w.empty()) {
        if (!a.has("listen")) throw UsageError("nothing to do");
        return cmdServe(*openBackend(db, false), a);
    }
    if (is({"backup"}) && w.size() == 2) {
        std::cout << backupDatabase(db, w[1]) << "\n";
        return 0;
    }
    if (is({"restore"}) && w.size() == 2) {
        const std::string kept = restoreDatabase(db, w[1], nowMs());
        std::cout << "已从 " << w[1] << " 恢复数据库"
                  << (kept.empty() ? std::string() : "；恢复前的数据保留在 " + kept) << "\n";
        return 0;
    }
    if (is({"init"}) && w.size() == 1) {
        // Before the database is created: a refused demo init leaves nothing behind.
        if (const auto why = platform::demoKeysRefusal(db, false);
            a.flags.contains("demo") && !why.empty() && !a.flags.contains("force-demo"))
            throw UsageError(why);
        return cmdInit(*openBackend(db, true), a);
    }
    if (is({"station", "add"}) && w.size() == 2) return cmdStationAdd(*openCounty(db), a);
    if (is({"station", "code"}) && w.size() <= 3) return cmdStationCode(*openCounty(db), a);
    if (is({"roster", "import"})) return cmdRosterImport(*openCounty(db), a);
    if (is({"concern", "answer"}) && w.size() == 2) return cmdConcernAnswer(*openCounty(db), a);
    if (is({"revoke"}) && w.size() == 1) return cmdRevoke(*openCounty(db), a);
    if (is({"export"})) return cmdExport(*openCounty(db), a);
    if ((is({"user", "add"}) || is({"user", "password"})) && w.size() == 2)
        return cmdUser(*openCounty(db), a);
    throw UsageError("unknown command " + w.front());
}

}  // namespace

int runCli(const std::vector<std::string>& args) {
    auto parsed = parseCountyServer(args, std::cout, std::cerr);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    try {
        return dispatch(std::get<CliArgs>(parsed));
    } catch (const UsageError& e) {
        std::cerr << "county-server: 错误：" << e.what() << "（加 --help 查看用法）\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "county-server: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace csync::server
