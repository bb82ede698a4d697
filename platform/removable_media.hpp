#pragma once
// USB sticks as the automounter (udisks2, usbmount) mounts them: found in the mounts table,
// never by probing devices, so the kiosk needs no privileges to export to one.
#include <string>
#include <vector>

namespace platform {

/// Where removable media are looked for: the mounts table and the folders automounters use.
struct RemovableMedia {
    std::string mountsFile = "/proc/mounts";
    std::vector<std::string> roots = {"/media/", "/run/media/"};
};

/// Mount points of block devices (/dev/…) mounted read-write below one of `media.roots`, in
/// the table's order; escapes such as \040 (space) decoded. Empty when none, or the table
/// cannot be read.
std::vector<std::string> removableMounts(const RemovableMedia& media = {});

}  // namespace platform
