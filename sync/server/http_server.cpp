#include "sync/server/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "platform/log.hpp"
#include "sync/protocol/json_limits.hpp"
#include "sync/server/desk/station_desk.hpp"
#include "sync/server/enrollment_codes.hpp"
#include "sync/server/http_front.hpp"
#include "sync/server/sql.hpp"
#include "sync/server/staff/web.hpp"

namespace csync::server {
namespace {

using nlohmann::json;
using Request = httplib::Request;
using Response = httplib::Response;

constexpr const char* kJson = "application/json";
constexpr std::size_t kMaxEnrollBodyBytes = 4096;

// One whole request (already read by the front) in, the response bytes out: httplib parses,
// routes and writes as it would on a socket, but never waits on a client.
class MemoryStream final : public httplib::Stream {
public:
    MemoryStream(const std::string& in, const Peer& peer) : m_in(in), m_peer(peer) {}
    bool is_readable() const override { return m_at < m_in.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, m_in.size() - m_at);
        std::memcpy(ptr, m_in.data() + m_at, n);
        m_at += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        m_out.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_peer.addr;
        port = m_peer.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = m_peer.localAddr;
        port = m_peer.localPort;
    }
    socket_t socket() const override { return -1; }  // below FD_SETSIZE: httplib never polls it
    std::string& out() { return m_out; }

private:
    const std::string& m_in;
    const Peer& m_peer;
    std::size_t m_at = 0;
    std::string m_out;
};

// Whether a response head says the connection ends after it.
bool closesConnection(std::string_view bytes) {
    const std::size_t end = bytes.find("\r\n\r\n");
    std::string head(bytes.substr(0, end));
    for (char& c : head)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return head.find("\r\nconnection: close") != std::string::npos;
}

void sendError(Response& res, int status, std::string_view id, std::string_view message) {
    res.status = status;
    res.set_content(json{{"error", id}, {"message", message}}.dump(), kJson);
}

const char* messageFor(SignatureCheck c) {
    switch (c) {
        case SignatureCheck::Missing:
            return "the request is not signed";
        case SignatureCheck::Malformed:
            return "x-timestamp or x-signature is malformed";
        case SignatureCheck::Stale:
            return "x-timestamp is too far from the server clock (see x-server-time)";
        case SignatureCheck::BadSignature:
            return "the signature does not match";
        case SignatureCheck::Ok:
            break;
    }
    return "ok";
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Whether an If-None-Match value (or ?since=) names etag: quoted or not, weak or not, or a list.
bool matchesEtag(std::string_view header, const std::string& etag) {
    std::size_t start = 0;
    while (start <= header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string_view::npos) end = header.size();
        std::string_view v = header.substr(start, end - start);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        if (v.starts_with("W/")) v.remove_prefix(2);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        if (v == etag || v == "*") return true;
        start = end + 1;
    }
    return false;
}

// The authenticated station's id for a signed /api/v1 request, or nullopt after answering 401.
std::optional<std::string> authenticate(Backend& backend, const platform::Clock& clock,
                                        const Request& req, std::string_view body, Response& res) {
    const std::string id = req.get_header_value(kHeaderStation);
    const std::string timestamp = req.get_header_value(kHeaderTimestamp);
    const std::string signature = req.get_header_value(kHeaderSignature);
    if (id.empty() || timestamp.empty() || signature.empty()) {
        sendError(res, 401, "unsigned", "x-station-id, x-timestamp and x-signature are required");
        return std::nullopt;
    }
    const auto station = backend.station(id);
    if (!station) {
        sendError(res, 401, "unknown_station", "this station is not enrolled");
        return std::nullopt;
    }
    const std::int64_t now = clock.nowMs();
    const auto check =
        checkRequest(station->secret, req.method, req.target, timestamp, signature, body, now);
    if (check != SignatureCheck::Ok) {
        sendError(res, 401, signatureCheckId(check), messageFor(check));
        return std::nullopt;
    }
    std::int64_t ts = 0;
    std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
    // A signature stays acceptable until its timestamp leaves the window; remember it that long.
    if (!backend.noteRequest(id, lower(signature), ts + kReplayWindowMs + 1000, now, ts - now,
                             req.get_header_value("x-app-version").substr(0, 64))) {
        sendError(res, 401, "replayed", "this request was already received");
        return std::nullopt;
    }
    return id;
}

// Stores the outbox length a station reports with its config download (x-queue-length), for
// the staff's station list. Once per sync run, never in the batch path; a failure here must not
// keep the station from its config.
void noteQueueLength(Backend& backend, const std::string& station, const std::string& header,
                     std::int64_t nowMs) {
    std::int64_t waiting = -1;
    const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), waiting);
    if (header.empty() || header.size() > 12 || ec != std::errc() ||
        end != header.data() + header.size() || waiting < 0)
        return;
    try {
        auto sql = backend.sql();
        sql->exec(
            "INSERT INTO station_status(station, waiting, reported_at) VALUES($1, $2, $3) "
            "ON CONFLICT(station) DO UPDATE SET waiting = excluded.waiting, "
            "reported_at = excluded.reported_at",
            {station, waiting, nowMs});
    } catch (const std::exception& e) {
        platform::logLine(platform::LogLevel::Error, "server",
                          "queue length of " + station + " not stored: " + e.what());
    }
}

