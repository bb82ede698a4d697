#include "platform/command_line.hpp"

#include <algorithm>
#include <ostream>
#include <regex>

namespace platform::cli {
namespace {

constexpr const char* kHelpHint = "（加 --help 查看用法）";

// Columns a terminal gives the text: CLI11 pads by bytes, so Chinese names pushed the
// descriptions out of line. Characters of three or more UTF-8 bytes are CJK (two columns).
std::size_t displayWidth(const std::string& s) {
    std::size_t w = 0;
    for (const unsigned char c : s)
        if ((c & 0xC0) != 0x80) w += c >= 0xE0 ? 2 : 1;
    return w;
}

class ChineseFormatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool isPositional) const override {
        const std::string name = "  " + make_option_name(opt, isPositional) + make_option_opts(opt);
        const std::string desc = make_option_desc(opt);
        const std::size_t width = get_column_width();
        const std::size_t used = displayWidth(name);
        std::string out = name;
        if (used >= width)
            out += "\n" + std::string(width, ' ');
        else
            out += std::string(width - used, ' ');
        for (const char c : desc) {
            out += c;
            if (c == '\n') out += std::string(width, ' ');
        }
        return out + "\n";
    }
};

// The first "--option" a CLI11 message names, for a message of our own.
std::string optionIn(const std::string& message) {
    static const std::regex re("--[A-Za-z0-9][A-Za-z0-9-]*");
    std::smatch m;
    return std::regex_search(message, m, re) ? m.str() : std::string();
}

std::string commandPath(const CLI::App& app) {
    std::string path;
    for (const CLI::App* a = &app; a->get_parent() != nullptr; a = a->get_parent())
        path = a->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::string subcommandNames(const CLI::App& app) {
    std::string names;
    for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; }))
        names += (names.empty() ? "" : "、") + s->get_name();
    return names;
}

// What a word CLI11 could not place means, said for the person who typed it.
std::string leftOverMessage(const CLI::App& where, const std::string& word) {
    if (word.size() > 1 && word[0] == '-') return "未知选项 " + word;
    const std::string path = commandPath(where);
    if (where.get_subcommands().empty() &&
        !where.get_subcommands([](const CLI::App*) { return true; }).empty())
        return (path.empty() ? "没有这个命令：" + word : "“" + path + "”下没有“" + word + "”") +
               "（可用：" + subcommandNames(where) + "）";
    return "多余的参数 " + word + (path.empty() ? "" : "（“" + path + "”不需要它）");
}

std::string parseErrorMessage(const CLI::ParseError& e) {
    const std::string what = e.what();
    const std::string option = optionIn(what);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
        return option.empty() ? "参数个数不对（" + what + "）" : option + " 需要一个值";
    if (dynamic_cast<const CLI::RequiredError*>(&e))
        return option.empty() ? "缺少必需的参数（" + what + "）" : "需要 " + option;
    if (dynamic_cast<const CLI::ValidationError*>(&e) ||
        dynamic_cast<const CLI::ConversionError*>(&e)) {
        // CLI11 says "--size: <what the check returned>"; the option is named once.
        const std::string why = !option.empty() && what.starts_with(option + ": ")
                                    ? what.substr(option.size() + 2)
                                    : what;
        return (option.empty() ? std::string("参数的值不对") : option + " 的值不对") + "：" + why;
    }
    return "命令行有误（" + what + "）";
}

}  // namespace

void prepare(CLI::App& app, const std::string& version) {
    auto f = std::make_shared<ChineseFormatter>();
    app.formatter(f);
    f->label("Usage", "用法");
    f->label("OPTIONS", "选项");
    f->label("SUBCOMMAND", "命令");
    f->label("SUBCOMMANDS", "命令");
    f->label("Positionals", "参数");
    f->label("REQUIRED", "（必填）");
    f->label("TEXT", "文本");
    f->column_width(34);
    app.option_defaults()->group("选项");
    app.set_help_flag("-h,--help", "显示这条帮助");
    app.set_version_flag("--version", version, "显示版本");
    // Words CLI11 cannot place are reported by parse() in Chinese, naming the command.
    app.allow_extras();
    app.fallthrough();
}

CLI::App* command(CLI::App& parent, const std::string& name, const std::string& description) {
    CLI::App* sub = parent.add_subcommand(name, description);
    sub->group("命令");
    if (CLI::Option* help = sub->get_help_ptr()) help->group("选项");
    return sub;
}

std::vector<const CLI::App*> selectedChain(const CLI::App& app) {
    std::vector<const CLI::App*> chain;
    for (const CLI::App* a = &app; !a->get_subcommands().empty();) {
        a = a->get_subcommands().front();
        chain.push_back(a);
    }
    return chain;
}

std::optional<int> parse(CLI::App& app, const std::vector<std::string>& argv, std::ostream& out,
                         std::ostream& err) {
    std::vector<std::string> reversed(argv.rbegin(), argv.rend());  // CLI11 pops from the back
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        err << "错误：" << parseErrorMessage(e) << kHelpHint << "\n";
        return 2;
    }
    // The deepest command first: a word is reported where it was typed.
    std::vector<const CLI::App*> chain = selectedChain(app);
    chain.insert(chain.begin(), &app);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        for (const std::string& word : (*it)->remaining()) {
            // A word a subcommand had no room for falls through to its parents: name the
            // command it was typed after.
            const CLI::App& where = (*it)->get_subcommands().empty() ? **it : *chain.back();
            err << "错误：" << leftOverMessage(where, word) << kHelpHint << "\n";
            return 2;
        }
    return std::nullopt;
}

void Collector::value(CLI::App* app, const std::string& name, const std::string& type,
                      const std::string& help) {
    const std::string key = name.substr(2);
    app->add_option_function<std::string>(
           name, [this, key](const std::string& v) { m_values[key] = v; }, help)
        ->type_name(type);
}

void Collector::flag(CLI::App* app, const std::string& name, const std::string& help) {
    const std::string key = name.substr(2);
    app->add_flag_callback(
        name, [this, key] { m_flags.insert(key); }, help);
}

void Collector::word(CLI::App* app, const std::string& name, const std::string& help) {
    app->add_option_function<std::string>(
        name, [this, app](const std::string& v) { m_words[app].push_back(v); }, help);
}

void Collector::words(CLI::App* app, const std::string& name, const std::string& help) {
    app->add_option_function<std::vector<std::string>>(
        name,
        [this, app](const std::vector<std::string>& v) {
            m_words[app].insert(m_words[app].end(), v.begin(), v.end());
        },
        help);
}

std::vector<std::string> Collector::commandWords() const {
    std::vector<std::string> words;
    if (const auto it = m_words.find(&m_root); it != m_words.end()) words = it->second;
    for (const CLI::App* a : selectedChain(m_root)) {
        words.push_back(a->get_name());
        if (const auto it = m_words.find(a); it != m_words.end())
            words.insert(words.end(), it->second.begin(), it->second.end());
    }
    return words;
}

}  // namespace platform::cli
