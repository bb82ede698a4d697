#include "sync/server/staff/templates.hpp"

#include <stdexcept>

#include "platform/assets.hpp"

namespace csync::server::staff {

std::string renderTemplate(std::string_view name, const TemplateData& data) {
    const std::string path = "web/templates/" + std::string(name) + ".mustache";
    const auto text = platform::asset(path);
    if (!text) throw std::logic_error("no template " + path);
    // Parsed per page: a few microseconds for these small files, and a parsed template keeps
    // render state, so sharing one between worker threads would need a lock.
    kainjow::mustache::mustache page{std::string(*text)};
    if (!page.is_valid()) throw std::logic_error(path + ": " + page.error_message());
    std::string out = page.render(data);
    if (!page.is_valid()) throw std::logic_error(path + ": " + page.error_message());
    return out;
}

}  // namespace csync::server::staff
