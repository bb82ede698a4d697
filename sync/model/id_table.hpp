#pragma once
// Enum <-> stable string id tables, shared by every domain enum that is stored or sent.
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace csync::model {

template <typename E, std::size_t N>
using IdTable = std::array<std::pair<E, std::string_view>, N>;

/// The id of value (the first entry's id if the value is missing, which tables prevent).
template <typename E, std::size_t N>
std::string_view idOf(const IdTable<E, N>& table, E value) {
    for (const auto& [v, id] : table)
        if (v == value) return id;
    return table[0].second;
}

/// The value with this id, or nullopt.
template <typename E, std::size_t N>
std::optional<E> parseId(const IdTable<E, N>& table, std::string_view id) {
    for (const auto& [v, vid] : table)
        if (vid == id) return v;
    return std::nullopt;
}

/// Every value in table order.
template <typename E, std::size_t N>
std::vector<E> valuesOf(const IdTable<E, N>& table) {
    std::vector<E> out;
    for (const auto& [v, id] : table) out.push_back(v);
    return out;
}

}  // namespace csync::model
