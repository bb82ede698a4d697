// The county server's request framing and front, JSON limits, address groups and the demo-key
// rule, in-process (the hostile-client suite runs the real server).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "platform/demo_guard.hpp"
#include "sockets.hpp"
#include "sync/protocol/json_limits.hpp"
#include "sync/server/address_group.hpp"
#include "sync/server/http_framing.hpp"
#include "sync/server/http_front.hpp"

namespace {

using csync::server::Framing;
using csync::server::RequestFramer;

TEST(RequestFramer, ContentLengthBodiesEndWhereTheySay) {
    RequestFramer f;
    const std::string head = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
    EXPECT_EQ(f.scan(head.substr(0, 20)), Framing::NeedMore);
    EXPECT_EQ(f.scan(head + "12"), Framing::NeedMore);
    EXPECT_EQ(f.scan(head + "12345GET / HTTP/1.1\r\n"), Framing::Complete);
    EXPECT_EQ(f.length(), head.size() + 5);  // the pipelined rest is not part of it
}

TEST(RequestFramer, ChunkedBodiesAreFollowedChunkByChunk) {
    RequestFramer f;
    const std::string head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    EXPECT_EQ(f.scan(head + "5\r\nhel"), Framing::NeedMore);
    EXPECT_EQ(f.scan(head + "5\r\nhello\r\n"), Framing::NeedMore);
    const std::string all = head + "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n";
    EXPECT_EQ(f.scan(all), Framing::Complete);
    EXPECT_EQ(f.length(), all.size());
    EXPECT_EQ(f.bodyBytes(), 8u);
}

TEST(RequestFramer, OverTheCapOnlyTheHeadIsHandedOn) {
    csync::server::FramingLimits limits;
    limits.maxBodyBytes = 10;
    RequestFramer byLength(limits);
    EXPECT_EQ(byLength.scan("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n"), Framing::HeadOnly);
    RequestFramer chunked(limits);
    const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    EXPECT_EQ(chunked.scan(head + "8\r\n12345678\r\n3\r\n"), Framing::HeadOnly);
    EXPECT_EQ(chunked.length(), head.size());
    const std::string over = csync::server::overLimitHead(head, 10);
    EXPECT_NE(over.find("Content-Length: 11\r\n"), std::string::npos);
    EXPECT_EQ(over.find("chunked"), std::string::npos);
}

TEST(RequestFramer, SmugglingShapesAndHugeHeadsAreRefused) {
    RequestFramer both;
    EXPECT_EQ(
        both.scan("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
        Framing::Bad);
    RequestFramer twoLengths;
    EXPECT_EQ(twoLengths.scan("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"),
              Framing::Bad);
    RequestFramer gzipTe;
    EXPECT_EQ(gzipTe.scan("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
              Framing::Bad);
    RequestFramer badChunk;
    EXPECT_EQ(badChunk.scan("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
              Framing::Bad);
    RequestFramer huge;
    EXPECT_EQ(huge.scan("GET / HTTP/1.1\r\nX: " + std::string(20000, 'a')), Framing::HeadTooLarge);
}

TEST(RequestFramer, ExpectContinueIsNoticedAndNeutralised) {
    RequestFramer f;
    std::string req = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok";
    EXPECT_EQ(f.scan(req), Framing::Complete);
    EXPECT_TRUE(f.expectsContinue());
    csync::server::neutraliseExpect(req, f.headLength());
    EXPECT_EQ(req.find("Expect:"), std::string::npos);
    EXPECT_EQ(req.size(), f.length());
}

TEST(JsonLimits, DepthAndSizeAreMeasuredBeforeParsing) {
    EXPECT_EQ(csync::jsonShapeProblem(R"({"a":[1,{"b":"[[[[[["}]})", 100, 3), "");
    EXPECT_NE(csync::jsonShapeProblem("[[[[", 100, 3).find("nested deeper than 3"),
              std::string::npos);
    EXPECT_NE(csync::jsonShapeProblem("[1,2,3]", 4).find("larger than"), std::string::npos);
    std::string why;
    EXPECT_FALSE(csync::parseBoundedJson(std::string(100000, '['), 1 << 20, &why));
    EXPECT_NE(why.find("nested"), std::string::npos);
    EXPECT_FALSE(csync::parseBoundedJson("{nope", 100, &why));
    EXPECT_EQ(why, "the body is not JSON");
    EXPECT_EQ(csync::parseBoundedJson(R"({"x":1})", 100)->at("x"), 1);
}

TEST(AddressGroup, Ipv4WholeIpv6BySlash64) {
    using csync::server::addressGroup;
    EXPECT_EQ(addressGroup("192.0.2.7"), "192.0.2.7");
    EXPECT_EQ(addressGroup("::ffff:192.0.2.7"), "192.0.2.7");
    EXPECT_EQ(addressGroup("2001:db8:1:2::1"), addressGroup("2001:db8:1:2:ffff::9"));
    EXPECT_NE(addressGroup("2001:db8:1:2::1"), addressGroup("2001:db8:1:3::1"));
}

// A full front makes room: the connection waiting longest for its head gives way.
TEST(HttpFront, WhenFullTheSlowestWaiterGivesWay) {
    csync::server::FrontLimits limits;
    limits.maxConnections = 8;
    csync::server::HttpFront front(
        [](std::string, const csync::server::Peer&) {
            return csync::server::FrontReply{
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", true};
        },
        limits);
    const int port = front.bind("127.0.0.1", 0);
    std::thread loop([&] { front.serve(); });
    auto connect = [&] {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        timeval tv{3, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        return fd;
    };
    std::vector<int> slow;
    for (int i = 0; i < 8; ++i) {
        slow.push_back(connect());
        testsupport::sendAll(slow.back(), "GET / HTTP/1.1\r\n");  // and never the rest
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const int fresh = connect();
    testsupport::sendAll(fresh, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    char buf[256] = {};
    const ssize_t n = recv(fresh, buf, sizeof buf - 1, 0);
    EXPECT_GT(n, 0);
    EXPECT_NE(std::string(buf).find(" 200 "), std::string::npos);
    // The first slow one was closed to make room.
    EXPECT_EQ(recv(slow.front(), buf, sizeof buf, 0), 0);
    front.stop();
    loop.join();
    for (int fd : slow) close(fd);
    close(fresh);
}

TEST(DemoKeys, RefusedForPackagedDataAndEnrolledStations) {
    EXPECT_EQ(platform::demoKeysRefusal("build/demo/station.db", false), "");
    EXPECT_NE(platform::demoKeysRefusal("/var/lib/station-kiosk/station.db", false), "");
    EXPECT_NE(platform::demoKeysRefusal("sqlite:/var/lib/county-server/county.db", false), "");
    EXPECT_NE(platform::demoKeysRefusal("build/demo/station.db", true), "");
}

}  // namespace
