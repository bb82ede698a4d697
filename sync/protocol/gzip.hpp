#pragma once
// gzip bodies for the sync protocol (zlib): batches of JSON shrink several times over.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace csync {

/// gzip-compresses data.
std::string gzipCompress(std::string_view data);

/// Decompresses gzip data; nullopt if it is malformed or would exceed maxBytes (zip bombs).
std::optional<std::string> gzipDecompress(std::string_view data, std::size_t maxBytes);

}  // namespace csync
