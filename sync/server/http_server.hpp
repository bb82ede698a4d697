#pragma once
// The county server's HTTP API (DESIGN.md §4): the front (http_front.hpp) reads whole requests,
// cpp-httplib parses and routes them: signed station requests under
// /api/v1 (and the unsigned POST /api/v1/enroll of a station that has only a typed code); every
// other path goes to the staff web application (staff/web.hpp). Every response carries the server
// clock.
#include <memory>
#include <string>

#include "platform/clock.hpp"
#include "sync/server/backend.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace csync::server {
namespace staff {
class WebApp;
}
class CodeThrottle;
class HttpFront;

class HttpServer {
public:
    /// Serves backend over HTTP, or HTTPS when tlsCert and tlsKey (PEM files) are given.
    HttpServer(Backend& backend, const platform::Clock& clock, const std::string& tlsCert = "",
               const std::string& tlsKey = "");
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds host:port (port 0 picks a free one); returns the bound port. Throws on failure.
    int bind(const std::string& host, int port);
    /// Serves until stop(); false if the listening socket failed.
    bool serve();
    /// Makes serve() return (safe from another thread; only once it is running).
    void stop();
    /// Whether serve() is accepting connections.
    bool running() const;

private:
    void routes();
    void enrollByCode(const httplib::Request& req, const std::string& body, httplib::Response& res);

    Backend& m_backend;
    const platform::Clock& m_clock;
    std::unique_ptr<staff::WebApp> m_web;
    std::unique_ptr<CodeThrottle> m_codeThrottle;
    bool m_tls = false;
    class Router;
    std::unique_ptr<Router> m_http;
    std::unique_ptr<HttpFront> m_front;  // owns the sockets; hands whole requests to m_http
};

}  // namespace csync::server
