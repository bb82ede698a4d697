#pragma once
// One client's network address for limits and throttles: an IPv4 address whole (an IPv4-mapped
// IPv6 address as its IPv4), an IPv6 address as its /64, which one host usually owns whole.
#include <string>

namespace csync::server {

/// The group key of a textual address ("192.0.2.7", "2001:db8::1" → "20010db800000000/64").
std::string addressGroup(const std::string& address);

}  // namespace csync::server
