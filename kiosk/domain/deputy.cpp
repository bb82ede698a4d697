#include "kiosk/domain/deputy.hpp"

#include "sync/protocol/disclosure.hpp"

namespace kiosk::domain {

VisibleFields visibleFields(const Deputy& deputy) {
    const Disclosure& d = deputy.disclosure;
    const auto v =
        csync::publicFields(levelId(deputy.level), {d.name, d.photo, d.workUnit, d.phone});
    return {v.name, v.photo, v.workUnit, v.phone};
}

Deputy publicView(const Deputy& deputy) {
    const VisibleFields v = visibleFields(deputy);
    Deputy out = deputy;
    if (!v.name) out.name.clear();
    if (!v.photo) out.photo.clear();
    if (!v.workUnit) out.workUnit.clear();
    if (!v.phone) out.phone.clear();
    return out;
}

}  // namespace kiosk::domain
