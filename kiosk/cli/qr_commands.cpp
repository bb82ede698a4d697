// stationctl qr …: county signing keys and deputies' duty QR cards until the county server
// issues them (DESIGN.md §5). None of these need a station database except where noted.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/strings.hpp"
#include "sync/cards/deputy_card.hpp"
#include "sync/protocol/deputy_token.hpp"

namespace kiosk::cli {

namespace {

using nlohmann::json;

constexpr const char* kQrUsage =
    "用法：\n"
    "  stationctl qr keygen --out 目录 [--key-id N]\n"
    "  stationctl qr issue --key 私钥文件 --deputy 代表编号 --county 县代码 --days 天数\n"
    "                      [--out 卡片.png] [--db 数据文件 | --name 姓名]\n"
    "  stationctl qr verify 码文本 (--db 数据文件 | --pub 公钥文件 --county 县代码)\n"
    "  stationctl qr demo-cards --db 数据文件 --out 目录   为演示站的代表生成值班码卡片\n";

std::optional<json> readJson(const std::string& path, std::ostream& err) {
    std::ifstream in(path);
    if (!in) {
        err << "错误：无法读取 " << path << "\n";
        return std::nullopt;
    }
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        err << "错误：" << path << " 不是有效的密钥文件\n";
        return std::nullopt;
    }
    return j;
}

bool writeFile(const std::string& path, const std::string& text, bool secret) {
    std::ofstream(path, std::ios::trunc) << text;
    std::error_code ec;
    if (secret)  // only the owner may read a signing key
        std::filesystem::permissions(
            path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    return std::filesystem::exists(path) && !ec;
}

int keygen(const Args& args, std::ostream& out, std::ostream& err) {
    const auto dir = args.get("out");
    if (!dir) return usageError(err, "qr keygen 需要 --out 目录");
    const int keyId = std::stoi(args.get("key-id").value_or("1"));
    if (keyId < 0 || keyId > 65535) return usageError(err, "--key-id 应在 0 到 65535 之间");
    std::filesystem::create_directories(*dir);
    const auto keys = platform::makeSignKeyPair();
    const std::string base = *dir + "/deputy-qr-key-" + std::to_string(keyId);
    const json pub{{"kind", "deputy-qr-public-key"},
                   {"key_id", keyId},
                   {"public_key", platform::toBase64(keys.publicKey)}};
    json sec = pub;
    sec["kind"] = "deputy-qr-signing-key";
    sec["secret_key"] = platform::toBase64(keys.secretKey);
    if (!writeFile(base + ".secret.json", sec.dump(2) + "\n", true) ||
        !writeFile(base + ".public.json", pub.dump(2) + "\n", false)) {
        err << "错误：无法写入 " << *dir << "\n";
        return 1;
    }
    out << base << ".secret.json\t私钥（只给签发人员，妥善保管）\n"
        << base << ".public.json\t公钥（发给各联络站）\n";
    return 0;
}

std::string dateText(std::int64_t unixSeconds) {
    return domain::formatDate(
        domain::toLocal(unixSeconds * 1000, domain::kChinaUtcOffsetMinutes).date);
}

// Issues one card; prints the token; writes the PNG when pngPath is not empty.
int issueCard(const csync::DeputyToken& t, const platform::Bytes& secret, const std::string& name,
              const std::string& pngPath, std::ostream& out, std::ostream& err,
              bool announce = true) {
    std::string text;
    try {
        text = csync::issueDeputyToken(t, secret);
    } catch (const std::invalid_argument& e) {
        return usageError(err, e.what());
    }
    out << text << "\n";
    if (pngPath.empty()) return 0;
    const csync::DeputyToken issued = *csync::parseDeputyToken(text);
    std::string error;
    if (!csync::cards::writeDeputyCard(pngPath,
                                       {text, name, t.deputyId, dateText(issued.validUntil - 1),
                                        "县人大常委会（" + t.county + "）", ""},
                                       error)) {
        err << "错误：" << error << "\n";
        return 1;
    }
    if (announce) err << "已生成卡片：" << pngPath << "\n";
    return 0;
}

int issue(const Args& args, std::ostream& out, std::ostream& err, const platform::Clock& clock) {
    const auto keyFile = args.get("key"), deputy = args.get("deputy"), county = args.get("county"),
               days = args.get("days");
    if (!keyFile || !deputy || !county || !days)
        return usageError(err, "qr issue 需要 --key、--deputy、--county 和 --days");
    const auto key = readJson(*keyFile, err);
    if (!key) return 1;
    const auto secret = platform::fromBase64(key->value("secret_key", ""));
    if (!secret || secret->size() != 64) {
        err << "错误：" << *keyFile << " 不是签发私钥文件\n";
        return 2;
    }
    csync::DeputyToken t;
    t.deputyId = *deputy;
    t.county = *county;
    t.keyId = key->value<std::uint16_t>("key_id", 0);
    t.validFrom = clock.nowMs() / 1000;
    t.validUntil = t.validFrom + static_cast<std::int64_t>(std::stod(*days) * 86400);
    std::string name = args.get("name").value_or("");
    if (const auto db = args.get("db"); db && name.empty()) {
        store::StationStore store(*db, clock);
        if (const auto d = store.roster().deputy(*deputy)) name = d->name;
    }
    return issueCard(t, *secret, name, args.get("out").value_or("card-" + *deputy + ".png"), out,
                     err);
}

int verify(const Args& args, std::ostream& out, std::ostream& err, const platform::Clock& clock) {
    if (args.words().size() != 3) return usageError(err, "用法：qr verify 码文本 --db 数据文件");
    const std::string& text = args.words()[2];
    std::vector<csync::SigningKey> keys;
    std::vector<std::string> revoked;
    std::string county = args.get("county").value_or("");
    std::string name;
    std::optional<store::StationStore> store;
    if (const auto db = args.get("db")) {
        store.emplace(*db, clock);
        keys = store->trust().signingKeys();
        revoked = store->trust().revokedSerials();
        if (const auto st = store->station().get()) county = st->countyCode;
    } else if (const auto pubFile = args.get("pub")) {
        const auto pub = readJson(*pubFile, err);
        if (!pub) return 1;
        const auto pk = platform::fromBase64(pub->value("public_key", ""));
        if (!pk || pk->size() != 32 || county.empty())
            return usageError(err, "--pub 需要公钥文件，并用 --county 指定县代码");
        keys.push_back({county, pub->value<std::uint16_t>("key_id", 0), *pk});
    } else {
        return usageError(err, "qr verify 需要 --db 数据文件，或 --pub 公钥文件和 --county");
    }
    const auto r = csync::verifyDeputyToken(text, keys, revoked, county, clock.nowMs() / 1000);
    if (!r.ok()) {
        err << "拒绝：" << tr(std::string("scan.refused.") + csync::refusalId(*r.refusal)) << "（"
            << csync::refusalId(*r.refusal) << "）\n";
        return 1;
    }
    if (store)
        if (const auto d = store->roster().deputy(r.token->deputyId)) name = d->name;
    out << "ok\t" << r.token->deputyId << "\t" << name << "\t" << r.token->serial() << "\t"
        << dateText(r.token->validUntil - 1) << "\n";
    return 0;
}

int demoCards(const Args& args, std::ostream& out, std::ostream& err,
              const platform::Clock& clock) {
    const auto db = args.get("db"), dir = args.get("out");
    if (!db || !dir) return usageError(err, "qr demo-cards 需要 --db 和 --out");
    store::StationStore store(*db, clock);
    const auto station = store.station().get();
    const auto keys = demo::demoCountyKeys();
    if (!station || station->countyCode != keys.county)
        return usageError(err, "这不是演示站的数据文件（先运行 init --demo）");
    std::filesystem::create_directories(*dir);
    for (const auto& d : store.roster().deputies()) {
        csync::DeputyToken t;
        t.deputyId = d.id;
        t.county = keys.county;
        t.keyId = keys.keyId;
        t.validFrom = clock.nowMs() / 1000 - 86400;
        t.validUntil = t.validFrom + 366 * 86400;
        std::ostringstream token;
        if (const int rc = issueCard(t, keys.sign.secretKey, d.name, *dir + "/" + d.id + ".png",
                                     token, err, false))
            return rc;
        std::ofstream(*dir + "/" + d.id + ".txt") << token.str();
        out << d.id << "\t" << d.name << "\t" << *dir << "/" << d.id << ".png\n";
    }
    return 0;
}

}  // namespace

int runQrCommand(const Args& args, std::ostream& out, std::ostream& err,
                 const platform::Clock& clock) {
    const auto& w = args.words();
    const std::string sub = w.size() > 1 ? w[1] : "";
    try {
        if (sub == "keygen") return keygen(args, out, err);
        if (sub == "issue") return issue(args, out, err, clock);
        if (sub == "verify") return verify(args, out, err, clock);
        if (sub == "demo-cards") return demoCards(args, out, err, clock);
    } catch (const std::logic_error&) {  // invalid_argument or out_of_range from std::stoi
        return usageError(err, "数字参数格式不对");
    }
    err << kQrUsage;
    return 2;
}

}  // namespace kiosk::cli
