#pragma once
// Small blocking-socket helpers shared by the tests that speak raw TCP to a server.
#include <sys/socket.h>

#include <string_view>

namespace testsupport {

/// Sends all of data (no SIGPIPE); false when the peer stops taking it.
inline bool sendAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace testsupport
