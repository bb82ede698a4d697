#include "sync/server/backend.hpp"

#include <filesystem>

#include "sync/server/sqlite_backend.hpp"

namespace csync::server {

std::unique_ptr<Backend> openBackend(std::string_view url, bool create) {
    if (url.starts_with("postgresql:") || url.starts_with("postgres:"))
        return openPostgresBackend(url, create);
    if (!url.starts_with("sqlite:"))
        throw std::invalid_argument("--db must be sqlite:PATH or postgresql://…");
    const std::string path(url.substr(7));
    if (path.empty()) throw std::invalid_argument("--db sqlite: needs a file path");
    if (!create && !std::filesystem::exists(path))
        throw BackendError(path + " does not exist (run county-server … init first)");
    return std::make_unique<SqliteBackend>(path);
}

}  // namespace csync::server
