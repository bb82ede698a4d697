// The kiosk and the county server as systemd services, on the real binaries: readiness and
// watchdog keep-alives through a fake NOTIFY_SOCKET (a hung UI thread stops them), and the
// opening hours (the calm closed screen after idling outside them, which a tap wakes).
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "run_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Notification {
    Clock::time_point at;
    std::string text;
};

// A datagram socket standing in for systemd's notify socket; a thread records what arrives.
class FakeNotifySocket {
public:
    explicit FakeNotifySocket(const std::string& path) : m_path(path) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("cannot bind " + path);
        m_thread = std::thread([this] { receive(); });
    }
    ~FakeNotifySocket() {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
    }
    std::vector<Notification> received() {
        std::lock_guard lock(m_mutex);
        return m_received;
    }
    // Waits (bounded) until a message starting with prefix has arrived.
    bool waitFor(const std::string& prefix, std::chrono::seconds limit) {
        const auto until = Clock::now() + limit;
        while (Clock::now() < until) {
            for (const auto& n : received())
                if (n.text.starts_with(prefix)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

private:
    void receive() {
        char buf[4096];
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) continue;
            std::lock_guard lock(m_mutex);
            m_received.push_back({Clock::now(), std::string(buf, static_cast<std::size_t>(n))});
        }
    }

    std::string m_path;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Notification> m_received;
};

// Sets environment variables for the processes the test starts, and removes them again.
class ScopedEnv {
public:
    ScopedEnv(std::initializer_list<std::pair<const char*, std::string>> vars) {
        for (const auto& [name, value] : vars) {
            ::setenv(name, value.c_str(), 1);
            m_names.push_back(name);
        }
    }
    ~ScopedEnv() {
        for (const char* n : m_names) ::unsetenv(n);
    }

private:
    std::vector<const char*> m_names;
};

class KioskService : public ::testing::Test {
protected:
    KioskService() {
        const auto r = testsupport::runProcess(
            STATIONCTL_PATH, {"--db", db(), "--now", "2026-11-14T18:00", "init", "--demo"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
    }
    std::string db() const { return m_dir.file("station.db"); }
    testsupport::ProcessResult kiosk(const std::string& script, const std::string& now) {
        const std::string path = m_dir.file("script.txt");
        std::ofstream(path) << script;
        const std::string shots = std::string(UI_SCREENSHOTS_DIR) + "/" +
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name();
        fs::create_directories(shots);
        return testsupport::runProcess(KIOSK_PATH,
                                       {"--db", db(), "--headless", "--size", "1080x1920", "--now",
                                        now, "--script", path, "--screenshots", shots},
                                       120);
    }
    testsupport::TempDir m_dir;
};

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace

TEST_F(KioskService, WatchdogPingsComeFromTheFrameLoopAndStopWhileItHangs) {
    FakeNotifySocket socket(m_dir.file("notify.sock"));
    testsupport::ProcessResult r;
    {
        // WATCHDOG_PID is the kiosk's parent, as under cage (the unit's main process).
        ScopedEnv env{{"NOTIFY_SOCKET", m_dir.file("notify.sock")},
                      {"WATCHDOG_USEC", "300000"},
                      {"WATCHDOG_PID", std::to_string(::getpid())}};
        r = kiosk("pause 1500\nhang 2\npause 1500\n", "2026-11-16T10:00");
    }
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(socket.waitFor("STOPPING=1", std::chrono::seconds(5)));
    const auto got = socket.received();
    ASSERT_FALSE(got.empty());
    EXPECT_TRUE(got.front().text.starts_with("READY=1")) << got.front().text;
    EXPECT_EQ(got.back().text, "STOPPING=1");
    std::vector<Clock::time_point> pings;
    for (const auto& n : got)
        if (n.text == "WATCHDOG=1") pings.push_back(n.at);
    ASSERT_GE(pings.size(), 6u);
    // Exactly one long silence, the hang (2 s); elsewhere a ping every 150 ms or so.
    int longGaps = 0;
    std::size_t hangAt = 0;
    for (std::size_t i = 1; i < pings.size(); ++i) {
        const double gap = seconds(pings[i] - pings[i - 1]);
        EXPECT_GE(gap, 0.1) << "pings closer than half the watchdog interval";
        if (gap >= 1.5) {
            ++longGaps;
            hangAt = i;
            EXPECT_GE(gap, 1.9);
        }
    }
    EXPECT_EQ(longGaps, 1);
    EXPECT_GE(hangAt, 3u) << "pings before the hang";
    EXPECT_GE(pings.size() - hangAt, 3u) << "pings after the hang";
}

TEST_F(KioskService, NoNotifySocketNoNotifications) {
    // The same run without NOTIFY_SOCKET: works, and sends nothing anywhere.
    ::unsetenv("NOTIFY_SOCKET");
    FakeNotifySocket socket(m_dir.file("notify.sock"));
    const auto r = kiosk("pause 300\n", "2026-11-16T10:00");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(socket.received().empty());
}

TEST(CountyServerService, ReadyOnceListeningStoppingOnShutdown) {
    testsupport::TempDir dir;
    const std::string db = dir.file("county.db");
    const auto init = testsupport::runProcess(
        COUNTY_SERVER_PATH, {"--db", "sqlite:" + db, "init", "--county", "430321"});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    FakeNotifySocket socket(dir.file("notify.sock"));
    ScopedEnv env{{"NOTIFY_SOCKET", dir.file("notify.sock")}};
    testsupport::ServerProcess server(COUNTY_SERVER_PATH, db);
    ASSERT_TRUE(socket.waitFor("READY=1", std::chrono::seconds(10)));
    EXPECT_FALSE(socket.received().front().text.find("STATUS=listening on") == std::string::npos);
    server.stop(15);
    ASSERT_TRUE(socket.waitFor("STOPPING=1", std::chrono::seconds(10)));
}

TEST_F(KioskService, OutsideOpeningHoursAnIdleKioskShowsTheClosedScreen) {
    const auto set = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", db(), "hours", "set", "周一至周五", "08:30-17:30"});
    ASSERT_EQ(set.exitCode, 0) << set.err;
    // Monday 19:00: closed. Home stays for the idle timeout, then the closed screen; a tap
    // anywhere brings Home back, and 我要反映 leads straight to the concern form.
    const auto r = kiosk(R"(expect "我要反映"
advance-clock 60
expect-not "现在不是本站的开放时间"
advance-clock 40
expect "现在不是本站的开放时间"
expect "开放时间：周一至周五 08:30-17:30"
expect "联系电话：*"
expect "轻触屏幕，现在也可以留言反映问题"
expect-not "进度查询"
shot closed
tap 540 1500
expect "进度查询"
expect-not "现在不是本站的开放时间"
advance-clock 100
expect "现在不是本站的开放时间"
tap "我要反映"
expect "道路交通与基础设施"
)",
                         "2026-11-16T19:00");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(std::string(UI_SCREENSHOTS_DIR) +
                           "/OutsideOpeningHoursAnIdleKioskShowsTheClosedScreen/closed.png"));
}

