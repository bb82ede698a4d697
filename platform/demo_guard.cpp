#include "platform/demo_guard.hpp"

namespace platform {

const char* const kDemoKeysWarning =
    "！！！警告：正在使用演示密钥。演示密钥随每个程序公开发布，用它加密的群众联系方式任何人都能解开"
    "，"
    "用它签发的代表值班码任何人都能伪造。只可用于演示和测试，切勿用于真实联络站。\n"
    "!!! WARNING: demo keys are in use. They ship inside every binary: contacts sealed with them "
    "can be read and duty cards signed with them forged by anyone. Demo and tests only.\n";

std::string demoKeysRefusal(const std::string& dataPath, bool enrolled) {
    if (enrolled)
        return "该数据文件已接入县里的系统，不能改用演示密钥（确需如此请加 --force-demo）";
    std::string path = dataPath;
    if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
    if (path.rfind("/var/lib/", 0) == 0)
        return "这是正式安装的数据文件（" + path +
               "），不能使用演示密钥（确需如此请加 --force-demo）";
    return "";
}

}  // namespace platform
