#include "fault_proxy.hpp"

#include "sockets.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace testsupport {

namespace {

int connectTo(int port) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(s);
        return -1;
    }
    return s;
}

// Reads what is available within timeoutMs (0 bytes on timeout or close).
std::string readSome(int fd, int timeoutMs) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeoutMs) <= 0) return {};
    char buf[16384];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

// Reads one HTTP message (headers + Content-Length body) from fd, bounded by 10 s.
std::string readMessage(int fd) {
    std::string m;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        const auto end = m.find("\r\n\r\n");
        if (end != std::string::npos) {
            std::size_t length = 0;
            for (const char* h : {"Content-Length:", "content-length:"}) {
                const auto at = m.find(h);
                if (at != std::string::npos && at < end)
                    length = std::stoul(m.substr(at + std::strlen(h)));
            }
            if (m.size() >= end + 4 + length) return m;
        }
        const std::string more = readSome(fd, 200);
        if (more.empty()) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 0) > 0) break;  // readable but empty: closed
            continue;
        }
        m += more;
    }
    return m;
}

void rst(int fd) {
    linger l{1, 0};  // close with RST, like a dropped connection
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

}  // namespace

FaultProxy::FaultProxy(int upstreamPort, Fault fault) : m_upstream(upstreamPort), m_fault(fault) {
    m_listen = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(m_listen, 16) != 0)
        throw std::runtime_error("proxy: cannot listen");
    socklen_t len = sizeof a;
    getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { serve(); });
}

FaultProxy::~FaultProxy() {
    m_stop = true;
    shutdown(m_listen, SHUT_RDWR);
    close(m_listen);
    if (m_thread.joinable()) m_thread.join();
}

void FaultProxy::serve() {
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        const int client = accept(m_listen, nullptr, nullptr);
        if (client < 0) continue;
        ++m_connections;
        handle(client);  // one at a time: the sync client makes one request at a time
    }
}

void FaultProxy::handle(int client) {
    if (m_fault == Fault::Hang || m_fault == Fault::CommitThenHang) {
        if (m_fault == Fault::CommitThenHang) {
            const int server = connectTo(m_upstream);
            if (server >= 0) {
                sendAll(server, readMessage(client));
                readMessage(server);  // the county has committed and answered
                close(server);
            }
            ++m_committed;
        }
        // Hold the connection until the client gives up (its timeout) or the proxy stops.
        for (int i = 0; i < 600 && !m_stop; ++i) {
            pollfd p{client, POLLIN, 0};
            if (poll(&p, 1, 100) > 0 && readSome(client, 0).empty()) break;  // client closed
        }
        close(client);
        return;
    }
    const std::string request = readMessage(client);
    if (m_fault == Fault::Status500 || m_fault == Fault::Status503) {
        const std::string code =
            m_fault == Fault::Status500 ? "500 Internal Server Error" : "503 Service Unavailable";
        sendAll(client, "HTTP/1.1 " + code + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        close(client);
        return;
    }
    const int server = connectTo(m_upstream);
    if (server < 0) {
        rst(client);
        return;
    }
    if (m_fault == Fault::ResetRequest) {
        sendAll(server, request.substr(0, request.size() / 2));
        rst(server);
        rst(client);
        return;
    }
    if (m_fault == Fault::Slow) {
        for (std::size_t at = 0; at < request.size(); at += 1024) {
            sendAll(server, std::string_view(request).substr(at, 1024));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    } else {
        sendAll(server, request);
    }
    if (m_fault == Fault::ResetResponse) {
        rst(client);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        close(server);
        return;
    }
    const std::string response = readMessage(server);
    close(server);
    if (m_fault == Fault::LoseResponse) {
        rst(client);  // the server has committed; the station never hears about it
        return;
    }
    if (m_fault == Fault::TruncateResponse) {
        sendAll(client, response.substr(0, response.size() / 2));
        rst(client);
        return;
    }
    if (m_fault == Fault::Slow) {
        for (std::size_t at = 0; at < response.size(); at += 1024) {
            sendAll(client, std::string_view(response).substr(at, 1024));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    } else {
        sendAll(client, response);
    }
    close(client);
}

}  // namespace testsupport
