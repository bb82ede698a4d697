#pragma once
// The county server's network front: one epoll thread owns every socket (TLS included) and reads
// each request whole, under a deadline and a size cap, before a worker thread sees it; workers
// hand the response bytes back through a queue and the front writes them. A client that sends a
// byte a second, or a never-ending chunked body, costs a file descriptor and a small buffer,
// never a worker, so it cannot starve the stations and staff (issue 18).
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "sync/server/http_framing.hpp"

namespace csync::server {

/// Limits and deadlines of the front; the defaults are the production values.
struct FrontLimits {
    FramingLimits framing;
    int handshakeMs = 10'000;  ///< TLS handshake
    int headMs = 10'000;       ///< from a connection (or the previous response) to a whole head
    int bodyBaseMs = 20'000;   ///< body: this much plus one second per bodyRate bytes
    std::size_t bodyRate = 8 * 1024;
    int writeBaseMs = 30'000;  ///< response: this much plus one second per bodyRate bytes
    /// When full, the connection waiting longest for a whole head is closed for a new one.
    std::size_t maxConnections = 4000;
    /// IPv4 address, or IPv6 /64: room for a county's stations behind one NAT syncing at once.
    std::size_t maxPerAddress = 256;
    std::size_t maxBufferedBytes = 256u << 20;  ///< all requests being read, together
    std::size_t workers = 16;
};

/// The peer of a request.
struct Peer {
    std::string addr;
    int port = 0;
    std::string localAddr;
    int localPort = 0;
    bool tls = false;
};

/// A worker's answer: the response bytes, and whether the connection ends after them.
struct FrontReply {
    std::string bytes;
    bool close = false;
};

/// Serves whole requests to a handler that runs on worker threads.
class HttpFront {
public:
    /// Turns one complete request (head and body bytes) into response bytes; any thread.
    using Handler = std::function<FrontReply(std::string request, const Peer& peer)>;

    /// TLS when certFile and keyFile (PEM) are given; throws when they cannot be loaded.
    HttpFront(Handler handler, FrontLimits limits = {}, const std::string& certFile = "",
              const std::string& keyFile = "");
    ~HttpFront();
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;

    /// Binds host:port (0 picks a free port) with a deep backlog; returns the port. Throws.
    int bind(const std::string& host, int port);
    /// Runs the event loop until stop(); false when not bound.
    bool serve();
    /// Makes serve() return; any thread.
    void stop();
    /// Whether serve() is running.
    bool running() const { return m_running.load(); }
    /// Connections open now (for tests and the log).
    std::size_t connections() const { return m_openConnections.load(); }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::atomic<bool> m_running{false};
    std::atomic<std::size_t> m_openConnections{0};
};

}  // namespace csync::server
