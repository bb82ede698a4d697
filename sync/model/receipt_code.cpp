#include "sync/model/receipt_code.hpp"

#include "sync/model/utf8.hpp"

namespace csync::model {
namespace {

// Weights coprime with 27 whose neighbours differ by 1 or 2: any single wrong character and any
// swap of two neighbours changes the weighted sum modulo 27.
constexpr std::array<std::uint32_t, kReceiptLength> kWeights{1, 2, 4, 5, 7, 8, 10, 11, 13};
constexpr std::uint32_t kBase = 27;
constexpr std::uint32_t kInverseOfLastWeight = 25;  // 13 * 25 = 325 = 12 * 27 + 1

static_assert(kReceiptAlphabet.size() == kBase);

int indexOf(char c) {
    const auto pos = kReceiptAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::uint32_t checkIndex(const std::array<std::uint32_t, kReceiptRandomChars>& v) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < kReceiptRandomChars; ++i) sum += kWeights[i] * v[i];
    // Choose the check value c so that sum + 13 * c ≡ 0 (mod 27).
    return ((kBase - sum % kBase) % kBase) * kInverseOfLastWeight % kBase;
}

}  // namespace

std::string makeReceiptCode(const std::array<std::uint32_t, kReceiptRandomChars>& indices) {
    std::string code;
    std::array<std::uint32_t, kReceiptRandomChars> v{};
    for (std::size_t i = 0; i < kReceiptRandomChars; ++i) {
        v[i] = indices[i] % kBase;
        code.push_back(kReceiptAlphabet[v[i]]);
    }
    code.push_back(kReceiptAlphabet[checkIndex(v)]);
    return code;
}

std::string canonicalReceipt(std::string_view input) {
    std::string code;
    forEachCodePoint(input, [&](char32_t cp, std::size_t, std::size_t) {
        // Full-width forms (U+FF01..FF5E) as phone and pinyin keyboards type them.
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp == U'\u3000' || cp == ' ' || cp == '-' || cp == '_') return;
        if (cp >= 'a' && cp <= 'z') cp -= 'a' - 'A';
        appendUtf8(code, cp);
    });
    return code;
}

std::optional<std::string> normalizeReceiptCode(std::string_view input) {
    std::string code = canonicalReceipt(input);
    if (code.size() != kReceiptLength) return std::nullopt;
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < kReceiptLength; ++i) {
        const int idx = indexOf(code[i]);
        if (idx < 0) return std::nullopt;
        sum += kWeights[i] * static_cast<std::uint32_t>(idx);
    }
    if (sum % kBase != 0) return std::nullopt;
    return code;
}

ReceiptCodeProblem receiptCodeProblem(std::string_view input) {
    if (normalizeReceiptCode(input)) return ReceiptCodeProblem::None;
    const std::string code = canonicalReceipt(input);
    for (char c : code)
        if (indexOf(c) < 0) return ReceiptCodeProblem::ImpossibleCharacter;
    if (code.size() != kReceiptLength) return ReceiptCodeProblem::WrongLength;
    return ReceiptCodeProblem::Mistyped;  // nine possible characters, the check does not hold
}

std::string groupTypedReceipt(std::string_view typed) {
    std::string code;
    for (char c : typed) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (indexOf(c) >= 0 && code.size() < kReceiptLength) code.push_back(c);
    }
    return formatReceiptCode(code);
}

std::string receiptQrPayload(std::string_view code) {
    return std::string(kReceiptQrPrefix) + std::string(code);
}

std::string receiptQrPayload(std::string_view code, std::string_view trackUrl) {
    if (!isTrackUrl(trackUrl)) return receiptQrPayload(code);
    return std::string(trackUrl) + std::string(code);
}

namespace {
constexpr std::string_view kTrackPath = "/track/";

bool startsWithHttp(std::string_view url) {
    std::string head(url.substr(0, 8));
    for (char& c : head)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return head.starts_with("https://") || head.starts_with("http://");
}
}  // namespace

bool isTrackUrl(std::string_view url) {
    // Short enough that URL + code still fits a QR the kiosk draws at receipt size.
    if (url.size() > 160 || !startsWithHttp(url) || !url.ends_with(kTrackPath)) return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            return false;
    return true;
}

bool looksLikeReceiptScan(std::string_view text) {
    return text.starts_with(kReceiptQrPrefix) ||
           (startsWithHttp(text) && text.find(kTrackPath) != std::string_view::npos);
}

std::optional<std::string> receiptFromScan(std::string_view text) {
    if (text.starts_with(kReceiptQrPrefix))
        return normalizeReceiptCode(text.substr(kReceiptQrPrefix.size()));
    if (!looksLikeReceiptScan(text)) return std::nullopt;
    std::string_view code = text.substr(text.rfind(kTrackPath) + kTrackPath.size());
    code = code.substr(0, code.find_first_of("/?#"));
    return normalizeReceiptCode(code);
}

std::string formatReceiptCode(std::string_view code) {
    std::string out;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 3 == 0) out.push_back('-');
        out.push_back(code[i]);
    }
    return out;
}

}  // namespace csync::model
