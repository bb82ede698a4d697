#pragma once
// Shared between the concern pages and their actions: the detail page, drawn again with an
// error (keeping what was typed) or with the contact a staff member asked to see.
#include <optional>
#include <string>

#include "sync/server/staff/web.hpp"

namespace csync::server::staff {

/// What a detail page shows besides the stored concern.
struct DetailExtras {
    int status = 200;
    std::string error;                       // shown at the top (plain text)
    std::optional<std::string> draft;        // answer text typed but not saved
    std::optional<std::string> summary;      // 公示摘要 typed but not saved
    std::optional<std::string> organ;        // organ typed but not saved
    std::optional<std::string> contactHtml;  // the opened contact (already escaped)
};

/// Sends the detail page of concern id (404 page when unknown).
void showConcern(Context& ctx, const std::string& id, const DetailExtras& extras = {});

/// Registers the POST actions of a concern (concern_actions.cpp).
void registerConcernActions(WebApp& app);

}  // namespace csync::server::staff
