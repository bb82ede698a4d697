#include "kiosk/demo/real_size_station.hpp"

#include <array>
#include <string>
#include <vector>

#include "kiosk/demo/avatar.hpp"
#include "kiosk/demo/station_config.hpp"
#include "kiosk/domain/local_time.hpp"
#include "kiosk/store/station_repo.hpp"
#include "sync/protocol/announcement.hpp"

namespace kiosk::demo {
namespace {

using namespace kiosk::domain;

// A small deterministic generator: the same station for the same day, so figures compare.
class Lcg {
public:
    explicit Lcg(std::uint64_t seed) : m_state(seed) {}
    std::uint32_t next() {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(m_state >> 33);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) {
        return a[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }

private:
    std::uint64_t m_state;
};

constexpr std::array<const char*, 24> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                   "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
                                                   "何", "郭", "马", "罗", "梁", "宋", "郑", "谢"};
constexpr std::array<const char*, 20> kGiven = {
    "建国", "秀英", "桂兰", "志强", "丽华", "德明", "春生", "美玲", "国庆", "玉梅",
    "海涛", "红霞", "卫东", "淑芬", "永福", "小燕", "长林", "翠萍", "新民", "金凤"};
constexpr std::array<const char*, 10> kUnits = {"云溪镇石塘村村民委员会",
                                                "湘潭县云溪中心小学",
                                                "云溪镇卫生院",
                                                "湖南云溪农机专业合作社",
                                                "云溪镇荷塘社区居民委员会",
                                                "湘潭县自来水有限公司云溪分公司",
                                                "云溪镇人民政府",
                                                "湘潭县人民检察院",
                                                "云溪镇新塘村经济合作社",
                                                "湘潭县云溪种养殖家庭农场（个体工商户）"};
constexpr std::array<const char*, 12> kTexts = {
    "村口的路灯坏了好几盏，晚上走路看不清，希望尽快修好。",
    "镇上的公交车班次太少，老人去县城看病要等一个多小时。",
    "小区旁边的排水沟堵了，一下雨就漫到路上，请安排清理。",
    "希望村卫生室能配一名长期坐诊的医生，现在经常没人。",
    "农田灌溉的水渠年久失修，漏水严重，影响今年插秧。",
    "学校门口上下学时车辆很多，希望安排交警或者志愿者疏导。",
    "养老保险的缴费档次不太清楚，希望有人来村里讲一讲政策。",
    "镇里的垃圾转运站离居民楼太近，夏天气味很大。",
    "村里的自来水有时发黄，请有关部门检测一下水质。",
    "希望在集镇上增设一个老年人活动中心，冬天有个地方取暖。",
    "河边的护栏断了一段，小孩在那里玩很危险。",
    "建议在农忙季节安排农技人员下村指导病虫害防治。"};
// What county staff would write for the results board about each of kTexts (公示摘要).
constexpr std::array<const char*, 12> kSummaries = {
    "反映村口路灯损坏、夜间出行不便",     "反映镇上公交班次少、老人就医出行难",
    "反映小区旁排水沟堵塞、雨天漫溢",     "建议村卫生室配备长期坐诊医生",
    "反映农田灌溉水渠失修漏水",           "建议学校门口上下学时段疏导交通",
    "希望到村宣讲养老保险缴费政策",       "反映垃圾转运站离居民楼近、气味大",
    "反映村自来水有时发黄、请求检测水质", "建议集镇增设老年人活动中心",
    "反映河边护栏损坏、存在安全隐患",     "建议农忙时安排农技人员下村指导"};
constexpr std::array<const char*, 6> kAnswers = {"有关部门已经到现场查看并完成维修，感谢您的反映。",
                                                 "已转交县交通运输局，公交公司自下月起增加班次。",
                                                 "镇政府已安排专人清理，并纳入日常巡查。",
                                                 "县卫生健康局已协调一名医生定期到村卫生室坐诊。",
                                                 "该事项已列入明年民生实事项目，资金已落实。",
                                                 "经核实，相关政策已由工作人员上门逐户解释。"};
constexpr std::array<const char*, 5> kPlaces = {"石塘村", "荷塘社区", "新塘村", "集镇",
                                                "云溪中学附近"};
constexpr std::array<Category, 7> kCategories = {
    Category::Economy,       Category::Livelihood,        Category::Rural, Category::Environment,
    Category::PublicService, Category::LivelihoodProject, Category::Other};
constexpr std::array<Level, 5> kLevels = {Level::National, Level::Provincial, Level::City,
                                          Level::County, Level::Township};

std::string twoDigits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

void addDeputies(store::StationStore& store, const RealSizeShape& shape, Lcg& rng) {
    const int existing = static_cast<int>(store.roster().deputies(true).size());
    for (int i = existing; i < shape.deputies; ++i) {
        Deputy d;
        d.id = "r" + twoDigits(i + 1);
        d.name = std::string(rng.pick(kSurnames)) + rng.pick(kGiven);
        // Most deputies at a station are county and township ones (seed 001).
        d.level = i % 10 == 0 ? rng.pick(kLevels) : (i % 2 ? Level::Township : Level::County);
        d.workUnit = rng.pick(kUnits);
        d.phone = "139" + std::to_string(10000000 + rng.below(89999999));
        d.photo = makeAvatarPng(static_cast<std::uint32_t>(i * 7 + 3), i % 3 == 1);
        // A third chose nothing (no entry), a third all, the rest all but the phone.
        if (i % 3 == 1) d.disclosure = {true, true, true, true};
        if (i % 3 == 2) d.disclosure = {true, true, true, false};
        store.roster().putDeputy(d);
    }
}

void addSlots(store::StationStore& store, const RealSizeShape& shape, const LocalDate& today,
              Lcg& rng) {
    const auto ids = [&] {
        std::vector<std::string> out;
        for (const auto& d : store.roster().deputies()) out.push_back(d.id);
        return out;
    }();
    const int existing = static_cast<int>(store.roster().slots().size());
    const int wanted = shape.slots - existing;
    if (wanted <= 0 || ids.empty()) return;
    // Spread evenly over the years before today (the demo already holds the months around it).
    const int span = shape.years * 365;
    for (int i = 0; i < wanted; ++i) {
        ReceptionSlot s;
        s.date = addDays(today, -30 * 6 - (span * i) / wanted);
        s.kind = i % 4 == 0 ? SlotKind::LegalConsultation : SlotKind::ReceptionDay;
        s.id = "real-" + std::to_string(i) + "-" + formatDate(s.date);
        s.startMinute = i % 2 ? 14 * 60 + 30 : 9 * 60;
        s.endMinute = s.startMinute + 150;
        s.place = "联络站接待室";
        s.note = s.kind == SlotKind::ReceptionDay ? "代表轮流接待群众" : "律师现场解答法律问题";
        // Two to four different deputies, consecutive in the roster from a random start.
        const int first = rng.below(static_cast<int>(ids.size()));
        for (int k = 0; k < 2 + i % 3 && k < static_cast<int>(ids.size()); ++k)
            s.plannedDeputies.push_back(ids[static_cast<std::size_t>(first + k) % ids.size()]);
        store.roster().putSlot(s);
    }
}

void addConcerns(store::StationStore& store, const RealSizeShape& shape, EpochMs now, int offset,
                 Lcg& rng) {
    const LocalDate today = toLocal(now, offset).date;
    platform::ManualClock at(now);
    store::ConcernRepository repo(store.db(), at);
    const int span = shape.years * 365;
    // The last month's concerns are still open, so a little more often than concerns/published.
    const int publishEvery = std::max(1, shape.concerns * 9 / 10 / std::max(1, shape.published));
    int published = 0;
    for (int i = 0; i < shape.concerns; ++i) {
        // Oldest first, a few minutes apart within office hours, never in the future.
        const int daysAgo = span - (span * i) / shape.concerns + 1;
        const EpochMs created =
            fromLocal(addDays(today, -daysAgo), 9 * 60 + (i * 7) % (8 * 60), offset);
        at.set(created);
        ConcernInput in;
        in.category = rng.pick(kCategories);
        const auto topic = static_cast<std::size_t>(rng.below(static_cast<int>(kTexts.size())));
        in.text = kTexts[topic];
        in.place = rng.pick(kPlaces);
        in.takenBy = i % 3 == 0 ? TakenBy::Liaison : TakenBy::Self;
        const Concern c = repo.add(in);
        // Histories: everything older than a month moved on; one in `publishEvery` answered
        // (published), the rest in progress or closed without a public answer.
        if (daysAgo < 30) continue;
        const EpochMs day = 86'400'000;
        repo.applyStatus(c.receipt, Status::Forwarded, created + day, "", "");
        repo.applyStatus(c.receipt, Status::InProgress, created + 5 * day, "已转县有关部门办理",
                         "");
        if (i % publishEvery == 0 && published++ < shape.published) {
            repo.applyStatus(c.receipt, Status::Answered, created + 20 * day, "",
                             rng.pick(kAnswers), kSummaries[topic]);
            const int r = rng.below(10);
            repo.rate(c.receipt, r < 7   ? Satisfaction::Satisfied
                                 : r < 9 ? Satisfaction::BasicallySatisfied
                                         : Satisfaction::Dissatisfied);
        } else if (i % 5 != 0) {
            repo.applyStatus(c.receipt, Status::Closed, created + 25 * day, "已办结", "");
        }
    }
}

// The county's announcements as a busy office keeps them: five showing (one with the longest
// title and text the county's page accepts), one not yet started and one ended.
void addAnnouncements(store::StationStore& store, EpochMs now) {
    constexpr EpochMs kDay = 86'400'000;
    std::string longText;
    while (longText.size() < 3 * 480)
        longText += "请各村（社区）组织群众有序参加代表接待活动，带好相关材料，按时到场。";
    longText.resize(3 * 480);  // 480 characters of three bytes each
    const csync::Announcement list[] = {
        {"a1", "十二月份代表集中接待日安排调整的通知请各位村民相互转告谢谢！", longText,
         now - 3'600'000, now + 20 * kDay},
        {"a2", "冬季农村道路交通安全提示", "雨雪天气请减少夜间出行。", now - 5 * kDay,
         now + 10 * kDay},
        {"a3", "医保缴费截止日期提醒", "城乡居民医保缴费截至12月31日。", now - 9 * kDay,
         now + 30 * kDay},
        {"a4", "法律援助进联络站", "每月第一个星期三上午有律师值班。", now - 20 * kDay,
         now + 60 * kDay},
        {"a5", "停水通知", "石塘村12月8日8:00-17:00停水。", now - kDay, now + 6 * kDay},
        {"a6", "元旦假期安排", "1月1日至3日联络站暂停接待。", now + 15 * kDay, now + 40 * kDay},
        {"a7", "国庆假期安排", "已经结束的公告。", now - 70 * kDay, now - 60 * kDay},
    };
    nlohmann::json json = nlohmann::json::array();
    for (const auto& a : list) json.push_back(csync::toJson(a));
    store.station().setSetting(store::kAnnouncementsSetting, json.dump());
}

}  // namespace

void loadRealSizeStation(store::StationStore& store, const platform::Clock& clock,
                         const RealSizeShape& shape) {
    loadDemoStation(store, clock);
    const EpochMs now = clock.nowMs();
    const int offset = store.station().get()->utcOffsetMinutes;
    Lcg rng(20261115);
    store::Transaction tx(store.db());
    addDeputies(store, shape, rng);
    addSlots(store, shape, toLocal(now, offset).date, rng);
    addConcerns(store, shape, now, offset, rng);
    addAnnouncements(store, now);
    // Years on line: every record was uploaded long ago; only today's would still wait.
    std::vector<std::string> ids;
    for (const auto& r : store.outbox().pending(1'000'000)) ids.push_back(r.id);
    store.outbox().markAcked(ids, now);
    tx.commit();
}

}  // namespace kiosk::demo
