#include "sync/client/sync_client.hpp"

#include <algorithm>

#include "sync/client/http_transport.hpp"
#include "sync/protocol/gzip.hpp"
#include "sync/protocol/signing.hpp"

namespace csync::client {

const char* syncErrorId(SyncError e) {
    switch (e) {
        case SyncError::None:
            return "ok";
        case SyncError::Network:
            return "network";
        case SyncError::Server:
            return "server";
        case SyncError::Auth:
            return "auth";
        case SyncError::Config:
            return "config";
        case SyncError::Protocol:
            return "protocol";
    }
    return "protocol";
}

struct SyncClient::Reply {
    HttpResponse http;
    bool ok = false;  // 2xx or 304; otherwise report.error is set
};

SyncClient::SyncClient(Connection connection, StationSide& side,
                       std::function<std::int64_t()> nowMs,
                       std::function<void(const std::string&)> log)
    : m_conn(std::move(connection)), m_side(side), m_now(std::move(nowMs)), m_log(std::move(log)) {}

SyncClient::Reply SyncClient::call(const std::string& method, const std::string& path,
                                   const std::string& body,
                                   const std::vector<std::string>& extraHeaders,
                                   SyncReport& report) {
    Reply r;
    // A stale-timestamp refusal carries the server's clock: correct once and sign again.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const std::int64_t ts = m_now() + m_offsetMs;
        HttpRequest req;
        req.method = method;
        req.url = m_conn.server + path;
        req.caCertPem = m_conn.caCertPem;
        req.timeoutMs = m_conn.timeoutMs;
        req.headers = {std::string(kHeaderStation) + ": " + m_conn.station,
                       std::string(kHeaderTimestamp) + ": " + std::to_string(ts),
                       std::string(kHeaderSignature) + ": " +
                           signRequest(m_conn.secret, method, path, ts, body),
                       "x-app-version: " + m_conn.appVersion,
                       "Expect:"};  // no 100-continue round trip before each batch
        req.headers.insert(req.headers.end(), extraHeaders.begin(), extraHeaders.end());
        if (!body.empty()) {
            req.body = gzipCompress(body);
            req.headers.push_back("Content-Type: application/json");
            req.headers.push_back("Content-Encoding: gzip");
        }
        const std::int64_t sentAt = m_now();
        r.http = perform(req);
        report.bytesSent += r.http.bytesSent;
        if (r.http.serverTimeMs) {
            // The server stamped its clock between our send and receive: take the midpoint.
            const std::int64_t local = (sentAt + m_now()) / 2;
            m_offsetMs = *r.http.serverTimeMs - local;
            report.clockOffsetMs = m_offsetMs;
        }
        const bool stale =
            r.http.status == 401 && r.http.body.find("stale_timestamp") != std::string::npos;
        if (!stale || !r.http.serverTimeMs) break;
        if (m_log)
            m_log("本机时钟与县里相差 " + std::to_string(m_offsetMs) + " 毫秒，已按县里时间校正");
    }
    const long s = r.http.status;
    if ((s >= 200 && s < 300) || s == 304) {
        r.ok = true;
        return r;
    }
    if (s == 0) {
        report.error = SyncError::Network;
        report.message = r.http.transportError;
    } else if (s >= 500 || s == 429 || s == 408) {
        report.error = SyncError::Server;
        report.message = "server answered " + std::to_string(s);
    } else if (s == 401) {
        report.error = SyncError::Auth;
        report.message = "refused (401): " + r.http.body;
    } else if (s == 403 || s == 404) {
        report.error = SyncError::Config;
        report.message = "refused (" + std::to_string(s) + "): " + r.http.body;
    } else {
        report.error = SyncError::Protocol;
        report.message = "refused (" + std::to_string(s) + "): " + r.http.body;
    }
    if (m_log)
        m_log("与县人大服务器通信未成功（" + method + " " + path + "：" + report.message + "）");
    return r;
}

