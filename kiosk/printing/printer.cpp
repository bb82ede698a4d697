#include "kiosk/printing/printer.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "kiosk/printing/escpos.hpp"
#include "kiosk/printing/receipt_image.hpp"

namespace kiosk::printing {

namespace {

using Clock = std::chrono::steady_clock;

PrintResult failed(std::string key, std::string detail) {
    return {false, "print.error." + std::move(key), std::move(detail)};
}

// What an errno means to the person at the kiosk.
PrintResult fromErrno(int e, const std::string& where) {
    const std::string detail = where + ": " + std::strerror(e);
    switch (e) {
        case ENOENT:
        case ENODEV:
        case ENXIO:
        case ECONNREFUSED:
        case EHOSTUNREACH:
        case ENETUNREACH:
        case ECONNRESET:
        case EPIPE:
            return failed("not_connected", detail);
        case ENOSPC:  // usblp reports an empty paper roll this way
            return failed("paper_out", detail);
        case EIO:  // usblp: offline, cover open, or another printer error
            return failed("offline", detail);
        case EBUSY:
            return failed("busy", detail);
        case EACCES:
        case EPERM:
            return failed("no_permission", detail);
        case ETIMEDOUT:
        case EAGAIN:
            return failed("timeout", detail);
        default:
            return failed("other", detail);
    }
}

int msLeft(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<long long>(0, left));
}

// Writes everything to a non-blocking fd, waiting for POLLOUT up to the deadline.
PrintResult writeAll(int fd, bool socket, const std::string& bytes, Clock::time_point deadline,
                     const std::string& where) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = socket
                              ? ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL)
                              : ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return fromErrno(errno, where);
        pollfd p{fd, POLLOUT, 0};
        const int left = msLeft(deadline);
        if (left == 0) return failed("timeout", where + ": write timed out");
        const int r = ::poll(&p, 1, left);
        if (r == 0) return failed("timeout", where + ": write timed out");
        if (r < 0 && errno != EINTR) return fromErrno(errno, where);
        if (r > 0 && (p.revents & (POLLERR | POLLHUP)) && !(p.revents & POLLOUT))
            return failed("not_connected", where + ": device hung up");
    }
    return {true, "", ""};
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

}  // namespace

std::string findUsbPrinter(const std::string& dir) {
    std::error_code ec;
    std::string best;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("lp", 0) == 0 && (best.empty() || e.path().string() < best))
            best = e.path().string();
    }
    return best;
}

std::optional<PrinterTarget> parsePrinterSpec(const std::string& spec, std::string& error) {
    PrinterTarget t;
    if (spec.empty() || spec == "none") return t;
    if (spec == "auto") {
        if (const std::string dev = findUsbPrinter(); !dev.empty()) {
            t.kind = PrinterTarget::Kind::Usb;
            t.path = dev;
        }
        return t;
    }
    const auto colon = spec.find(':');
    const std::string scheme = spec.substr(0, colon),
                      rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (scheme == "usb" && !rest.empty()) {
        t.kind = PrinterTarget::Kind::Usb;
        t.path = rest;
        return t;
    }
    if (scheme == "file" && rest.size() > 4 && rest.ends_with(".png")) {
        t.kind = PrinterTarget::Kind::File;
        t.path = rest;
        return t;
    }
    if (scheme == "tcp" && !rest.empty()) {
        t.kind = PrinterTarget::Kind::Tcp;
        const auto portAt = rest.rfind(':');
        t.host = rest.substr(0, portAt);
        if (portAt != std::string::npos) {
            const std::string port = rest.substr(portAt + 1);
            if (port.empty() || port.size() > 5 ||
                !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
                t.port = -1;
            else
                t.port = std::stoi(port);
        }
        if (!t.host.empty() && t.port > 0 && t.port < 65536) return t;
    }
    error = "printer must be usb:DEVICE, tcp:HOST[:PORT], file:PATH.png, auto or none: " + spec;
    return std::nullopt;
}

PrintResult writeToDevice(const std::string& path, const std::string& bytes, int timeoutMs) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    Fd fd(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) return fromErrno(errno, path);
    return writeAll(fd.get(), false, bytes, deadline, path);
}

PrintResult sendToNetworkPrinter(const std::string& host, int port, const std::string& bytes,
                                 int timeoutMs) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    const std::string where = "tcp " + host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
        return failed("not_connected", where + ": unknown host");
    PrintResult last = failed("not_connected", where);
    for (addrinfo* a = found; a; a = a->ai_next) {
        Fd fd(
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (fd.get() < 0) {
            last = fromErrno(errno, where);
            continue;
        }
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                last = fromErrno(errno, where);
                continue;
            }
            pollfd p{fd.get(), POLLOUT, 0};
            int r;
            do r = ::poll(&p, 1, msLeft(deadline));
            while (r < 0 && errno == EINTR);
            if (r == 0) {
                last = failed("timeout", where + ": connect timed out");
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
            if (r < 0 || err != 0) {
                last = fromErrno(r < 0 ? errno : err, where);
                continue;
            }
        }
        last = writeAll(fd.get(), true, bytes, deadline, where);
        if (last.ok) ::shutdown(fd.get(), SHUT_WR);  // the job ends here
        break;
    }
    ::freeaddrinfo(found);
    return last;
}

PrintResult writeReceiptPng(const std::string& path, const Receipt& receipt) {
    std::string error;
    const auto img = renderReceiptImage(receipt, error);
    if (!img) return failed("other", error);
    if (!platform::writePng(path, *img)) return failed("file", "cannot write " + path);
    return {true, "", ""};
}

PrintResult printReceipt(const PrinterTarget& target, const Receipt& receipt, int timeoutMs) {
    switch (target.kind) {
        case PrinterTarget::Kind::None:
            return failed("none", "no printer configured");
        case PrinterTarget::Kind::Usb:
            return writeToDevice(target.path, encodeEscPos(receipt), timeoutMs);
        case PrinterTarget::Kind::Tcp:
            return sendToNetworkPrinter(target.host, target.port, encodeEscPos(receipt), timeoutMs);
        case PrinterTarget::Kind::File:
            return writeReceiptPng(target.path, receipt);
    }
    return failed("other", "unknown target");
}

}  // namespace kiosk::printing
