// Sync benchmarks (DESIGN.md §7) on loopback against the real county-server:
//  1. 10,000 queued records from one station (its real SQLite store) in batches of 500, against
//     one request per record (measured on the first 1,000 records, scaled to 10,000).
//  2. 200 stations syncing at once (in-memory outboxes of 100 records each): throughput, p99
//     time of a sync run, errors.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include <optional>

#include "kiosk/store/station_store.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "pg_cluster.hpp"
#include "run_process.hpp"
#include "server_process.hpp"
#include "sync/client/http_transport.hpp"
#include "sync/client/sync_client.hpp"
#include "sync/protocol/gzip.hpp"
#include "sync/protocol/signing.hpp"
#include "temp_dir.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string payload(int i) {
    // Receipt codes are unique county-wide (the server rejects a taken one), as the kiosk's
    // random codes are: one counter for every record of every part and station.
    static std::atomic<int> receipts{0};
    return csync::canonicalJson(
        {{"receipt", "B" + std::to_string(100000000 + receipts++).substr(1)},
         {"category", "rural"},
         {"text", "第" + std::to_string(i) + "条：村里的水渠堵了，雨天农田积水，希望尽快疏通。"},
         {"place", "石塘村"},
         {"deputy", "d07"},
         {"taken_by", "self"},
         {"created_at", 1795000000000LL + i},
         {"status", "received"}});
}

// An outbox in memory, for the many-stations run (the store is measured in part 1).
class MemorySide final : public csync::client::StationSide {
public:
    explicit MemorySide(int n, const std::string& prefix) {
        for (int i = 0; i < n; ++i)
            m_pending.push_back(
                {prefix + "-" + std::to_string(i), "concern", 1795000000000LL + i, payload(i)});
    }
    std::vector<csync::Record> pendingRecords(std::size_t limit) override {
        return {m_pending.begin(), m_pending.begin() + std::min(limit, m_pending.size())};
    }
    void acknowledge(const std::vector<std::string>& ids, std::int64_t) override {
        m_pending.erase(m_pending.begin(),
                        m_pending.begin() + std::min(ids.size(), m_pending.size()));
    }
    std::string configEtag() override { return m_etag; }
    void applyConfig(const nlohmann::json&, const std::string& etag) override { m_etag = etag; }
    std::int64_t updatesCursor() override { return 0; }
    void applyUpdates(const csync::UpdatesResponse&) override {}

private:
    std::vector<csync::Record> m_pending;
    std::string m_etag;
};

// countyDb: a SQLite path, or a postgresql:// URL.
csync::Enrollment enroll(const std::string& countyDb, const std::string& id, const std::string& url,
                         const std::string& file) {
    const std::string db = countyDb.starts_with("postgres") ? countyDb : "sqlite:" + countyDb;
    const auto r = testsupport::runProcess(
        COUNTY_SERVER_PATH, {"--db", db, "station", "add", "--id", id, "--name", "站点" + id,
                             "--out", file, "--server", url});
    if (r.exitCode != 0) throw std::runtime_error(r.err);
    std::ifstream in(file);
    return csync::enrollmentFromJson(nlohmann::json::parse(in));
}

