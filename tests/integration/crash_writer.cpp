// Child process of the crash test: records concerns in a loop on the given station database and
// prints each receipt code only after add() (and so COMMIT) returned.
#include <cstdio>
#include <string>

#include "kiosk/store/station_store.hpp"

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const platform::SystemClock clock;
    kiosk::store::StationStore store(argv[1], clock);
    for (long i = 0;; ++i) {
        kiosk::domain::ConcernInput in;
        in.category = kiosk::domain::Category::Livelihood;
        in.text = "崩溃测试意见 " + std::to_string(i) +
                  std::string(static_cast<std::size_t>(i % 7) * 40, 'x');
        if (i % 3 == 0) {
            in.contactPhone = "13800001111";
            in.consent = true;
        }
        const auto c = store.concerns().add(in);
        std::printf("%s\n", c.receipt.c_str());
        std::fflush(stdout);
    }
}