// The staff pages see plain values, not httplib (sync/server/staff/web.hpp).
staff::WebRequest toWebRequest(const Request& req, bool secure) {
    staff::WebRequest w;
    w.method = req.method;
    w.path = req.path;
    w.remoteAddr = req.remote_addr;
    w.secure = secure;
    for (const auto& [k, v] : req.params) w.params.emplace(k, v);
    for (const auto& [k, v] : req.headers) w.headers[lower(k)] = v;
    for (const auto& [name, file] : req.files) {
        if (file.filename.empty())
            w.params.emplace(name, file.content);  // a plain field of a multipart form
        else
            w.files[name] = {file.filename, file.content_type, file.content};
    }
    return w;
}

// Reads (and gunzips) a body through httplib's content reader, capped as it inflates; false
// after answering 413/400.
bool readCapped(const httplib::ContentReader& reader, std::size_t cap, Response& res,
                std::string& body) {
    bool tooLarge = false;
    const bool read = reader([&](const char* data, std::size_t n) {
        if (body.size() + n > cap) {
            tooLarge = true;
            return false;
        }
        body.append(data, n);
        return true;
    });
    if (read) return true;
    if (tooLarge || res.status == 413)
        sendError(res, 413, "too_large", "the request body is too large");
    else
        sendError(res, 400, "malformed", "the request body could not be read");
    return false;
}

void sendWeb(const staff::WebResponse& w, Response& res) {
    res.status = w.status;
    for (const auto& [k, v] : w.headers) res.headers.emplace(k, v);
    res.set_content(w.body, w.contentType);
}

}  // namespace

// httplib's router and parser, fed by the front (process_request is protected).
class HttpServer::Router : public httplib::Server {
public:
    FrontReply handle(const std::string& request, const Peer& peer) {
        MemoryStream stream(request, peer);
        bool closed = false;
        const bool ok = process_request(stream, false, closed, nullptr);
        FrontReply reply{std::move(stream.out()), closed || !ok};
        if (!reply.close) reply.close = closesConnection(reply.bytes);
        return reply;
    }
};

HttpServer::HttpServer(Backend& backend, const platform::Clock& clock, const std::string& tlsCert,
                       const std::string& tlsKey)
    : m_backend(backend),
      m_clock(clock),
      m_web(staff::makeWebApp(backend, clock)),
      m_codeThrottle(std::make_unique<CodeThrottle>()),
      m_tls(!tlsCert.empty()) {
    m_http = std::make_unique<Router>();
    // Content-Length above this is refused with 413 before the body is read (the front caps
    // chunked bodies as they arrive and hands over the head alone).
    m_http->set_payload_max_length(kMaxBodyBytes);
    FrontLimits limits;
    limits.framing.maxBodyBytes = kMaxBodyBytes;
    m_front = std::make_unique<HttpFront>(
        [this](std::string request, const Peer& peer) { return m_http->handle(request, peer); },
        limits, tlsCert, tlsKey);
    routes();
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
    return m_front->bind(host, port);
}