csync::client::Connection connectionOf(const csync::Enrollment& e) {
    return {e.server, e.station, e.secret, e.caCertPem, "bench", 60000};
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Ingest {
    double rate = 0;  // records per second
    double ms = 0;
    int errors = 0;
};

// The server alone: 20,000 records in pre-built, pre-compressed batches of 500 from 8 stations
// posting at once (the client's JSON and store work is not in this figure).
Ingest measureIngest(const std::string& countyDb, const testsupport::ServerProcess& server,
                     testsupport::TempDir& dir) {
    const platform::SystemClock clock;
    constexpr int kIngestStations = 8, kBatchesEach = 5;
    struct Prepared {
        csync::Enrollment e;
        std::vector<std::pair<std::string, std::string>> bodies;  // plain (signed), gzip (sent)
    };
    std::vector<Prepared> prepared;
    for (int s = 0; s < kIngestStations; ++s) {
        Prepared p{enroll(countyDb, "i" + std::to_string(s), server.url(),
                          dir.file("i" + std::to_string(s) + ".json")),
                   {}};
        for (int b = 0; b < kBatchesEach; ++b) {
            csync::BatchRequest batch{1, p.e.station, platform::newUuid(), {}};
            for (int i = 0; i < 500; ++i)
                batch.records.push_back(
                    {platform::newUuid(), "concern", 1795000000000LL + i, payload(b * 500 + i)});
            const std::string plain = toJson(batch).dump();
            p.bodies.emplace_back(plain, csync::gzipCompress(plain));
        }
        prepared.push_back(std::move(p));
    }
    std::atomic<int> ingestErrors{0};
    std::vector<std::thread> posters;
    const auto i0 = Clock::now();
    for (auto& p : prepared)
        posters.emplace_back([&] {
            for (const auto& [plain, gz] : p.bodies) {
                const std::int64_t ts = clock.nowMs();
                csync::client::HttpRequest req;
                req.method = "POST";
                req.url = server.url() + "/api/v1/batches";
                req.body = gz;
                req.headers = {
                    std::string(csync::kHeaderStation) + ": " + p.e.station,
                    std::string(csync::kHeaderTimestamp) + ": " + std::to_string(ts),
                    std::string(csync::kHeaderSignature) + ": " +
                        csync::signRequest(p.e.secret, "POST", "/api/v1/batches", ts, plain),
                    "Content-Type: application/json",
                    "Content-Encoding: gzip",
                    "Expect:"};
                const auto r = csync::client::perform(req);
                if (r.status != 200) ++ingestErrors;
            }
        });
    for (auto& t : posters) t.join();
    const double ingestMs = msSince(i0);
    return {kIngestStations * kBatchesEach * 500 / (ingestMs / 1000), ingestMs,
            ingestErrors.load()};
}

}  // namespace

