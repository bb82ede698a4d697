#pragma once
// A TCP proxy on 127.0.0.1 that breaks HTTP exchanges on purpose, between a station and the
// county server in sync tests: resets mid-request or mid-response, hangs, truncates, answers
// 500/503 itself, or lets the server commit and then drops the response.
#include <atomic>
#include <string>
#include <thread>

namespace testsupport {

enum class Fault {
    None,           // forward both ways
    ResetRequest,   // close after part of the request, before the server sees all of it
    ResetResponse,  // forward the request, close before any response byte
    LoseResponse,   // forward the request, read the whole response, then close: committed, unseen
    TruncateResponse,  // forward half of the response, then close
    Hang,              // accept and never answer
    Status500,         // answer 500 without asking the server
    Status503,         // answer 503 without asking the server
    Slow,              // forward both ways, 1 KB every 20 ms
    CommitThenHang,    // forward the request, read the response, then hold the client silent
};

class FaultProxy {
public:
    /// Listens on 127.0.0.1 (port chosen by the OS) and forwards to 127.0.0.1:upstreamPort.
    FaultProxy(int upstreamPort, Fault fault);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;
    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Connections handled so far.
    int connections() const { return m_connections; }
    /// CommitThenHang: exchanges the server has answered (and the client has not heard).
    int committed() const { return m_committed; }

private:
    void serve();
    void handle(int client);

    int m_upstream;
    Fault m_fault;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::atomic<int> m_committed{0};
    std::thread m_thread;
};

}  // namespace testsupport
