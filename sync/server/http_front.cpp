#include "sync/server/http_front.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "platform/log.hpp"
#include "sync/server/address_group.hpp"
#include "sync/server/front_connection.hpp"

namespace csync::server {
namespace {

using SteadyClock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

constexpr std::uint64_t kListenId = 0;
constexpr std::uint64_t kWakeId = 1;
constexpr int kBacklog = 1024;
constexpr int kDrainMs = 2000;
constexpr std::size_t kDrainBytes = 64u << 20;

struct Job {
    std::uint64_t id;
    std::string request;
    Peer peer;
};

struct Done {
    std::uint64_t id;
    FrontReply reply;
};

}  // namespace

using front::Conn;
using front::State;

struct HttpFront::Impl {
    HttpFront& self;
    Handler handler;
    FrontLimits limits;
    SSL_CTX* tls = nullptr;
    int listenFd = -1;
    int epollFd = -1;
    int wakeFd = -1;
    std::atomic<bool> stopping{false};
    std::uint64_t nextId = 2;
    std::unordered_map<std::uint64_t, std::unique_ptr<Conn>> conns;
    std::unordered_map<std::string, std::size_t> perAddress;
    std::size_t buffered = 0;

    std::mutex jobsMutex;
    std::condition_variable jobsCv;
    std::deque<Job> jobs;
    bool workersStop = false;
    std::vector<std::thread> workers;
    std::mutex doneMutex;
    std::vector<Done> done;

    Impl(HttpFront& f, Handler h, FrontLimits l) : self(f), handler(std::move(h)), limits(l) {}

    ~Impl() {
        for (auto& [id, c] : conns) dropFd(*c);
        if (listenFd >= 0) close(listenFd);
        if (epollFd >= 0) close(epollFd);
        if (wakeFd >= 0) close(wakeFd);
        if (tls) SSL_CTX_free(tls);
    }

    void wake() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t n = write(wakeFd, &one, sizeof one);
    }

