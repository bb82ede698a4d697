#include "kiosk/domain/concern.hpp"

#include <array>
#include <utility>

#include "kiosk/domain/text.hpp"
#include "sync/model/id_table.hpp"

namespace kiosk::domain {
namespace {

using csync::model::idOf;
using csync::model::IdTable;

constexpr IdTable<InputError, 12> kErrorKeys{{
    {InputError::TextEmpty, "error.text_empty"},
    {InputError::TextTooLong, "error.text_too_long"},
    {InputError::InvalidUtf8, "error.invalid_utf8"},
    {InputError::PlaceTooLong, "error.place_too_long"},
    {InputError::NameTooLong, "error.name_too_long"},
    {InputError::PhoneInvalid, "error.phone_invalid"},
    {InputError::ContactWithoutConsent, "error.contact_without_consent"},
    {InputError::ReasonMissing, "error.reason_missing"},
    {InputError::ReasonTooLong, "error.reason_too_long"},
    {InputError::CheckinCorrected, "error.checkin_corrected"},
    {InputError::CheckinIsCorrection, "error.checkin_is_correction"},
    {InputError::AnswerMissing, "error.answer_missing"},
}};

}  // namespace

Guidance guidanceFor(Category c) {
    const std::string id(categoryId(c));
    Guidance g{Route::HearAndAnswer, ReferTo::None, "category." + id + ".guidance",
               "category." + id + ".name"};
    switch (c) {
        case Category::PartyOrganisation:
            g.route = Route::Refer;
            g.referTo = ReferTo::PartyOrganisation;
            break;
        case Category::CourtCase:
            g.route = Route::Refer;
            g.referTo = ReferTo::Judiciary;
            break;
        case Category::StatutoryMatter:
            g.route = Route::Refer;
            g.referTo = ReferTo::CompetentOrgan;
            break;
        default:
            break;
    }
    return g;
}

std::string_view inputErrorKey(InputError e) {
    return idOf(kErrorKeys, e);
}

std::optional<std::string> normalizePhone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits.push_back(c);
    }
    const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
    const bool landline = digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
    if (mobile || landline) return digits;
    return std::nullopt;
}

std::optional<InputError> validateConcern(const ConcernInput& in) {
    for (const std::string* s : {&in.text, &in.place, &in.contactName, &in.contactPhone})
        if (!isValidUtf8(*s)) return InputError::InvalidUtf8;
    const std::string text = trimSpaces(in.text);
    if (text.empty()) return InputError::TextEmpty;
    if (codePointCount(text) > kMaxConcernChars) return InputError::TextTooLong;
    if (codePointCount(in.place) > kMaxPlaceChars) return InputError::PlaceTooLong;
    const std::string name = trimSpaces(in.contactName);
    const std::string phone = trimSpaces(in.contactPhone);
    if (codePointCount(name) > kMaxNameChars) return InputError::NameTooLong;
    if (!phone.empty() && !normalizePhone(phone)) return InputError::PhoneInvalid;
    if ((!name.empty() || !phone.empty()) && !in.consent) return InputError::ContactWithoutConsent;
    return std::nullopt;
}

}  // namespace kiosk::domain
