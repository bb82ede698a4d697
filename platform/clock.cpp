#include "platform/clock.hpp"

#include <chrono>

namespace platform {

EpochMs SystemClock::nowMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace platform
