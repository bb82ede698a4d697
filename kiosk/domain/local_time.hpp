#pragma once
// Local calendar arithmetic: the rule lives in sync/model, where the county server uses it too.
#include "sync/model/local_time.hpp"

namespace kiosk::domain {

using csync::model::addDays;
using csync::model::daysInMonth;
using csync::model::EpochMs;
using csync::model::formatDate;
using csync::model::formatDateTime;
using csync::model::formatTimeOfDay;
using csync::model::fromLocal;
using csync::model::kChinaUtcOffsetMinutes;
using csync::model::LocalDate;
using csync::model::LocalDateTime;
using csync::model::parseDate;
using csync::model::parseLocalStamp;
using csync::model::parseTimeOfDay;
using csync::model::toLocal;
using csync::model::weekday;

}  // namespace kiosk::domain
