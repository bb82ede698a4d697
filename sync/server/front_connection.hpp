#pragma once
// One connection of the county server's front (http_front.hpp) and its socket I/O, plain or TLS;
// internal to the front. The event loop decides what happens; these only move bytes.
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "sync/server/http_framing.hpp"
#include "sync/server/http_front.hpp"

namespace csync::server::front {

// Draining: a refusal was sent while the client may still be sending its body; the rest is
// read and dropped for a moment (a lingering close), else the client's kernel would get a reset
// before it reads the answer.
enum class State { Handshake, Reading, Processing, Writing, Draining };

struct Conn {
    std::uint64_t id = 0;
    int fd = -1;
    SSL* ssl = nullptr;
    State state = State::Reading;
    Peer peer;
    std::string addrKey;
    std::string in;
    RequestFramer framer;
    std::string out;
    std::size_t outAt = 0;
    bool closeAfterWrite = false;
    bool sentContinue = false;
    std::size_t drained = 0;
    bool tlsWantsRead = false, tlsWantsWrite = false;
    std::chrono::steady_clock::time_point since;  // accepted, or its last response sent
    std::chrono::steady_clock::time_point headDoneAt;
    std::chrono::steady_clock::time_point deadline;
    std::uint32_t interest = 0;
};

/// A whole response made by the front itself (JSON body, connection closes after it).
std::string plainReply(int status, const char* reason, const std::string& body);
/// The textual address of ss, and its port in *port.
std::string sockAddrText(const sockaddr_storage& ss, int* port);
/// Reads what is there: >0 bytes, 0 end of stream, -1 would block (TLS: see tlsWants*), -2 error.
ssize_t readSome(Conn& c, char* buf, std::size_t n);
/// Writes what the socket takes: >0 bytes, 0 or -2 error, -1 would block.
ssize_t writeSome(Conn& c, const char* buf, std::size_t n);
/// A non-blocking listening socket on host:port (0: any free port) with this backlog; the
/// bound port in *bound. Raises the descriptor limit to its hard limit. Throws on failure.
int listenSocket(const std::string& host, int port, int backlog, int* bound);

}  // namespace csync::server::front