int main() {
    testsupport::TempDir dir;
    const std::string countyDb = dir.file("county.db");
    if (testsupport::runProcess(COUNTY_SERVER_PATH,
                                {"--db", "sqlite:" + countyDb, "init", "--county", "430321"})
            .exitCode)
        return 1;
    testsupport::ServerProcess server(COUNTY_SERVER_PATH, countyDb);
    const platform::SystemClock clock;
    auto now = [&] { return clock.nowMs(); };

    // 1. One station, 10,000 records in its real store.
    constexpr int kRecords = 10000, kBaseline = 1000;
    double batchedMs = 0, singleMs = 0;
    std::size_t batchedBytes = 0, singleBytes = 0;
    for (const bool batched : {true, false}) {
        const std::string db = dir.file(batched ? "batched.db" : "single.db");
        kiosk::store::StationStore store(db, clock);
        const auto e = enroll(countyDb, batched ? "s-batched" : "s-single", server.url(),
                              dir.file(batched ? "b.json" : "s.json"));
        store.sync().enroll(e, false);
        const int n = batched ? kRecords : kBaseline;
        {
            kiosk::store::Transaction tx(store.db());  // queueing is not what is measured
            for (int i = 0; i < n; ++i)
                store.outbox().enqueue({platform::newUuid(), "concern", now(), payload(i)});
            tx.commit();
        }
        kiosk::syncing::StoreStationSide side(store);
        auto conn = connectionOf(e);
        conn.batchSize = batched ? csync::kMaxBatchRecords : 1;
        csync::client::SyncClient client(conn, side, now);
        const auto t0 = Clock::now();
        const auto report = client.runOnce();
        const double ms = msSince(t0);
        if (!report.ok() || report.accepted != static_cast<std::size_t>(n)) {
            std::fprintf(stderr, "sync failed: %s (%zu accepted)\n", report.message.c_str(),
                         report.accepted);
            return 1;
        }
        (batched ? batchedMs : singleMs) = ms;
        (batched ? batchedBytes : singleBytes) = report.bytesSent;
    }
    const double singleScaled = singleMs * kRecords / kBaseline;

    // 2. 200 stations at once, 100 records each.
    constexpr int kStations = 200, kEach = 100;
    std::vector<csync::Enrollment> stations;
    for (int i = 0; i < kStations; ++i)
        stations.push_back(enroll(countyDb, "m" + std::to_string(i), server.url(),
                                  dir.file("m" + std::to_string(i) + ".json")));
    std::vector<double> runMs(kStations);
    std::atomic<int> errors{0};
    std::atomic<std::size_t> accepted{0};
    std::barrier start(kStations + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < kStations; ++i)
        threads.emplace_back([&, i] {
            MemorySide side(kEach, stations[i].station);
            csync::client::SyncClient client(connectionOf(stations[i]), side, now);
            start.arrive_and_wait();
            const auto t0 = Clock::now();
            const auto r = client.runOnce();
            runMs[i] = msSince(t0);
            if (!r.ok()) ++errors;
            accepted += r.accepted;
        });
    start.arrive_and_wait();
    const auto t0 = Clock::now();
    for (auto& t : threads) t.join();
    const double wallMs = msSince(t0);

    // 3. The server alone, on SQLite and on PostgreSQL.
    const Ingest sqliteIngest = measureIngest(countyDb, server, dir);
    std::optional<Ingest> pgIngest;
    std::string pgSkipped = testsupport::PgCluster::unavailableReason();
    if (pgSkipped.empty()) {
        try {
            testsupport::PgCluster cluster;
            const std::string url = cluster.createDatabase("bench_ingest");
            if (testsupport::runProcess(COUNTY_SERVER_PATH,
                                        {"--db", url, "init", "--county", "430321"})
                    .exitCode)
                throw std::runtime_error("county-server init on PostgreSQL failed");
            testsupport::ServerProcess pgServer(COUNTY_SERVER_PATH, url);
            pgIngest = measureIngest(url, pgServer, dir);
        } catch (const std::exception& e) {
            pgSkipped = e.what();
        }
    }

    std::printf("\n| what | measured | baseline | ratio | target |\n|---|---|---|---|---|\n");
    std::printf(
        "| 10,000 records, one station, batches of 500 | %.0f ms | %.0f ms one request "
        "per record (1,000 measured: %.0f ms, ×10) | %.1f× faster | ≤ 3 s: %s; ≥ 20×: "
        "%s |\n",
        batchedMs, singleScaled, singleMs, singleScaled / batchedMs,
        batchedMs <= 3000 ? "met" : "NOT met", singleScaled / batchedMs >= 20 ? "met" : "NOT met");
    std::printf("| bytes on the wire per record (gzip) | %.0f B | %.0f B | — | — |\n",
                static_cast<double>(batchedBytes) / kRecords,
                static_cast<double>(singleBytes) / kBaseline);
    std::printf("| end to end, one station (client included) | %.0f records/s | — | — | — |\n",
                kRecords / (batchedMs / 1000));
    for (const auto& [engine, ingest] :
         {std::pair<const char*, std::optional<Ingest>>{"SQLite", sqliteIngest},
          {"PostgreSQL", pgIngest}}) {
        if (!ingest) {
            std::printf("| server ingest (%s) | not measured: %s | — | — | — |\n", engine,
                        pgSkipped.c_str());
            continue;
        }
        std::printf(
            "| server ingest (%s), 8 stations posting pre-built batches of 500 | %.0f "
            "records/s (20,000 in %.0f ms, %d errors) | — | — | ≥ 20,000/s: %s |\n",
            engine, ingest->rate, ingest->ms, ingest->errors,
            ingest->rate >= 20000 && ingest->errors == 0 ? "met" : "NOT met");
    }
    std::printf(
        "| %d stations at once, %d records each | %.0f records/s, run p50 %.0f ms, p99 "
        "%.0f ms | — | — | 0 errors: %s (%d) |\n",
        kStations, kEach, static_cast<double>(accepted.load()) / (wallMs / 1000),
        percentile(runMs, 0.5), percentile(runMs, 0.99),
        errors == 0 && accepted == kStations * kEach ? "met" : "NOT met", errors.load());
    return errors == 0 ? 0 : 1;
}