bool HttpServer::serve() {
    return m_front->serve();
}

void HttpServer::stop() {
    m_front->stop();
}

bool HttpServer::running() const {
    return m_front->running();
}

void HttpServer::routes() {
    auto& http = *m_http;

    // httplib inflates a compressed body without a cap before a handler sees it: only the
    // routes that read through readCapped take Content-Encoding (issue 18).
    http.set_pre_routing_handler([](const Request& req, Response& res) {
        const std::string enc = req.get_header_value("Content-Encoding");
        if (enc.empty() || enc == "identity" || req.path == "/api/v1/batches" ||
            req.path == "/api/v1/enroll")
            return httplib::Server::HandlerResponse::Unhandled;
        sendError(res, 415, "unsupported_encoding", "this resource takes no compressed body");
        return httplib::Server::HandlerResponse::Handled;
    });
    // Clients correct their clocks from this header, so every response carries it.
    http.set_post_routing_handler([this](const Request&, Response& res) {
        if (!res.has_header(kHeaderServerTime))
            res.set_header(kHeaderServerTime, std::to_string(m_clock.nowMs()));
    });
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            // A staff page's upload refused unread: a page a person can read, not API JSON.
            if (res.status == 413 && req.path.rfind("/api/", 0) != 0) {
                sendWeb(m_web->tooLarge(toWebRequest(req, m_tls), kMaxBodyBytes >> 20), res);
                return httplib::Server::HandlerResponse::Handled;
            }
            switch (res.status) {
                case 404:
                    sendError(res, 404, "not_found", "no such resource");
                    break;
                case 413:
                    sendError(res, 413, "too_large", "the request body is too large");
                    break;
                case 400:
                    sendError(res, 400, "malformed", "the request could not be read");
                    break;
                default:
                    sendError(res, res.status, "error", "the request failed");
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        platform::logLine(platform::LogLevel::Error, "server",
                          req.method + " " + req.path + ": " + what);
        sendError(res, 500, "internal", "the server could not handle the request");
    });

    http.Post("/api/v1/batches", [this](const Request& req, Response& res,
                                        const httplib::ContentReader& reader) {
        std::string body;
        if (!readCapped(reader, kMaxInflatedBytes, res, body)) return;
        const auto station = authenticate(m_backend, m_clock, req, body, res);
        if (!station) return;
        // Measured before parsing: a deep payload must not reach the parser or the serialiser.
        std::string problem;
        const auto j = parseBoundedJson(body, kMaxInflatedBytes, &problem);
        if (!j) return sendError(res, 400, "malformed", problem);
        BatchRequest batch;
        try {
            batch = batchRequestFromJson(*j);
        } catch (const std::exception& e) {
            return sendError(res, 400, "malformed", e.what());
        }
        if (batch.station != *station)
            return sendError(res, 403, "wrong_station",
                             "the batch names another station than the one that signed it");
        const BatchResponse response = m_backend.storeBatch(batch, m_clock.nowMs());
        std::size_t counts[4] = {};
        for (const auto& r : response.results) ++counts[static_cast<int>(r.outcome)];
        platform::logLine(platform::LogLevel::Info, "server",
                          "station " + batch.station + " batch " + batch.batchId + ": " +
                              std::to_string(counts[0]) + " accepted, " +
                              std::to_string(counts[1]) + " duplicate, " +
                              std::to_string(counts[2]) + " conflict, " +
                              std::to_string(counts[3]) + " rejected");
        res.set_content(toJson(response).dump(), kJson);
    });

    http.Get(R"(/api/v1/stations/([^/]+)/config)", [this](const Request& req, Response& res) {
        const auto station = authenticate(m_backend, m_clock, req, "", res);
        if (!station) return;
        if (req.matches[1] != *station)
            return sendError(res, 403, "wrong_station", "a station reads only its own config");
        noteQueueLength(m_backend, *station, req.get_header_value("x-queue-length"),
                        m_clock.nowMs());
        const StationConfig config = desk::stationConfig(m_backend, *station, m_clock.nowMs());
        res.set_header("ETag", "\"" + config.etag + "\"");
        if (matchesEtag(req.get_header_value("If-None-Match"), config.etag) ||
            (req.has_param("since") && req.get_param_value("since") == config.etag)) {
            res.status = 304;
            return;
        }
        res.set_content(config.body.dump(), kJson);
    });

    http.Get(R"(/api/v1/stations/([^/]+)/updates)", [this](const Request& req, Response& res) {
        const auto station = authenticate(m_backend, m_clock, req, "", res);
        if (!station) return;
        if (req.matches[1] != *station)
            return sendError(res, 403, "wrong_station", "a station reads only its own updates");
        std::int64_t cursor = 0;
        if (req.has_param("cursor")) {
            const std::string v = req.get_param_value("cursor");
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), cursor);
            if (ec != std::errc() || end != v.data() + v.size() || cursor < 0)
                return sendError(res, 400, "malformed", "cursor must be a non-negative integer");
        }
        UpdatesResponse u;
        u.updates = m_backend.updates(*station, cursor, kMaxBatchRecords);
        u.nextCursor = u.updates.empty() ? cursor : u.updates.back().cursor;
        u.serverTimeMs = m_clock.nowMs();
        res.set_content(toJson(u).dump(), kJson);
    });

    http.Post("/api/v1/enroll",
              [this](const Request& req, Response& res, const httplib::ContentReader& reader) {
                  // The answer to a typed code is one small object; nothing larger is read.
                  std::string body;
                  if (!readCapped(reader, kMaxEnrollBodyBytes, res, body)) return;
                  enrollByCode(req, body, res);
              });

    // Everything outside /api/v1 is the staff web application and the public progress page.
    const auto web = [this](const Request& req, Response& res) {
        sendWeb(m_web->handle(toWebRequest(req, m_tls)), res);
    };
    http.Get(R"(/(?!api/).*)", web);
    http.Post(R"(/(?!api/).*)", web);
}

