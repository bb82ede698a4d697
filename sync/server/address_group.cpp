#include "sync/server/address_group.hpp"

#include <arpa/inet.h>

#include "platform/crypto.hpp"

namespace csync::server {

std::string addressGroup(const std::string& address) {
    in6_addr a6{};
    if (inet_pton(AF_INET6, address.c_str(), &a6) != 1) return address;  // IPv4 (or unknown)
    if (IN6_IS_ADDR_V4MAPPED(&a6)) return address.substr(address.rfind(':') + 1);
    return platform::toHex(platform::Bytes(a6.s6_addr, a6.s6_addr + 8)) + "/64";
}

}  // namespace csync::server
