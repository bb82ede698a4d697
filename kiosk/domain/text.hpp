#pragma once
// UTF-8 text rules shared by every input path (touch, keyboard, stationctl, sync). They live in
// sync/model, where the county server uses the same ones.
#include "sync/model/utf8.hpp"

namespace kiosk::domain {

using csync::model::codePointCount;
using csync::model::codePointsOf;
using csync::model::isValidUtf8;
using csync::model::trimSpaces;

}  // namespace kiosk::domain
