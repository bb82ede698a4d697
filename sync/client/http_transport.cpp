#include "sync/client/http_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "sync/protocol/signing.hpp"

namespace csync::client {

namespace {

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t onBody(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto* r = static_cast<HttpResponse*>(user);
    std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        value.erase(value.find_last_not_of(" \t\r\n") + 1);
        if (name == kHeaderServerTime) {
            try {
                r->serverTimeMs = std::stoll(value);
            } catch (...) {  // a garbled header is ignored, not trusted
            }
        }
        if (name == "etag") r->etag = value;
    }
    return size * n;
}

}  // namespace

HttpResponse perform(const HttpRequest& req) {
    initCurlOnce();
    HttpResponse r;
    CURL* c = curl_easy_init();
    if (!c) {
        r.transportError = "curl_easy_init failed";
        return r;
    }
    curl_slist* headers = nullptr;
    for (const auto& h : req.headers) headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (req.method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    // gzip only: curl would also offer brotli, which costs the server far more CPU per batch.
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(req.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(req.timeoutMs));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_blob ca{};
    if (!req.caCertPem.empty()) {
        ca.data = const_cast<char*>(req.caCertPem.data());
        ca.len = req.caCertPem.size();
        ca.flags = CURL_BLOB_COPY;
        curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca);
    }
    if (!req.verifyPeer) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    } else {
        r.transportError = curl_easy_strerror(rc);
        r.status = 0;
    }
    curl_off_t up = 0, down = 0;
    curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &down);
    r.bytesSent = static_cast<std::size_t>(up);
    r.bytesReceived = static_cast<std::size_t>(down);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return r;
}

}  // namespace csync::client
