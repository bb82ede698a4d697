#include "sync/server/http_framing.hpp"

#include <cctype>

namespace csync::server {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string_view trim(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.remove_suffix(1);
    return v;
}

// End of the head (just past the blank line), or 0 when it has not arrived.
std::size_t headEnd(std::string_view buf) {
    for (std::size_t i = buf.find('\n'); i != std::string_view::npos; i = buf.find('\n', i + 1)) {
        if (i + 1 < buf.size() && buf[i + 1] == '\n') return i + 2;
        if (i + 2 < buf.size() && buf[i + 1] == '\r' && buf[i + 2] == '\n') return i + 3;
    }
    return 0;
}

// Calls f(name, value) for each header line of a head (the request line skipped).
template <class F>
void forEachHeader(std::string_view head, F&& f) {
    std::size_t at = head.find('\n');
    while (at != std::string_view::npos && at + 1 < head.size()) {
        const std::size_t next = head.find('\n', at + 1);
        const std::string_view line =
            head.substr(at + 1, (next == std::string_view::npos ? head.size() : next) - at - 1);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos)
            f(trim(line.substr(0, colon)), trim(line.substr(colon + 1)), at + 1);
        at = next;
    }
}

}  // namespace

Framing RequestFramer::scan(std::string_view buf) {
    if (!headDone()) {
        const Framing f = scanHead(buf);
        if (f != Framing::Complete) return f;
    }
    if (m_chunked) return scanChunks(buf);
    if (buf.size() < m_headEnd + m_contentLength) return Framing::NeedMore;
    m_length = m_headEnd + m_contentLength;
    return Framing::Complete;
}

// Complete here means "the head is read and the body framing known"; scan() goes on.
Framing RequestFramer::scanHead(std::string_view buf) {
    const std::size_t end = headEnd(buf.substr(0, m_limits.maxHeadBytes + 3));
    if (end == 0)
        return buf.size() > m_limits.maxHeadBytes ? Framing::HeadTooLarge : Framing::NeedMore;
    if (end > m_limits.maxHeadBytes) return Framing::HeadTooLarge;
    bool bad = false, haveLength = false;
    forEachHeader(buf.substr(0, end),
                  [&](std::string_view name, std::string_view value, std::size_t) {
                      if (iequals(name, "content-length")) {
                          std::size_t n = 0;
                          if (value.empty() || value.size() > 15) bad = true;
                          for (char c : value) {
                              if (c < '0' || c > '9') bad = true;
                              n = n * 10 + static_cast<std::size_t>(c - '0');
                          }
                          if (haveLength && n != m_contentLength) bad = true;
                          haveLength = true;
                          m_contentLength = n;
                      } else if (iequals(name, "transfer-encoding")) {
                          // httplib decodes only chunked; anything else would be read as a body of
                          // its own.
                          if (iequals(value, "chunked"))
                              m_chunked = true;
                          else
                              bad = true;
                      } else if (iequals(name, "expect") && iequals(value, "100-continue")) {
                          m_expectContinue = true;
                      }
                  });
    // Both framings at once is how requests are smuggled past a proxy: refused.
    if (bad || (haveLength && m_chunked)) return Framing::Bad;
    m_headEnd = end;
    m_chunkAt = end;
    if (!m_chunked && m_contentLength > m_limits.maxBodyBytes) {
        m_length = end;
        return Framing::HeadOnly;
    }
    return Framing::Complete;
}

Framing RequestFramer::scanChunks(std::string_view buf) {
    constexpr std::size_t kMaxLine = 1024;
    while (true) {
        const std::size_t eol = buf.find('\n', m_chunkAt);
        if (eol == std::string_view::npos)
            return buf.size() - m_chunkAt > kMaxLine ? Framing::Bad : Framing::NeedMore;
        if (eol - m_chunkAt > kMaxLine) return Framing::Bad;
        const std::string_view line = trim(buf.substr(m_chunkAt, eol - m_chunkAt));
        if (m_inTrailer) {
            m_chunkAt = eol + 1;
            if (line.empty()) {
                m_length = m_chunkAt;
                return Framing::Complete;
            }
            continue;
        }
        std::size_t size = 0, digits = 0;
        for (char c : line) {
            if (c == ';' || c == ' ') break;
            const int v = std::isxdigit(static_cast<unsigned char>(c))
                              ? (c <= '9' ? c - '0' : (std::tolower(c) - 'a' + 10))
                              : -1;
            if (v < 0 || ++digits > 8) return Framing::Bad;
            size = size * 16 + static_cast<std::size_t>(v);
        }
        if (digits == 0) return Framing::Bad;
        if (size == 0) {
            m_inTrailer = true;
            m_chunkAt = eol + 1;
            continue;
        }
        if (m_decoded + size > m_limits.maxBodyBytes) {
            m_length = m_headEnd;
            return Framing::HeadOnly;
        }
        const std::size_t dataEnd = eol + 1 + size;
        if (buf.size() < dataEnd + 1) return Framing::NeedMore;
        std::size_t next = dataEnd;
        if (buf[next] == '\r') {
            if (buf.size() < next + 2) return Framing::NeedMore;
            ++next;
        }
        if (buf[next] != '\n') return Framing::Bad;
        m_decoded += size;
        m_chunkAt = next + 1;
    }
}

std::string overLimitHead(std::string_view head, std::size_t limit) {
    const std::size_t firstEol = head.find('\n');
    std::string out(head.substr(0, firstEol == std::string_view::npos ? head.size() : firstEol));
    if (!out.empty() && out.back() == '\r') out.pop_back();
    out += "\r\n";
    forEachHeader(head, [&](std::string_view name, std::string_view value, std::size_t) {
        if (iequals(name, "content-length") || iequals(name, "transfer-encoding") ||
            iequals(name, "expect"))
            return;
        out.append(name).append(": ").append(value).append("\r\n");
    });
    out += "Content-Length: " + std::to_string(limit + 1) + "\r\nConnection: close\r\n\r\n";
    return out;
}

void neutraliseExpect(std::string& request, std::size_t headLength) {
    forEachHeader(std::string_view(request).substr(0, headLength),
                  [&](std::string_view name, std::string_view, std::size_t lineStart) {
                      if (iequals(name, "expect")) request[lineStart] = 'X';
                  });
}

}  // namespace csync::server