// Unsigned: the station has only its typed code. It sends the id the code derives and receives
// the enrollment sealed under the key the code derives, so the answer needs no trusted channel.
void HttpServer::enrollByCode(const Request& req, const std::string& body, Response& res) {
    const std::int64_t now = m_clock.nowMs();
    if (const auto wait = m_codeThrottle->waitMs(req.remote_addr, now); wait > 0) {
        res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
        return sendError(res, 429, "too_many_attempts",
                         "too many wrong codes from this address; try again later");
    }
    const json j = parseBoundedJson(body, kMaxEnrollBodyBytes).value_or(json());
    const std::string id = j.is_object() && j.contains("code_id") && j["code_id"].is_string()
                               ? j["code_id"].get<std::string>()
                               : "";
    const auto bytes = platform::fromHex(id);
    if (!bytes || bytes->size() != 32)
        return sendError(res, 400, "malformed", "code_id must be 64 hex digits");
    json sealed;
    const Redeem outcome =
        redeemEnrollmentCode(m_backend, lower(id), req.remote_addr, now, &sealed);
    switch (outcome) {
        case Redeem::Sealed:
            platform::logLine(platform::LogLevel::Info, "server",
                              "enrollment code used from " + req.remote_addr);
            return res.set_content(sealed.dump(), kJson);
        case Redeem::Unknown:
            m_codeThrottle->fail(req.remote_addr, now);
            platform::logLine(platform::LogLevel::Info, "server",
                              "wrong enrollment code from " + req.remote_addr);
            return sendError(res, 404, "code_unknown", "no such enrollment code");
        case Redeem::Used:
            return sendError(res, 410, "code_used", "this enrollment code was already used");
        case Redeem::Expired:
            return sendError(res, 410, "code_expired", "this enrollment code has expired");
        case Redeem::Revoked:
            return sendError(res, 410, "code_revoked",
                             "this enrollment code was revoked or replaced by a newer one");
    }
}

}  // namespace csync::server
