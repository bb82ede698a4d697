#pragma once
// Receipt codes: the rule lives in sync/model, where the county server uses the same one.
#include "sync/model/receipt_code.hpp"

namespace kiosk::domain {

using csync::model::formatReceiptCode;
using csync::model::groupTypedReceipt;
using csync::model::isTrackUrl;
using csync::model::kReceiptAlphabet;
using csync::model::kReceiptLength;
using csync::model::kReceiptQrPrefix;
using csync::model::kReceiptRandomChars;
using csync::model::looksLikeReceiptScan;
using csync::model::makeReceiptCode;
using csync::model::normalizeReceiptCode;
using csync::model::receiptCodeProblem;
using csync::model::ReceiptCodeProblem;
using csync::model::receiptFromScan;
using csync::model::receiptQrPayload;

}  // namespace kiosk::domain
