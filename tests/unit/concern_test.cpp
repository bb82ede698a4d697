#include <gtest/gtest.h>

#include <set>

#include "kiosk/domain/concern.hpp"
#include "kiosk/domain/receipt_code.hpp"

using namespace kiosk::domain;

TEST(Categories, ReferralCategoriesAreToldWhereToGo) {
    EXPECT_EQ(guidanceFor(Category::PartyOrganisation).route, Route::Refer);
    EXPECT_EQ(guidanceFor(Category::PartyOrganisation).referTo, ReferTo::PartyOrganisation);
    EXPECT_EQ(guidanceFor(Category::CourtCase).referTo, ReferTo::Judiciary);
    EXPECT_EQ(guidanceFor(Category::StatutoryMatter).referTo, ReferTo::CompetentOrgan);
    for (Category c : {Category::Economy, Category::Livelihood, Category::Rural,
                       Category::LivelihoodProject, Category::Other}) {
        EXPECT_EQ(guidanceFor(c).route, Route::HearAndAnswer) << categoryId(c);
        EXPECT_EQ(guidanceFor(c).referTo, ReferTo::None);
    }
    EXPECT_EQ(guidanceFor(Category::Rural).textKey, "category.rural.guidance");
    EXPECT_EQ(guidanceFor(Category::Rural).nameKey, "category.rural.name");
}

TEST(Categories, IdsRoundTripAndIncludeLivelihoodProjects) {
    EXPECT_EQ(allCategories().size(), 11u);
    for (Category c : allCategories()) EXPECT_EQ(parseCategory(categoryId(c)), c);
    EXPECT_EQ(parseCategory("livelihood_project"), Category::LivelihoodProject);
    EXPECT_FALSE(parseCategory("Economy"));
}

TEST(Status, MovesForwardOnlyExceptReopeningAnAnswer) {
    EXPECT_TRUE(canTransition(Status::Received, Status::Forwarded));
    EXPECT_TRUE(canTransition(Status::Received, Status::Closed));
    EXPECT_TRUE(canTransition(Status::InProgress, Status::Answered));
    EXPECT_FALSE(canTransition(Status::Answered, Status::Received));
    EXPECT_FALSE(canTransition(Status::Forwarded, Status::Forwarded));
    EXPECT_TRUE(canTransition(Status::Answered, Status::InProgress));
    EXPECT_FALSE(canTransition(Status::Closed, Status::InProgress));
}

TEST(Satisfaction, OnlyOnceAndOnlyAfterAnAnswer) {
    EXPECT_FALSE(canRate(Status::Received, std::nullopt));
    EXPECT_FALSE(canRate(Status::InProgress, std::nullopt));
    EXPECT_TRUE(canRate(Status::Answered, std::nullopt));
    EXPECT_TRUE(canRate(Status::Closed, std::nullopt));
    EXPECT_FALSE(canRate(Status::Answered, Satisfaction::Satisfied));
}

TEST(Validation, AcceptsAPlainConcern) {
    ConcernInput in;
    in.category = Category::Infrastructure;
    in.text = "石塘村的路灯坏了三盏";
    EXPECT_FALSE(validateConcern(in));
}

TEST(Validation, ReportsEachProblem) {
    ConcernInput in;
    in.text = " \xE3\x80\x80 ";
    EXPECT_EQ(validateConcern(in), InputError::TextEmpty);
    in.text = std::string(3 * (kMaxConcernChars + 1), 'x');
    EXPECT_EQ(validateConcern(in), InputError::TextTooLong);
    std::string maxChinese;
    for (std::size_t i = 0; i < kMaxConcernChars; ++i) maxChinese += "路";
    in.text = maxChinese;  // 2000 characters, 6000 bytes: allowed
    EXPECT_FALSE(validateConcern(in));
    in.text = "abc\xff";
    EXPECT_EQ(validateConcern(in), InputError::InvalidUtf8);
    in.text = "ok";
    in.place = std::string(kMaxPlaceChars + 1, 'p');
    EXPECT_EQ(validateConcern(in), InputError::PlaceTooLong);
    in.place.clear();
    in.contactPhone = "13800001111";
    EXPECT_EQ(validateConcern(in), InputError::ContactWithoutConsent);
    in.consent = true;
    EXPECT_FALSE(validateConcern(in));
    in.contactPhone = "1380000";
    EXPECT_EQ(validateConcern(in), InputError::PhoneInvalid);
    in.contactPhone.clear();
    in.contactName = std::string(kMaxNameChars + 1, 'n');
    EXPECT_EQ(validateConcern(in), InputError::NameTooLong);
}

TEST(Phone, MobileAndLandlineForms) {
    EXPECT_EQ(normalizePhone("138 0000 1111"), "13800001111");
    EXPECT_EQ(normalizePhone("0732-5721234"), "07325721234");
    EXPECT_EQ(normalizePhone("010-12345678"), "01012345678");
    EXPECT_FALSE(normalizePhone("12800001111"));  // no mobile prefix 12
    EXPECT_FALSE(normalizePhone("5721234"));      // landline without area code
    EXPECT_FALSE(normalizePhone("1380000111a"));
    EXPECT_FALSE(normalizePhone(""));
}

