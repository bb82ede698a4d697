// Hostile clients against the real county-server on 127.0.0.1 (issue 18): slow headers, slow
// TLS handshakes, endless chunked bodies, compressed and deeply nested JSON, a deep signed batch.
// During each attack a normal staff page and a station's signed request must be answered within
// 1 s, the server's RSS must stay under a stated bound, and the server must be up afterwards.
// Attackers connect from other loopback addresses (127.0.0.2…) so the per-address limit is
// exercised as well as the event loop; every loop is bounded in count and time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>

#include "server_fixture.hpp"
#include "sockets.hpp"
#include "sync/protocol/gzip.hpp"

namespace servertest {
namespace {

using Clock = std::chrono::steady_clock;
using testsupport::sendAll;

// The RSS the server may reach during any attack below (it idles at about 20 MB). Under
// AddressSanitizer (./dev test --asan) its shadow memory and quarantine triple every figure.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssBoundKb = 600 * 1024;
#else
constexpr long kRssBoundKb = 200 * 1024;
#endif

long rssKb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// A blocking TCP connection to 127.0.0.1:port from the loopback address `from`; -1 on failure.
int connectFrom(const std::string& from, int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    inet_pton(AF_INET, from.c_str(), &src.sin_addr);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
        connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        close(fd);
        return -1;
    }
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

// Whether the server has closed fd (read gives end of stream or a reset, not a timeout).
bool closedByServer(int fd) {
    char c;
    timeval tv{0, 200'000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (true) {
        const ssize_t n = recv(fd, &c, 1, 0);
        if (n == 0) return true;
        if (n < 0) return errno == ECONNRESET || errno == EPIPE;
    }
}

// Reads what the server answers on fd (until it closes or 5 s pass).
std::string readAnswer(int fd) {
    std::string out;
    char buf[4096];
    while (true) {
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

class HostileClients : public CountyFixture {
protected:
    struct Probe {
        long worstMs = 0;
        int probes = 0;
        int failures = 0;
        long peakRssKb = 0;
        std::string lastError;
    };

    // One normal staff page and one signed station request, timed.
    void probeOnce(Probe& p) {
        const auto t0 = Clock::now();
        std::unique_ptr<httplib::ClientImpl> c;
        if (m_tls) {
            auto s = std::make_unique<httplib::SSLClient>("127.0.0.1", m_server->port());
            s->enable_server_certificate_verification(false);
            c = std::move(s);
        } else {
            c = std::make_unique<httplib::ClientImpl>("127.0.0.1", m_server->port());
        }
        c->set_connection_timeout(3, 0);
        c->set_read_timeout(3, 0);
        const auto page = c->Get("/login");
        const auto path = "/api/v1/stations/s1/config";
        const auto config = c->Get(path, signedHeaders(m_s1, "GET", path, ""));
        const long ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
        ++p.probes;
        p.worstMs = std::max(p.worstMs, ms);
        if (!page || page->status != 200 || !config || config->status != 200) {
            ++p.failures;
            p.lastError = !page     ? "login page: " + httplib::to_string(page.error())
                          : !config ? "config: " + httplib::to_string(config.error())
                                    : "status " + std::to_string(page->status) + "/" +
                                          std::to_string(config->status);
        }
        p.peakRssKb = std::max(p.peakRssKb, rssKb(m_server->pid()));
    }

    // Probes every 250 ms while attack() runs on another thread; the attack must end by itself.
    Probe underAttack(const std::function<void(std::atomic<bool>&)>& attack) {
        std::atomic<bool> stop{false};
        std::thread attacker([&] { attack(stop); });
        Probe p;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the attack build up
        const auto until = Clock::now() + std::chrono::seconds(60);
        while (!stop.load() && Clock::now() < until) {
            probeOnce(p);
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        stop = true;
        attacker.join();
        probeOnce(p);  // and the server is still up after it
        return p;
    }

    void expectServed(const Probe& p) {
        EXPECT_GE(p.probes, 3);
        EXPECT_EQ(p.failures, 0) << p.lastError;
        EXPECT_LT(p.worstMs, 1000) << "a normal request took " << p.worstMs << " ms";
        EXPECT_LT(p.peakRssKb, kRssBoundKb) << "server RSS reached " << p.peakRssKb << " kB";
        EXPECT_GT(p.peakRssKb, 0);
        std::cerr << "[ figures  ] worst normal request " << p.worstMs << " ms, peak RSS "
                  << p.peakRssKb / 1024 << " MB over " << p.probes << " probes\n";
    }

    bool m_tls = false;
};

// H1: 120 connections, each sending one header line a second, spread over four addresses.
TEST_P(HostileClients, SlowHeadersStarveNobodyAndAreCutAtTheirDeadline) {
    start();
    const auto probe = underAttack([&](std::atomic<bool>& stop) {
        std::vector<int> fds;
        for (int i = 0; i < 120; ++i) {
            const int fd = connectFrom("127.0.0." + std::to_string(2 + i % 4), m_server->port());
            if (fd >= 0 && sendAll(fd, "GET /login HTTP/1.1\r\nHost: x\r\n")) fds.push_back(fd);
        }
        EXPECT_EQ(fds.size(), 120u);
        // One header line a second for 12 s: past the server's 10 s deadline for a head.
        for (int second = 0; second < 12 && !stop.load(); ++second) {
            for (int fd : fds) sendAll(fd, "X-Slow: " + std::to_string(second) + "\r\n");
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        int cut = 0;
        for (int fd : fds) {
            cut += closedByServer(fd);
            close(fd);
        }
        EXPECT_EQ(cut, 120) << "slow connections the server did not close at its deadline";
        stop = true;
    });
    expectServed(probe);
}

// H1 from one address: the 257th connection and later are closed at once.
TEST_P(HostileClients, OneAddressGetsAtMostItsShareOfConnections) {
    start();
    std::vector<int> fds;
    for (int i = 0; i < 300; ++i) {
        const int fd = connectFrom("127.0.0.2", m_server->port());
        if (fd >= 0) fds.push_back(fd);
        if (fd >= 0) sendAll(fd, "GET /login HTTP/1.1\r\n");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // A closed connection has its end of stream waiting; an open one has nothing to read.
    std::vector<pollfd> polls;
    for (int fd : fds) polls.push_back({fd, POLLIN, 0});
    poll(polls.data(), polls.size(), 0);
    int open = 0;
    for (const auto& p : polls) open += p.revents == 0;
    for (int fd : fds) close(fd);
    EXPECT_EQ(open, 256);
    Probe p;
    probeOnce(p);
    EXPECT_EQ(p.failures, 0) << p.lastError;
}

// Low: a listen backlog of 5 dropped a burst of connections (each retried a second later).
TEST_P(HostileClients, ABurstOfConnectionsIsAcceptedAtOnce) {
    start();
    std::vector<int> fds;
    const auto t0 = Clock::now();
    for (int i = 0; i < 300; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in src{}, dst{};
        src.sin_family = dst.sin_family = AF_INET;
        inet_pton(AF_INET, ("127.0.1." + std::to_string(1 + i % 10)).c_str(), &src.sin_addr);
        inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
        dst.sin_port = htons(static_cast<uint16_t>(m_server->port()));
        ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src), 0);
        connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst);
        fds.push_back(fd);
    }
    // Every connection answers a request: all were accepted, none waited for a SYN retry.
    int answered = 0;
    for (int fd : fds) {
        pollfd p{fd, POLLOUT, 0};
        poll(&p, 1, 3000);
        const int flags = fcntl(fd, F_GETFL);
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        timeval tv{3, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (sendAll(fd, "GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") &&
            readAnswer(fd).find(" 200 ") != std::string::npos)
            ++answered;
        close(fd);
    }
    const long ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    EXPECT_EQ(answered, 300);
    EXPECT_LT(ms, 900) << "300 connections took " << ms << " ms";
    std::cerr << "[ figures  ] 300 connections at once, each answered: " << ms << " ms\n";
}

// Low: without TCP_NODELAY each keep-alive request waited ~43 ms for a delayed ACK.
TEST_P(HostileClients, KeepAliveRequestsAreNotDelayed) {
    start();
    auto c = client();
    c.set_keep_alive(true);
    ASSERT_TRUE(c.Get("/login"));
    std::vector<long> us;
    for (int i = 0; i < 20; ++i) {
        const auto t0 = Clock::now();
        const auto path = "/api/v1/stations/s1/config";
        // A distinct timestamp each: the same signature twice would be a replay.
        const auto r = c.Get(path, signedHeaders(m_s1, "GET", path, "", i));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        us.push_back(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::cerr << "[ figures  ] keep-alive request median " << us[10] / 1000.0 << " ms\n";
    EXPECT_LT(us[10], 20'000);
}

// H1 over TLS: 100 connections sending their handshake a byte a second.
TEST_P(HostileClients, SlowTlsHandshakesStarveNobody) {
    const std::string cert = m_dir.file("cert.pem"), key = m_dir.file("key.pem");
    const auto made = testsupport::runProcess(
        "/usr/bin/openssl",
        {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
         "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    start({"--tls-cert", cert, "--tls-key", key});
    m_tls = true;
    // The start of a ClientHello record (TLS 1.0 record layer, 512-byte handshake).
    const std::string hello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    const auto probe = underAttack([&](std::atomic<bool>& stop) {
        std::vector<int> fds;
        for (int i = 0; i < 100; ++i) {
            const int fd = connectFrom("127.0.0." + std::to_string(2 + i % 4), m_server->port());
            if (fd >= 0) fds.push_back(fd);
        }
        EXPECT_EQ(fds.size(), 100u);
        for (std::size_t b = 0; b < 12 && !stop.load(); ++b) {
            for (int fd : fds) sendAll(fd, hello.substr(b % hello.size(), 1));
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        int cut = 0;
        for (int fd : fds) {
            cut += closedByServer(fd);
            close(fd);
        }
        EXPECT_EQ(cut, 100) << "slow handshakes the server did not close at its deadline";
        stop = true;
    });
    expectServed(probe);
}

// H2: chunked bodies are capped while they are read, on every kind of route.
TEST_P(HostileClients, EndlessChunkedBodiesAreCutAtTheCap) {
    start();
    std::atomic<int> uploadsDone{0};
    const auto probe = underAttack([&](std::atomic<bool>& stop) {
        std::vector<std::thread> uploads;
        for (const std::string path :
             {"/login", "/track/ABC-DEF-GHJ", "/api/v1/enroll", "/api/v1/batches"}) {
            uploads.emplace_back([&, path] {
                // New uploads, one after the other, for 5 s.
                const auto attackEnds = Clock::now() + std::chrono::seconds(5);
                for (int round = 0; round < 200 && Clock::now() < attackEnds; ++round) {
                    const int fd = connectFrom("127.0.0.3", m_server->port());
                    ASSERT_GE(fd, 0);
                    sendAll(fd, "POST " + path +
                                    " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n");
                    const std::string chunk = "10000\r\n" + std::string(0x10000, '[') + "\r\n";
                    long sent = 0;
                    const auto until = Clock::now() + std::chrono::seconds(15);
                    // Up to 1 GiB, until the server stops taking it.
                    while (sent < (1L << 30) && Clock::now() < until && sendAll(fd, chunk))
                        sent += 0x10000;
                    const std::string answer = readAnswer(fd);
                    EXPECT_NE(answer.find(" 413 "), std::string::npos) << path << ": " << answer;
                    EXPECT_LT(sent, 128L << 20) << path << ": the server took " << (sent >> 20)
                                                << " MB of a body over the 8 MB cap";
                    close(fd);
                    ++uploadsDone;
                }
            });
        }
        for (auto& t : uploads) t.join();
        stop = true;
    });
    expectServed(probe);
    EXPECT_GE(uploadsDone.load(), 8);
    std::cerr << "[ figures  ] " << uploadsDone.load() << " chunked uploads cut at the cap\n";
}

// H2/H3: a compressed body outside the routes that inflate under a cap is refused unread.
TEST_P(HostileClients, CompressedBodiesAreTakenOnlyWhereInflatingIsCapped) {
    start();
    const std::string bomb = csync::gzipCompress(std::string(64u << 20, 'a'));
    auto c = client();
    httplib::Headers h{{"Content-Encoding", "gzip"}};
    const auto login = c.Post("/login", h, bomb, "application/x-www-form-urlencoded");
    ASSERT_TRUE(login);
    EXPECT_EQ(login->status, 415);
    const auto enroll = c.Post("/api/v1/enroll", h, bomb, "application/json");
    ASSERT_TRUE(enroll);
    EXPECT_EQ(enroll->status, 413);
    EXPECT_LT(rssKb(m_server->pid()), kRssBoundKb);
}

// H3: deeply nested JSON on the unauthenticated enrolment endpoint, eight at once.
TEST_P(HostileClients, DeepJsonOnEnrollIsRefusedBeforeParsing) {
    start();
    const std::string deep(4000, '[');
    const auto probe = underAttack([&](std::atomic<bool>& stop) {
        std::vector<std::thread> ts;
        for (int i = 0; i < 8; ++i)
            ts.emplace_back([&] {
                auto c = client();
                for (int k = 0; k < 20; ++k) {
                    const auto plain = c.Post("/api/v1/enroll", deep, "application/json");
                    ASSERT_TRUE(plain);
                    EXPECT_EQ(plain->status, 400);
                    const auto gz =
                        c.Post("/api/v1/enroll", {{"Content-Encoding", "gzip"}},
                               csync::gzipCompress(std::string(8u << 20, '[')), "application/json");
                    ASSERT_TRUE(gz);
                    EXPECT_EQ(gz->status, 413);
                }
            });
        for (auto& t : ts) t.join();
        stop = true;
    });
    expectServed(probe);
}

// H4: a signed batch whose payload nests 100,000 levels is refused with a clear error.
TEST_P(HostileClients, ADeepSignedBatchIsRefusedAndTheServerStaysUp) {
    start();
    csync::Record r = concernRecord("DEEP2345A", "placeholder");
    std::string body = batchBody("s1", {r});
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const auto at = body.find("\"placeholder\"");
    ASSERT_NE(at, std::string::npos);
    body.replace(at, 13, deep);
    const auto res = postBatch(m_s1, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_NE(res->body.find("nested deeper than"), std::string::npos) << res->body;
    Probe p;
    probeOnce(p);
    EXPECT_EQ(p.failures, 0) << p.lastError;
    // The same station's ordinary batch still goes in.
    const auto ok = postBatch(m_s1, batchBody("s1", {concernRecord("OKAY2345A", "路灯坏了")}));
    EXPECT_EQ(outcomes(ok), std::vector<std::string>{"accepted"});
}

// Medium: argon2 ran under the database lock, so logins pushed station sync from 3 ms to a
// p90 of 967 ms. Four login loops (wrong passwords, several addresses) against station sync.
// Wall-clock bounds fail on a loaded CI machine, so the test compares with the logins' own
// time in the same run: a config request that queued behind a hash would take at least a
// good part of one login; one that does not is several times quicker than a login.
TEST_P(HostileClients, LoginsDoNotHoldUpStationSync) {
    start();
    std::atomic<bool> stop{false};
    std::vector<std::thread> logins;
    std::vector<std::vector<long>> loginMs(4);
    for (int i = 0; i < 4; ++i)
        logins.emplace_back([&, i] {
            for (int k = 0; k < 200 && !stop.load(); ++k) {
                const auto t0 = Clock::now();
                const int fd = connectFrom("127.0.0." + std::to_string(10 + i), m_server->port());
                if (fd < 0) return;
                const std::string form = "_csrf=0123456789abcdef0123456789abcdef&name=admin" +
                                         std::to_string(k) + "&password=wrong";
                sendAll(fd,
                        "POST /login HTTP/1.1\r\nHost: x\r\nCookie: cs_login="
                        "0123456789abcdef0123456789abcdef\r\nContent-Type: "
                        "application/x-www-form-urlencoded\r\nConnection: close\r\n"
                        "Content-Length: " +
                            std::to_string(form.size()) + "\r\n\r\n" + form);
                readAnswer(fd);
                close(fd);
                loginMs[i].push_back(
                    std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0)
                        .count());
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::vector<long> ms;
    for (int i = 0; i < 40; ++i) {
        const auto t0 = Clock::now();
        const auto r = get(m_s1, "/api/v1/stations/s1/config");
        ms.push_back(
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const long rss = rssKb(m_server->pid());
    stop = true;
    for (auto& t : logins) t.join();
    std::vector<long> all;
    for (const auto& v : loginMs) all.insert(all.end(), v.begin(), v.end());
    ASSERT_GE(all.size(), 8u) << "the login loops hardly ran";
    std::sort(all.begin(), all.end());
    std::sort(ms.begin(), ms.end());
    const long p50 = ms[ms.size() / 2];
    const long loginP50 = all[all.size() / 2];
    std::cerr << "[ figures  ] station config during logins: p50 " << p50 << " ms, p90 "
              << ms[ms.size() * 9 / 10] << " ms, max " << ms.back() << " ms; login p50 " << loginP50
              << " ms (" << all.size() << " logins); RSS " << rss / 1024 << " MB\n";
    EXPECT_LT(p50 * 3, loginP50) << "station config waits behind the logins' password hashing";
    EXPECT_LT(rss, kRssBoundKb);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, HostileClients, ::testing::Values(Db::Sqlite), dbName);

}  // namespace
}  // namespace servertest
