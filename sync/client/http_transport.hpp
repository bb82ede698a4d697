#pragma once
// One HTTP(S) request at a time over libcurl, with the headers and timeouts sync needs. Kept
// apart from the protocol logic so tests can see exactly what went over the wire.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace csync::client {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;  // "name: value"
    std::string body;                  // sent as is (already gzip-compressed when it should be)
    std::string caCertPem;             // extra trusted certificate (self-signed county server)
    bool verifyPeer = true;            // false only where the payload is authenticated end to end
    int connectTimeoutMs = 5000;
    int timeoutMs = 30000;
};

struct HttpResponse {
    long status = 0;   // 0 when no response arrived
    std::string body;  // decompressed
    std::string etag;
    std::optional<std::int64_t> serverTimeMs;  // x-server-time
    std::string transportError;                // set when status is 0: what went wrong on the way
    std::size_t bytesSent = 0;
    std::size_t bytesReceived = 0;
};

/// Performs the request (blocking). Never throws for network problems: see transportError.
HttpResponse perform(const HttpRequest& request);

}  // namespace csync::client