    // ---- workers: whole requests in, response bytes out, never a socket ----
    void workerLoop() {
        while (true) {
            Job job;
            {
                std::unique_lock lock(jobsMutex);
                jobsCv.wait(lock, [&] { return workersStop || !jobs.empty(); });
                if (jobs.empty()) return;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            FrontReply reply;
            try {
                reply = handler(std::move(job.request), job.peer);
            } catch (const std::exception& e) {
                platform::logLine(platform::LogLevel::Error, "server",
                                  std::string("request failed: ") + e.what());
                reply = {front::plainReply(500, "Internal Server Error",
                                           R"({"error":"internal","message":"the server failed"})"),
                         true};
            }
            {
                std::lock_guard lock(doneMutex);
                done.push_back({job.id, std::move(reply)});
            }
            wake();
        }
    }

    // ---- sockets ----
    void setInterest(Conn& c, std::uint32_t events) {
        if (c.interest == events) return;
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = c.id;
        epoll_ctl(epollFd, EPOLL_CTL_MOD, c.fd, &ev);
        c.interest = events;
    }

    void updateInterest(Conn& c) {
        std::uint32_t ev = 0;
        switch (c.state) {
            case State::Handshake:
                ev = c.tlsWantsWrite ? EPOLLOUT : EPOLLIN;
                break;
            case State::Reading:
                ev = EPOLLIN | (c.tlsWantsWrite ? EPOLLOUT : 0u);
                break;
            case State::Writing:
                ev = EPOLLOUT | (c.tlsWantsRead ? EPOLLIN : 0u);
                break;
            case State::Processing:
                ev = 0;
                break;
            case State::Draining:
                ev = EPOLLIN;
                break;
        }
        setInterest(c, ev);
    }

    void dropFd(Conn& c) {
        if (c.ssl) SSL_free(c.ssl);
        c.ssl = nullptr;
        if (c.fd >= 0) close(c.fd);
        c.fd = -1;
    }

    void closeConn(std::uint64_t id) {
        const auto it = conns.find(id);
        if (it == conns.end()) return;
        Conn& c = *it->second;
        buffered -= c.in.size();
        epoll_ctl(epollFd, EPOLL_CTL_DEL, c.fd, nullptr);
        dropFd(c);
        if (auto a = perAddress.find(c.addrKey); a != perAddress.end() && --a->second == 0)
            perAddress.erase(a);
        conns.erase(it);
        self.m_openConnections = conns.size();
    }

    void acceptAll() {
        while (true) {
            sockaddr_storage ss{};
            socklen_t len = sizeof ss;
            const int fd = accept4(listenFd, reinterpret_cast<sockaddr*>(&ss), &len,
                                   SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                // Out of descriptors: make room by the slowest waiter, else the backlog waits.
                if ((errno == EMFILE || errno == ENFILE) && evictSlowest()) continue;
                return;  // EAGAIN
            }
            Peer peer;
            peer.addr = front::sockAddrText(ss, &peer.port);
            const std::string key = addressGroup(peer.addr);
            // One address over its share is closed at once: it gets nothing to hold.
            if (perAddress[key] >= limits.maxPerAddress) {
                close(fd);
                continue;
            }
            // Full: the connection that has waited longest without a whole request gives way
            // (a slow client loses its place, a new one gets in).
            if (conns.size() >= limits.maxConnections && !evictSlowest()) {
                if (perAddress[key] == 0) perAddress.erase(key);
                close(fd);
                continue;
            }
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            sockaddr_storage local{};
            socklen_t localLen = sizeof local;
            if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &localLen) == 0)
                peer.localAddr = front::sockAddrText(local, &peer.localPort);
            peer.tls = tls != nullptr;
            auto c = std::make_unique<Conn>();
            c->id = nextId++;
            c->fd = fd;
            c->peer = std::move(peer);
            c->addrKey = key;
            c->framer = RequestFramer(limits.framing);
            const auto now = SteadyClock::now();
            c->since = now;
            if (tls) {
                c->ssl = SSL_new(tls);
                SSL_set_fd(c->ssl, fd);
                SSL_set_accept_state(c->ssl);
                c->state = State::Handshake;
                c->deadline = now + Ms(limits.handshakeMs);
            } else {
                c->state = State::Reading;
                c->deadline = now + Ms(limits.headMs);
            }
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = c->id;
            c->interest = EPOLLIN;
            if (epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev) != 0) {
                dropFd(*c);
                continue;
            }
            ++perAddress[key];
            conns.emplace(c->id, std::move(c));
            self.m_openConnections = conns.size();
        }
    }

    // Closes the connection that has waited longest for its TLS handshake or request head;
    // false when every connection has a whole request (then nothing is slow).
    bool evictSlowest() {
        Conn* oldest = nullptr;
        for (auto& [id, c] : conns) {
            const bool waiting = c->state == State::Handshake ||
                                 (c->state == State::Reading && !c->framer.headDone());
            if (waiting && (!oldest || c->since < oldest->since)) oldest = c.get();
        }
        if (!oldest) return false;
        closeConn(oldest->id);
        return true;
    }

    void handshake(Conn& c) {
        c.tlsWantsWrite = false;
        const int r = SSL_do_handshake(c.ssl);
        if (r == 1) {
            c.state = State::Reading;
            c.deadline = SteadyClock::now() + Ms(limits.headMs);
            updateInterest(c);
            return onReadable(c);  // the first request may have come with the handshake
        }
        const int err = SSL_get_error(c.ssl, r);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            c.tlsWantsWrite = err == SSL_ERROR_WANT_WRITE;
            return updateInterest(c);
        }
        ERR_clear_error();
        closeConn(c.id);
    }

    // A reply made by the front itself (refusals); the connection ends after it.
    void replyAndClose(Conn& c, std::string bytes) {
        buffered -= c.in.size();
        c.in.clear();
        c.out = std::move(bytes);
        c.outAt = 0;
        c.closeAfterWrite = true;
        c.state = State::Writing;
        c.deadline = SteadyClock::now() + Ms(limits.writeBaseMs);
        updateInterest(c);
        onWritable(c);
    }

    void dispatch(Conn& c, std::string request, bool closeAfter) {
        c.closeAfterWrite = closeAfter;
        c.state = State::Processing;
        updateInterest(c);
        {
            std::lock_guard lock(jobsMutex);
            jobs.push_back({c.id, std::move(request), c.peer});
        }
        jobsCv.notify_one();
    }

    void onReadable(Conn& c) {
        char buf[16 * 1024];
        std::size_t thisTurn = 0;
        while (true) {
            const ssize_t n = front::readSome(c, buf, sizeof buf);
            if (n == 0 || n == -2) return closeConn(c.id);
            if (n == -1) break;
            if (buffered + static_cast<std::size_t>(n) > limits.maxBufferedBytes)
                return replyAndClose(
                    c, front::plainReply(503, "Service Unavailable",
                                         R"({"error":"busy","message":"the server )"
                                         R"(is receiving too much at once; retry"})"));
            c.in.append(buf, static_cast<std::size_t>(n));
            buffered += static_cast<std::size_t>(n);
            thisTurn += static_cast<std::size_t>(n);
            // Framed as it arrives, so nothing past the caps is ever buffered; a whole request
            // stops the reading (a pipelined rest waits in the socket).
            if (!scanRequest(c)) return;
            // Fair to the other connections: come back on the next turn (level-triggered).
            if (thisTurn >= (1u << 20) && !(c.ssl && SSL_pending(c.ssl) > 0)) break;
        }
        updateInterest(c);
    }

    // Frames what has arrived; true while the request is still being read.
    bool scanRequest(Conn& c) {
        const bool hadHead = c.framer.headDone();
        const Framing f = c.framer.scan(c.in);
        const auto now = SteadyClock::now();
        if (!hadHead && c.framer.headDone()) c.headDoneAt = now;
        switch (f) {
            case Framing::NeedMore:
                if (c.framer.headDone()) {
                    // The body's deadline grows with its size, at bodyRate bytes a second.
                    c.deadline = c.headDoneAt + Ms(limits.bodyBaseMs) +
                                 Ms(1000 * c.framer.bodyBytes() / limits.bodyRate);
                    if (c.framer.expectsContinue() && !c.sentContinue) {
                        c.sentContinue = true;
                        static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
                        front::writeSome(c, kContinue, sizeof kContinue - 1);  // small: one segment
                    }
                }
                return true;
            case Framing::Complete: {
                const std::size_t len = c.framer.length();
                std::string request = c.in.substr(0, len);
                if (c.framer.expectsContinue()) neutraliseExpect(request, c.framer.headLength());
                c.in.erase(0, len);
                buffered -= len;
                dispatch(c, std::move(request), false);
                return false;
            }
            case Framing::HeadOnly: {
                std::string head =
                    overLimitHead(std::string_view(c.in).substr(0, c.framer.headLength()),
                                  limits.framing.maxBodyBytes);
                buffered -= c.in.size();
                c.in.clear();
                dispatch(c, std::move(head), true);
                return false;
            }
            case Framing::HeadTooLarge:
                replyAndClose(c, front::plainReply(431, "Request Header Fields Too Large",
                                                   R"({"error":"head_too_large","message":)"
                                                   R"("the request headers are too large"})"));
                return false;
            case Framing::Bad:
                replyAndClose(c, front::plainReply(400, "Bad Request",
                                                   R"({"error":"malformed","message":)"
                                                   R"("the request framing is malformed"})"));
                return false;
        }
        return false;
    }

    void onWritable(Conn& c) {
        while (c.outAt < c.out.size()) {
            const ssize_t n = front::writeSome(c, c.out.data() + c.outAt, c.out.size() - c.outAt);
            if (n == -2 || n == 0) return closeConn(c.id);
            if (n == -1) return updateInterest(c);
            c.outAt += static_cast<std::size_t>(n);
        }
        if (c.closeAfterWrite) return startDrain(c);
        c.out.clear();
        c.outAt = 0;
        c.framer.reset();
        c.sentContinue = false;
        c.state = State::Reading;
        c.since = SteadyClock::now();
        c.deadline = c.since + Ms(limits.headMs);
        updateInterest(c);
        if (!c.in.empty() && !scanRequest(c)) return;
        onReadable(c);
    }

    void startDrain(Conn& c) {
        if (c.ssl) {
            SSL_shutdown(c.ssl);  // close_notify, best effort
            ERR_clear_error();
        }
        shutdown(c.fd, SHUT_WR);
        buffered -= c.in.size();
        c.in.clear();
        c.in.shrink_to_fit();
        c.state = State::Draining;
        c.drained = 0;
        c.deadline = SteadyClock::now() + Ms(kDrainMs);
        updateInterest(c);
        onDrainable(c);
    }

    void onDrainable(Conn& c) {
        char buf[16 * 1024];
        while (true) {
            const ssize_t n =
                c.ssl ? SSL_read(c.ssl, buf, sizeof buf) : recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) {
                c.drained += static_cast<std::size_t>(n);
                if (c.drained > kDrainBytes) return closeConn(c.id);
                continue;
            }
            if (c.ssl) {
                const int e = SSL_get_error(c.ssl, static_cast<int>(n));
                ERR_clear_error();
                if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
                return closeConn(c.id);
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
            return closeConn(c.id);
        }
    }

    void deliverReplies() {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t n = read(wakeFd, &count, sizeof count);
        std::vector<Done> ready;
        {
            std::lock_guard lock(doneMutex);
            ready.swap(done);
        }
        for (auto& d : ready) {
            const auto it = conns.find(d.id);
            if (it == conns.end()) continue;  // the client went away meanwhile
            Conn& c = *it->second;
            c.out = std::move(d.reply.bytes);
            c.outAt = 0;
            c.closeAfterWrite = c.closeAfterWrite || d.reply.close;
            c.state = State::Writing;
            c.deadline = SteadyClock::now() + Ms(limits.writeBaseMs) +
                         Ms(1000 * c.out.size() / limits.bodyRate);
            onWritable(c);
        }
    }

    void onEvent(std::uint64_t id, std::uint32_t events) {
        const auto it = conns.find(id);
        if (it == conns.end()) return;
        Conn& c = *it->second;
        switch (c.state) {
            case State::Handshake:
                return handshake(c);
            case State::Reading:
                return onReadable(c);
            case State::Writing:
                return onWritable(c);
            case State::Draining:
                return onDrainable(c);
            case State::Processing:
                // No interest is set while a worker has the request; only errors arrive.
                if (events & (EPOLLERR | EPOLLHUP)) closeConn(id);
                return;
        }
    }

    void sweepDeadlines() {
        const auto now = SteadyClock::now();
        std::vector<std::uint64_t> expired;
        for (const auto& [id, c] : conns)
            if (c->state != State::Processing && now > c->deadline) expired.push_back(id);
        for (const auto id : expired) closeConn(id);
    }

    void run() {
        epoll_event events[256];
        auto nextSweep = SteadyClock::now();
        while (!stopping.load()) {
            const int n = epoll_wait(epollFd, events, 256, 200);
            for (int i = 0; i < n; ++i) {
                const std::uint64_t id = events[i].data.u64;
                if (id == kListenId)
                    acceptAll();
                else if (id == kWakeId)
                    deliverReplies();
                else
                    onEvent(id, events[i].events);
            }
            if (SteadyClock::now() >= nextSweep) {
                sweepDeadlines();
                nextSweep = SteadyClock::now() + Ms(200);
            }
        }
    }
};

