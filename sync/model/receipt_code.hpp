#pragma once
// Receipt codes citizens take home (one rule for kiosk, county server and tools): 9 characters from
// an alphabet without look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S or 8/B pairs), 8 random + 1 check
// character, shown as "XXX-XXX-XXX". 27^8 ≈ 2.8e11 codes (38 bits) keep them unguessable; the store
// keeps them unique.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csync::model {

inline constexpr std::string_view kReceiptAlphabet = "23456789ACDEFGHJKMNPRTUVWXY";
inline constexpr std::size_t kReceiptRandomChars = 8;
inline constexpr std::size_t kReceiptLength = kReceiptRandomChars + 1;

/// Builds a code from 8 alphabet indices (each < 27, drawn uniformly by the caller); the ninth
/// character is the check character.
std::string makeReceiptCode(const std::array<std::uint32_t, kReceiptRandomChars>& indices);

/// Typed text in the form codes are compared in: upper-cased, full-width forms as ASCII,
/// spaces, dashes and underscores dropped. No validity check (see normalizeReceiptCode).
std::string canonicalReceipt(std::string_view input);

/// Upper-cases and drops spaces, dashes and full-width forms, so "abc-def ghj" and
/// full-width input both match; returns nullopt unless the result is a well-formed code whose
/// check character is right (catches one mistyped character and swapped neighbours).
std::optional<std::string> normalizeReceiptCode(std::string_view input);

/// Why a typed code cannot be a receipt, for the citizen: too short or long, a character that
/// never occurs in codes, or all characters possible but the check character says one is wrong.
enum class ReceiptCodeProblem { None, WrongLength, ImpossibleCharacter, Mistyped };
ReceiptCodeProblem receiptCodeProblem(std::string_view input);

/// What a citizen has typed so far, kept to the characters that can occur (upper-cased; the
/// look-alikes O→0 is not guessed) and grouped "XXX-XXX-XXX" as they type, at most 9.
std::string groupTypedReceipt(std::string_view typed);

/// Prefix that marks a citizen's receipt in a QR code (deputy tokens have their own).
inline constexpr std::string_view kReceiptQrPrefix = "RC1:";

/// Text of the QR code printed and shown with a receipt.
std::string receiptQrPayload(std::string_view code);
/// The same, pointing a phone at the county's public progress page (trackUrl + code) when the
/// county set one (isTrackUrl), else "RC1:" + code.
std::string receiptQrPayload(std::string_view code, std::string_view trackUrl);
/// Whether url can prefix receipt codes in a QR: http(s)://…/track/, printable ASCII, short.
bool isTrackUrl(std::string_view url);
/// Whether scanned text is meant as a receipt: "RC1:…" or a progress-page URL ".../track/…".
bool looksLikeReceiptScan(std::string_view text);
/// The receipt code such a text carries, or nullopt when it is not a well-formed code.
std::optional<std::string> receiptFromScan(std::string_view text);

/// "XXX-XXX-XXX" for display and print.
std::string formatReceiptCode(std::string_view code);

}  // namespace csync::model
