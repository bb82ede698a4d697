// Durable concern commit latency (DESIGN.md §7: p99 ≤ 10 ms with WAL + synchronous=FULL), beside
// the same loop with synchronous=NORMAL as the baseline measured in the same run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "../support/temp_dir.hpp"
#include "kiosk/store/station_store.hpp"
#include "platform/crypto.hpp"

namespace {

struct Latency {
    double p50 = 0, p99 = 0, max = 0;
};
std::map<std::string, Latency> g_results;

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void concernCommit(benchmark::State& state, bool full) {
    testsupport::TempDir dir;
    const platform::SystemClock clock;
    kiosk::store::StationStore store(dir.file("bench.db"), clock,
                                     {.synchronousFull = full, .busyTimeoutMs = 5000});
    store.station().put({"s", "基准站", "", "430321", 480,
                         platform::toBase64(platform::makeSealKeyPair().publicKey), ""});
    kiosk::domain::ConcernInput in;
    in.category = kiosk::domain::Category::Livelihood;
    in.text = "镇卫生院周末没有儿科医生，孩子发烧只能跑县城，希望周末也能安排儿科值班。";
    std::vector<double> ms;
    int i = 0;
    for (auto _ : state) {
        in.contactPhone = (++i % 4 == 0) ? "13800001111" : "";
        in.consent = !in.contactPhone.empty();
        const auto t0 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(store.concerns().add(in));
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    Latency l{percentile(ms, 0.50), percentile(ms, 0.99), *std::max_element(ms.begin(), ms.end())};
    g_results[full ? "full" : "normal"] = l;
    state.counters["p50_ms"] = l.p50;
    state.counters["p99_ms"] = l.p99;
}

BENCHMARK_CAPTURE(concernCommit, wal_full, true)->Iterations(2000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(concernCommit, wal_normal_baseline, false)
    ->Iterations(2000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!g_results.count("full") || !g_results.count("normal")) return 0;
    const Latency f = g_results["full"], n = g_results["normal"];
    std::printf("\n| what | p50 ms | p99 ms | max ms | target |\n|---|---|---|---|---|\n");
    std::printf("| durable concern commit (WAL + FULL) | %.2f | %.2f | %.2f | p99 ≤ 10 ms: %s |\n",
                f.p50, f.p99, f.max, f.p99 <= 10.0 ? "met" : "NOT met");
    std::printf("| baseline (WAL + NORMAL) | %.2f | %.2f | %.2f | — |\n", n.p50, n.p99, n.max);
    std::printf("| ratio FULL / NORMAL | %.2f× | %.2f× | | |\n", f.p50 / n.p50, f.p99 / n.p99);
    return 0;
}
