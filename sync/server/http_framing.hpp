#pragma once
// Where one HTTP/1.1 request ends in the bytes received so far, without parsing it for meaning:
// the county server's front (http_front.hpp) reads a whole request with deadlines and caps before
// a worker thread sees it, so a slow or endless client never holds a worker.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace csync::server {

/// What the front may accept in one request.
struct FramingLimits {
    std::size_t maxHeadBytes = 16 * 1024;  ///< request line and headers
    std::size_t maxBodyBytes = 8u << 20;   ///< body as sent (chunked: after de-chunking)
};

/// The state of one request being received.
enum class Framing {
    NeedMore,  ///< not complete yet
    Complete,  ///< `length` bytes form the request (head and body)
    HeadOnly,  ///< the body is over the limit: `length` bytes are the head, answer 413 and close
    HeadTooLarge,
    Bad,  ///< malformed framing (e.g. both Content-Length and chunked, a bad chunk size)
};

/// Scans a request incrementally; feed it the connection's buffer each time bytes arrive.
class RequestFramer {
public:
    explicit RequestFramer(FramingLimits limits = {}) : m_limits(limits) {}
    /// Looks at buf (everything received for this request so far, from its first byte).
    Framing scan(std::string_view buf);
    /// Bytes of the request once Complete / HeadOnly.
    std::size_t length() const { return m_length; }
    /// Size of the head (request line and headers, with the blank line), once known.
    std::size_t headLength() const { return m_headEnd; }
    /// Whether the head has arrived.
    bool headDone() const { return m_headEnd != 0; }
    /// Body bytes the head announced (Content-Length), or received so far (chunked).
    std::size_t bodyBytes() const { return m_chunked ? m_decoded : m_contentLength; }
    /// Whether the client sent `Expect: 100-continue` and waits for it before the body.
    bool expectsContinue() const { return m_expectContinue; }
    /// Starts over for the next request on the same connection.
    void reset() { *this = RequestFramer(m_limits); }

private:
    Framing scanHead(std::string_view buf);
    Framing scanChunks(std::string_view buf);

    FramingLimits m_limits;
    std::size_t m_headEnd = 0;
    std::size_t m_length = 0;
    std::size_t m_contentLength = 0;
    bool m_chunked = false;
    bool m_expectContinue = false;
    // Chunked bodies: where the next chunk-size line starts, and the data seen so far.
    std::size_t m_chunkAt = 0;
    std::size_t m_decoded = 0;
    bool m_inTrailer = false;
};

/// The head with its framing headers replaced by a Content-Length over `limit`, so that the
/// router answers it with its ordinary 413 (staff page or API JSON) without reading a body.
std::string overLimitHead(std::string_view head, std::size_t limit);
/// Renames an `Expect:` header in place (the front has answered 100 Continue itself).
void neutraliseExpect(std::string& request, std::size_t headLength);

}  // namespace csync::server
