#include "sync/server/front_connection.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace csync::server::front {

std::string plainReply(int status, const char* reason, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string sockAddrText(const sockaddr_storage& ss, int* port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (ss.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
        inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
        *port = ntohs(a->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
        inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
        *port = ntohs(a->sin6_port);
    }
    return text;
}

ssize_t readSome(Conn& c, char* buf, std::size_t n) {
    c.tlsWantsWrite = false;
    if (!c.ssl) {
        const ssize_t r = recv(c.fd, buf, n, 0);
        if (r >= 0) return r;
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? -1 : -2;
    }
    const int r = SSL_read(c.ssl, buf, static_cast<int>(n));
    if (r > 0) return r;
    switch (SSL_get_error(c.ssl, r)) {
        case SSL_ERROR_WANT_READ:
            return -1;
        case SSL_ERROR_WANT_WRITE:
            c.tlsWantsWrite = true;
            return -1;
        case SSL_ERROR_ZERO_RETURN:
            return 0;
        default:
            ERR_clear_error();
            return -2;
    }
}

ssize_t writeSome(Conn& c, const char* buf, std::size_t n) {
    c.tlsWantsRead = false;
    if (!c.ssl) {
        const ssize_t r = send(c.fd, buf, n, MSG_NOSIGNAL);
        if (r >= 0) return r;
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? -1 : -2;
    }
    const int r = SSL_write(c.ssl, buf, static_cast<int>(n));
    if (r > 0) return r;
    switch (SSL_get_error(c.ssl, r)) {
        case SSL_ERROR_WANT_WRITE:
            return -1;
        case SSL_ERROR_WANT_READ:
            c.tlsWantsRead = true;
            return -1;
        default:
            ERR_clear_error();
            return -2;
    }
}

int listenSocket(const std::string& host, int port, int backlog, int* bound) {
    // Slow clients each hold a descriptor: take what the hard limit allows.
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0)
        throw std::runtime_error("cannot listen on " + host + ": unknown address");
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        const int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, backlog) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0)
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " (" +
                                 std::strerror(errno) + ")");
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
    sockAddrText(ss, bound);
    return fd;
}

}  // namespace csync::server::front
