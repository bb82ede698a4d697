#pragma once
// A county database and a station database in one temp folder, with the real county-server and
// stationctl run on them: the base of the sync and enrollment end-to-end tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_process.hpp"
#include "temp_dir.hpp"

namespace testsupport {

class CountyStationCli : public ::testing::Test {
protected:
    static void expectOk(const ProcessResult& r) { ASSERT_EQ(r.exitCode, 0) << r.out << r.err; }
    /// county-server --db sqlite:county.db ARGS.
    ProcessResult county(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", "sqlite:" + m_dir.file("county.db")});
        return runProcess(COUNTY_SERVER_PATH, args);
    }
    /// stationctl --db station.db ARGS.
    ProcessResult station(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", m_dir.file("station.db")});
        return runProcess(STATIONCTL_PATH, args, 120);
    }

    /// A self-signed certificate for 127.0.0.1 and its key (PEM) in the temp folder; the
    /// openssl run says whether that worked.
    ProcessResult makeSelfSignedCert(const std::string& cert, const std::string& key) {
        return runProcess(
            "/usr/bin/openssl",
            {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
             "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    }

    TempDir m_dir;
};

}  // namespace testsupport