bool SyncClient::upload(SyncReport& report) {
    // Everything queued before the run, and whatever arrives meanwhile, in batches of ≤ 500.
    for (int guard = 0; guard < 100000; ++guard) {
        const auto records =
            m_side.pendingRecords(std::clamp<std::size_t>(m_conn.batchSize, 1, kMaxBatchRecords));
        if (records.empty()) return true;
        BatchRequest batch;
        batch.station = m_conn.station;
        batch.batchId = platform::newUuid();
        batch.records = records;
        const Reply r =
            call("POST", std::string(kApiPrefix) + "/batches", toJson(batch).dump(), {}, report);
        if (!r.ok) return false;
        BatchResponse resp;
        try {
            resp = batchResponseFromJson(nlohmann::json::parse(r.http.body));
        } catch (const std::exception& e) {
            report.error = SyncError::Protocol;
            report.message = std::string("unreadable batch response: ") + e.what();
            return false;
        }
        std::vector<std::string> done;
        for (const auto& x : resp.results) {
            switch (x.outcome) {
                case Outcome::Accepted:
                    ++report.accepted;
                    break;
                case Outcome::Duplicate:
                    ++report.duplicates;
                    break;
                case Outcome::Conflict:
                    ++report.conflicts;
                    if (m_log) m_log("记录 " + x.id + " 与县里已有的记录不一致：" + x.reason);
                    break;
                case Outcome::Rejected:
                    ++report.rejected;
                    if (m_log) m_log("记录 " + x.id + " 被县里拒收：" + x.reason);
                    break;
            }
            done.push_back(x.id);  // the county has decided: it is not sent again
        }
        if (done.empty()) {
            report.error = SyncError::Protocol;
            report.message = "the server answered for none of the records";
            return false;
        }
        m_side.acknowledge(done, m_now());
        ++report.batches;
        if (m_log)
            m_log("上传 " + std::to_string(records.size()) + " 条记录，县里已确认 " +
                  std::to_string(done.size()) + " 条");
    }
    return true;
}

bool SyncClient::downloadConfig(SyncReport& report) {
    const std::string etag = m_side.configEtag();
    std::vector<std::string> headers;
    if (!etag.empty()) headers.push_back("If-None-Match: " + etag);
    // Once per run, after the upload: what is still queued shows on the county's station list.
    if (const std::int64_t waiting = m_side.pendingCount(); waiting >= 0)
        headers.push_back("x-queue-length: " + std::to_string(waiting));
    const Reply r = call("GET", std::string(kApiPrefix) + "/stations/" + m_conn.station + "/config",
                         "", headers, report);
    if (!r.ok) return false;
    if (r.http.status == 304) return true;
    try {
        const auto config = nlohmann::json::parse(r.http.body);
        const std::string newTag = r.http.etag.empty() ? config.value("etag", "") : r.http.etag;
        m_side.applyConfig(config, newTag);
        report.configApplied = true;
        if (m_log) m_log("已更新本站配置：代表名单和接待安排（版本 " + newTag + "）");
    } catch (const std::exception& e) {
        report.error = SyncError::Protocol;
        report.message = std::string("station config not applied: ") + e.what();
        return false;
    }
    return true;
}

bool SyncClient::downloadUpdates(SyncReport& report) {
    for (int guard = 0; guard < 10000; ++guard) {
        const std::int64_t cursor = m_side.updatesCursor();
        const Reply r = call("GET",
                             std::string(kApiPrefix) + "/stations/" + m_conn.station +
                                 "/updates?cursor=" + std::to_string(cursor),
                             "", {}, report);
        if (!r.ok) return false;
        UpdatesResponse u;
        try {
            u = updatesResponseFromJson(nlohmann::json::parse(r.http.body));
            if (u.updates.empty()) return true;
            m_side.applyUpdates(u);
        } catch (const std::exception& e) {
            report.error = SyncError::Protocol;
            report.message = std::string("concern updates not applied: ") + e.what();
            return false;
        }
        report.updatesApplied += u.updates.size();
        if (m_log) m_log("收到 " + std::to_string(u.updates.size()) + " 条意见的办理进度，已更新");
        if (u.nextCursor <= cursor) return true;  // a server that does not advance: stop
    }
    return true;
}

SyncReport SyncClient::runOnce() {
    SyncReport report;
    report.clockOffsetMs = m_offsetMs;
    if (upload(report) && downloadConfig(report)) downloadUpdates(report);
    return report;
}

}  // namespace csync::client
