// SPDX-License-Identifier: MIT
// The rendezvous store: ranks that know the secret read and write keys (blocking gets, adds,
// waits); a connection without it gets nothing and changes nothing; a single-machine run's
// store listens on 127.0.0.1 only; a MASTER_ADDR that is not this machine is refused.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "dist/auth_store.h"
#include "dist/dist_token.h"

using namespace catdpo;
using namespace std::chrono_literals;

namespace {

int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }
std::string text(const std::vector<std::uint8_t>& v) { return {v.begin(), v.end()}; }

// Local address (hex, as /proc/net/tcp writes it) of the socket listening on `port`.
std::string listeningAddress(int port) {
  char wanted[8];
  std::snprintf(wanted, sizeof wanted, ":%04X", port);
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state;
      fields >> slot >> local >> remote >> state;
      if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == wanted)
        return local.substr(0, local.size() - 5);
    }
  }
  return "none";
}

}  // namespace

class TestAuthStore : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void ranksWithTheSecretShareKeys() {
    const int port = freePort();
    const dist::StoreEndpoint e{"127.0.0.1", port, true};
    auto server = dist::connectAuthStore(e, /*serve=*/true, "secret-0123456789abcdef", 20s);
    auto client = dist::connectAuthStore(e, /*serve=*/false, "secret-0123456789abcdef", 20s);
    // A get blocks until another rank sets the key.
    std::thread later([&] {
      std::this_thread::sleep_for(200ms);
      client->set("address/1", bytes("10.0.0.2:4711"));
    });
    QCOMPARE(text(server->get("address/1")), std::string("10.0.0.2:4711"));
    later.join();
    QCOMPARE(server->add("count", 2), std::int64_t{2});
    QCOMPARE(client->add("count", 3), std::int64_t{5});
    QVERIFY(client->check({"address/1", "count"}));
    QVERIFY(!client->check({"address/1", "missing"}));
    client->wait({"count"}, 1000ms);
    QVERIFY_THROWS_EXCEPTION(std::exception, client->wait({"never"}, 300ms));
    QCOMPARE(text(client->compareSet("cas", {}, bytes("one"))), std::string("one"));
    QCOMPARE(text(client->compareSet("cas", bytes("zzz"), bytes("two"))), std::string("one"));
    QCOMPARE(client->getNumKeys(), std::int64_t{3});
    QVERIFY(client->deleteKey("cas"));
    QVERIFY(!client->deleteKey("cas"));
    // A single-machine run's store listens on the loopback address only.
    QCOMPARE(QString::fromStdString(listeningAddress(port)), QStringLiteral("0100007F"));
  }

  void aWrongSecretGetsNothing() {
    const int port = freePort();
    const dist::StoreEndpoint e{"127.0.0.1", port, true};
    auto server = dist::connectAuthStore(e, true, "the-right-secret-123456", 20s);
    server->set("key", bytes("value"));
    try {
      dist::connectAuthStore(e, false, "a-wrong-secret-9876543", 5s);
      QFAIL("a wrong secret was accepted");
    } catch (const Error& ex) {
      QVERIFY2(std::string(ex.what()).find("refused this rank's secret") != std::string::npos,
               ex.what());
    }
    // A raw client that skips the handshake and sends a request gets the door shut.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    char greeting[47];
    QCOMPARE(::recv(fd, greeting, sizeof greeting, MSG_WAITALL), ssize_t{47});
    std::string request(64, '\x02');  // "get" opcodes where the proof belongs
    QCOMPARE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), ssize_t{64});
    char reply[16];
    pollfd p{fd, POLLIN, 0};
    QVERIFY(::poll(&p, 1, 5000) == 1);
    QCOMPARE(::recv(fd, reply, sizeof reply, 0), ssize_t{0});  // closed without a word
    ::close(fd);
    QCOMPARE(text(server->get("key")), std::string("value"));  // unchanged
    QCOMPARE(server->getNumKeys(), std::int64_t{1});
  }

  void masterAddrMustBeThisMachine() {
    // 192.0.2.1 is reserved for documentation: no machine has it.
    const dist::StoreEndpoint e{"192.0.2.1", freePort(), false};
    try {
      dist::connectAuthStore(e, true, "secret-0123456789abcdef", 2s);
      QFAIL("listened on an address this machine does not have");
    } catch (const Error& ex) {
      QVERIFY2(std::string(ex.what()).find("MASTER_ADDR '192.0.2.1'") != std::string::npos,
               ex.what());
    }
  }

  void theSecretComesFromTheLauncherOrTheUser() {
    qunsetenv("CATDPO_DIST_TOKEN");
    try {
      dist::distTokenFromEnv();
      QFAIL("no secret, yet accepted");
    } catch (const Error& ex) {
      QVERIFY(std::string(ex.what()).find("CATDPO_DIST_TOKEN is not set") != std::string::npos);
    }
    qputenv("CATDPO_DIST_TOKEN", "short");
    QVERIFY_THROWS_EXCEPTION(Error, dist::distTokenFromEnv());
    const std::string a = dist::newDistToken(), b = dist::newDistToken();
    QCOMPARE(a.size(), std::size_t{64});
    QVERIFY(a != b);
    qputenv("CATDPO_DIST_TOKEN", QByteArray::fromStdString(a));
    QCOMPARE(dist::distTokenFromEnv(), a);
    QVERIFY(dist::handshakeProof("k", "client", "a", "b") !=
            dist::handshakeProof("k", "server", "a", "b"));
  }
};

QTEST_GUILESS_MAIN(TestAuthStore)
#include "test_auth_store.moc"