HttpFront::HttpFront(Handler handler, FrontLimits limits, const std::string& certFile,
                     const std::string& keyFile)
    : m_impl(std::make_unique<Impl>(*this, std::move(handler), limits)) {
    if (certFile.empty() != keyFile.empty())
        throw std::invalid_argument("--tls-cert and --tls-key go together");
    if (!certFile.empty()) {
        SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
        m_impl->tls = ctx;
        SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
        SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        if (SSL_CTX_use_certificate_chain_file(ctx, certFile.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, keyFile.c_str(), SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_check_private_key(ctx) != 1) {
            ERR_clear_error();
            throw std::runtime_error("cannot load the TLS certificate or key (" + certFile + ", " +
                                     keyFile + ")");
        }
    }
    m_impl->epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_impl->wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_impl->epollFd < 0 || m_impl->wakeFd < 0)
        throw std::runtime_error("cannot create the event loop");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeId;
    epoll_ctl(m_impl->epollFd, EPOLL_CTL_ADD, m_impl->wakeFd, &ev);
}

HttpFront::~HttpFront() = default;

int HttpFront::bind(const std::string& host, int port) {
    int bound = port;
    const int fd = front::listenSocket(host, port, kBacklog, &bound);
    m_impl->listenFd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kListenId;
    epoll_ctl(m_impl->epollFd, EPOLL_CTL_ADD, fd, &ev);
    return bound;
}

bool HttpFront::serve() {
    if (m_impl->listenFd < 0) return false;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, m_impl->limits.workers); ++i)
        m_impl->workers.emplace_back([this] { m_impl->workerLoop(); });
    m_running = true;
    m_impl->run();
    {
        std::lock_guard lock(m_impl->jobsMutex);
        m_impl->workersStop = true;
        m_impl->jobs.clear();
    }
    m_impl->jobsCv.notify_all();
    for (auto& t : m_impl->workers) t.join();
    m_impl->workers.clear();
    std::vector<std::uint64_t> ids;
    for (const auto& [id, c] : m_impl->conns) ids.push_back(id);
    for (const auto id : ids) m_impl->closeConn(id);
    m_running = false;
    return true;
}

void HttpFront::stop() {
    m_impl->stopping = true;
    m_impl->wake();
}

}  // namespace csync::server
