// kill -9 at random moments while a child records concerns: every receipt the child printed must
// be in the store, integrity_check must pass, and the outbox must hold exactly the concerns.
#include <gtest/gtest.h>
#include <signal.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "kiosk/store/station_store.hpp"
#include "platform/crypto.hpp"
#include "temp_dir.hpp"

namespace {

// Starts the writer, lets it run for `runFor` (counted from its first printed receipt when
// afterFirst, so a slow start under sanitizers or load still leaves time to write), kills it
// with SIGKILL, returns complete lines.
std::vector<std::string> runAndKill(const std::string& db, std::chrono::microseconds runFor,
                                    bool afterFirst) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(CRASH_WRITER_PATH, CRASH_WRITER_PATH, db.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    if (afterFirst) {
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, 10'000) > 0) {
            const ssize_t n = read(fds[0], buf, sizeof buf);
            if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        }
    }
    std::this_thread::sleep_for(runFor);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    std::vector<std::string> lines;
    for (std::size_t start = 0, nl; (nl = out.find('\n', start)) != std::string::npos;
         start = nl + 1)
        lines.push_back(out.substr(start, nl - start));
    return lines;
}

}  // namespace

TEST(CrashSafety, NoAcknowledgedConcernIsLostUnderKill9) {
    int kills = 200;
    if (const char* env = std::getenv("STATION_CRASH_KILLS")) kills = std::max(1, std::atoi(env));
    testsupport::TempDir dir;
    const std::string db = dir.file("station.db");
    const platform::SystemClock clock;
    {
        kiosk::store::StationStore store(db, clock);
        store.station().put({"s", "崩溃测试站", "", "430321", 480,
                             platform::toBase64(platform::makeSealKeyPair().publicKey), ""});
    }
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> delayUs(2000, 40000);
    std::set<std::string> acknowledged;
    for (int k = 0; k < kills; ++k) {
        // Half the kills count from the start (they hit opening and recovery too), half from
        // the first receipt (they hit writing, however slowly the process started).
        for (auto& r : runAndKill(db, std::chrono::microseconds(delayUs(rng)), k % 2 == 1))
            acknowledged.insert(r);
    }
    ASSERT_GT(acknowledged.size(), 50u) << "the writer barely ran; the test proves nothing";

    kiosk::store::StationStore store(db, clock);
    EXPECT_TRUE(store.movedAsideTo().empty()) << "the store was damaged by kill -9";
    EXPECT_EQ(store.integrityCheck(), "ok");
    const auto concerns = store.concerns().list();
    std::set<std::string> stored, ids;
    for (const auto& c : concerns) {
        stored.insert(c.receipt);
        ids.insert(c.id);
    }
    for (const auto& r : acknowledged)
        EXPECT_TRUE(stored.count(r)) << "lost acknowledged receipt " << r;
    // A commit may finish after the last printed line, never the other way round.
    EXPECT_GE(stored.size(), acknowledged.size());
    EXPECT_LE(stored.size(), acknowledged.size() + static_cast<std::size_t>(kills));
    const auto queued = store.outbox().all();
    std::set<std::string> queuedIds;
    for (const auto& r : queued) queuedIds.insert(r.id);
    EXPECT_EQ(queued.size(), concerns.size());
    EXPECT_EQ(queuedIds, ids);
    RecordProperty("kills", kills);
    RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
    std::printf("crash test: %d kills, %zu acknowledged, %zu stored\n", kills, acknowledged.size(),
                stored.size());
}
