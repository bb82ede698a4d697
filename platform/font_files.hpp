#pragma once
// Where the CJK fonts are (Debian's fonts-noto-cjk): one lookup for the kiosk's screen fonts,
// its receipt images and the duty cards.
#include <string>

namespace platform {

/// Noto Sans CJK (Simplified Chinese face), or "" when missing; collectionIndex is the face
/// within a .ttc (2 = SC in fonts-noto-cjk), 0 for a single .otf.
std::string findNotoSansCjk(int& collectionIndex);

/// Noto Serif CJK (fallback for characters Sans lacks), or "" when missing.
std::string findNotoSerifCjk(int& collectionIndex);

}  // namespace platform