TEST(ReceiptCode, ShapeAndAlphabetAvoidLookAlikes) {
    for (char bad : std::string("01OILQSZB"))
        EXPECT_EQ(kReceiptAlphabet.find(bad), std::string::npos);
    const std::string code = makeReceiptCode({0, 1, 2, 3, 4, 5, 6, 7});
    EXPECT_EQ(code.size(), kReceiptLength);
    EXPECT_EQ(normalizeReceiptCode(code), code);
    EXPECT_EQ(formatReceiptCode(code).size(), 11u);
    EXPECT_EQ(formatReceiptCode("ABCDEFGHJ"), "ABC-DEF-GHJ");
}

TEST(ReceiptCode, ForgivingInputButStrictCheck) {
    const std::string code = makeReceiptCode({10, 20, 3, 7, 26, 0, 15, 9});
    std::string lower = formatReceiptCode(code);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(ch));
    EXPECT_EQ(normalizeReceiptCode(" " + lower + " "), code);
    // Full-width input as an IME produces it.
    std::string full;
    for (char ch : code) {
        const unsigned cp = 0xFEE0u + static_cast<unsigned char>(ch);
        full += static_cast<char>(0xE0 | (cp >> 12));
        full += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        full += static_cast<char>(0x80 | (cp & 0x3F));
    }
    EXPECT_EQ(normalizeReceiptCode(full), code);
    EXPECT_FALSE(normalizeReceiptCode(code.substr(0, 8)));
    EXPECT_FALSE(normalizeReceiptCode(code + "2"));
    // The county's search and progress page compare in the same canonical form.
    EXPECT_EQ(csync::model::canonicalReceipt(full + "\xE3\x80\x80"), code);
    EXPECT_EQ(receiptCodeProblem(full.substr(0, 24)), ReceiptCodeProblem::WrongLength);
}

TEST(ReceiptCode, CheckCharacterCatchesEverySingleTypoAndNeighbourSwap) {
    const std::string code = makeReceiptCode({5, 11, 17, 23, 2, 8, 14, 20});
    int caught = 0, tried = 0;
    for (std::size_t i = 0; i < code.size(); ++i)
        for (char c : kReceiptAlphabet) {
            if (c == code[i]) continue;
            std::string typo = code;
            typo[i] = c;
            ++tried;
            caught += !normalizeReceiptCode(typo);
        }
    EXPECT_EQ(caught, tried);
    for (std::size_t i = 0; i + 1 < code.size(); ++i) {
        if (code[i] == code[i + 1]) continue;
        std::string swapped = code;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(normalizeReceiptCode(swapped)) << swapped;
    }
}

TEST(ReceiptCode, QrPointsAtTheCountyProgressPageWhenSet) {
    const std::string code = makeReceiptCode({3, 1, 4, 1, 5, 9, 2, 6});
    EXPECT_EQ(receiptQrPayload(code, ""), "RC1:" + code);
    EXPECT_EQ(receiptQrPayload(code, "https://rd.example.cn/track/"),
              "https://rd.example.cn/track/" + code);
    // Anything that is not a progress-page URL falls back to the kiosk-only code.
    for (const char* bad : {"ftp://x/track/", "https://rd.example.cn", "https://a b/track/",
                            "javascript:alert(1)//track/"})
        EXPECT_EQ(receiptQrPayload(code, bad), "RC1:" + code) << bad;
}

TEST(ReceiptCode, ScansOfCodesAndProgressUrlsGiveTheCode) {
    const std::string code = makeReceiptCode({2, 7, 1, 8, 2, 8, 1, 8});
    EXPECT_EQ(receiptFromScan("RC1:" + code), code);
    EXPECT_EQ(receiptFromScan("https://rd.example.cn/track/" + code), code);
    EXPECT_EQ(receiptFromScan("HTTP://rd.example.cn/rd/track/" + formatReceiptCode(code) + "?x=1"),
              code);
    EXPECT_TRUE(looksLikeReceiptScan("https://rd.example.cn/track/XYZ"));
    EXPECT_FALSE(receiptFromScan("https://rd.example.cn/track/XYZ"));
    EXPECT_FALSE(looksLikeReceiptScan("https://example.cn/other/" + code));
    EXPECT_FALSE(looksLikeReceiptScan(code));
}

TEST(ReceiptCode, DistinctIndicesGiveDistinctCodes) {
    std::set<std::string> seen;
    for (std::uint32_t a = 0; a < 27; ++a)
        for (std::uint32_t b = 0; b < 27; ++b)
            seen.insert(makeReceiptCode({a, b, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(seen.size(), 27u * 27u);
}