TEST_F(KioskService, InsideOpeningHoursHomeStaysAndOpeningTimeWakesTheClosedScreen) {
    const auto set = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", db(), "hours", "set", "mon-fri 08:30-12:00,14:00-17:30"});
    ASSERT_EQ(set.exitCode, 0) << set.err;
    const auto r = kiosk(R"(advance-clock 300
expect "进度查询"
expect-not "现在不是本站的开放时间"
advance-clock 7200
expect "现在不是本站的开放时间"
expect "开放时间：周一至周五 08:30-12:00、14:00-17:30"
advance-clock 7200
expect "进度查询"
)",
                         "2026-11-16T10:00");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

// The command line (CLI11): help and version succeed, a mistyped or missing option is refused
// with exit 2 and names the option, and a bad value says what is expected.
TEST(KioskCommandLine, HelpVersionAndMistakes) {
    const auto help = testsupport::runProcess(KIOSK_PATH, {"--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--db"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("--printer"), std::string::npos);
    const auto version = testsupport::runProcess(KIOSK_PATH, {"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_NE(version.out.find("station-kiosk "), std::string::npos) << version.out;
    const auto typo = testsupport::runProcess(KIOSK_PATH, {"--db", "x.db", "--fulscreen"});
    EXPECT_EQ(typo.exitCode, 2);
    EXPECT_NE(typo.err.find("--fulscreen"), std::string::npos) << typo.err;
    const auto noDb = testsupport::runProcess(KIOSK_PATH, {"--headless"});
    EXPECT_EQ(noDb.exitCode, 2);
    EXPECT_NE(noDb.err.find("--db"), std::string::npos) << noDb.err;
    const auto badSize = testsupport::runProcess(KIOSK_PATH, {"--db", "x.db", "--size", "big"});
    EXPECT_EQ(badSize.exitCode, 2);
    EXPECT_NE(badSize.err.find("WxH"), std::string::npos) << badSize.err;
    const auto badNow = testsupport::runProcess(KIOSK_PATH, {"--db", "x.db", "--now", "tomorrow"});
    EXPECT_EQ(badNow.exitCode, 2);
    EXPECT_NE(badNow.err.find("YYYY-MM-DDTHH:MM"), std::string::npos) << badNow.err;
}
