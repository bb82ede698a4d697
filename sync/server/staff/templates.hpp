#pragma once
// Staff and public pages from Mustache templates (kainjow::mustache, Debian's
// libkainjow-mustache-dev) under assets/web/templates/, embedded in the binary. {{value}}
// escapes & < > " ' by default; {{{value}}} is only for HTML another template or an escaping
// helper (html::select, html::formOpen) built.
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

namespace csync::server::staff {

using TemplateData = kainjow::mustache::data;

/// Renders templates/NAME.mustache with data. Throws std::logic_error for a missing or broken
/// template (a defect of this build, found by the tests).
std::string renderTemplate(std::string_view name, const TemplateData& data);

/// A list value for {{#name}}…{{/name}} sections.
inline TemplateData templateList() {
    return TemplateData(TemplateData::type::list);
}

}  // namespace csync::server::staff
