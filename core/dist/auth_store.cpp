// SPDX-License-Identifier: MIT
// Wire format: a connection starts with the server's greeting ("CATDPO-STORE/1\n" and a 32-byte
// nonce); the client answers with its own nonce and HMAC(secret, "client" | server nonce |
// client nonce); the server closes the connection unless that matches, else proves itself with
// HMAC(secret, "server" | client nonce | server nonce). Until then the server reads at most 64
// bytes from the peer, within 10 s. Requests then follow: one opcode byte, big-endian lengths,
// bounded keys (4 KiB) and values (64 MiB). Values of add() are decimal text, as in TCPStore.
#include "dist/auth_store.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "common/error.h"
#include "common/sha256.h"
#include "dist/dist_token.h"

namespace catdpo::dist {
namespace {

using Clock = std::chrono::steady_clock;
using Bytes = std::vector<std::uint8_t>;

constexpr char kMagic[] = "CATDPO-STORE/1\n";
constexpr std::size_t kMagicSize = sizeof kMagic - 1;
constexpr std::size_t kNonce = 32;
constexpr std::size_t kMaxKey = 4096;
constexpr std::size_t kMaxValue = 64u << 20;
constexpr std::size_t kMaxKeysPerRequest = 4096;
constexpr int kMaxPending = 64;        // connections not yet authenticated, at once
constexpr int kMaxConnections = 4096;  // authenticated ones
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kRequestTimeout = std::chrono::seconds(60);  // for the rest of a started request

enum Op : std::uint8_t {
  kSet = 1,
  kGet = 2,
  kAdd = 3,
  kCheck = 4,
  kDelete = 5,
  kNumKeys = 6,
  kWait = 7,
  kCompareSet = 8
};
enum Reply : std::uint8_t { kOk = 0, kTimedOut = 1, kRefused = 2 };

// --- sockets -----------------------------------------------------------------------------------

struct SocketError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void sendAll(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw SocketError(std::string("connection lost: ") + std::strerror(errno));
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

// Reads exactly `size` bytes before `deadline` (none: wait as long as it takes).
void recvAll(int fd, void* data, std::size_t size, std::optional<Clock::time_point> deadline) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    int waitMs = -1;
    if (deadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) throw SocketError("timed out");
      waitMs = static_cast<int>(std::min<long long>(left, 1000));
    }
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, waitMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw SocketError(std::string("poll: ") + std::strerror(errno));
    if (ready == 0) continue;
    const ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw SocketError("connection closed");
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void putU64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void putU32(std::string& out, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void putBytes(std::string& out, const void* data, std::size_t size) {
  putU32(out, static_cast<std::uint32_t>(size));
  out.append(static_cast<const char*>(data), size);
}
void putString(std::string& out, const std::string& s) { putBytes(out, s.data(), s.size()); }

std::uint64_t getU64(int fd, std::optional<Clock::time_point> deadline) {
  unsigned char b[8];
  recvAll(fd, b, 8, deadline);
  std::uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return v;
}
std::uint32_t getU32(int fd, std::optional<Clock::time_point> deadline) {
  unsigned char b[4];
  recvAll(fd, b, 4, deadline);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}
std::string getBlob(int fd, std::size_t max, std::optional<Clock::time_point> deadline) {
  const std::uint32_t size = getU32(fd, deadline);
  if (size > max) throw SocketError("oversized field");
  std::string s(size, '\0');
  recvAll(fd, s.data(), size, deadline);
  return s;
}

std::string randomBytes(std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::getrandom(out.data() + got, n - got, 0);
    if (r <= 0) throw Error("cannot read random bytes for the store handshake");
    got += static_cast<std::size_t>(r);
  }
  return out;
}

bool equalConstantTime(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// --- server ------------------------------------------------------------------------------------

// Shared by the accept thread and the (detached) connection threads, so a connection that
// outlives a moment of shutdown never touches freed memory.
struct ServerState {
  std::string secret;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, Bytes> data;
  bool stopping = false;
  std::set<int> fds;  // open connections, shut down on stop
  int active = 0;     // connection threads alive
  int pending = 0;    // of those, not authenticated yet
};

bool handshakeServer(int fd, const std::string& secret) {
  const auto deadline = Clock::now() + kHandshakeTimeout;
  const std::string serverNonce = randomBytes(kNonce);
  sendAll(fd, (std::string(kMagic, kMagicSize) + serverNonce).data(), kMagicSize + kNonce);
  std::string answer(2 * kNonce, '\0');
  recvAll(fd, answer.data(), answer.size(), deadline);
  const std::string clientNonce = answer.substr(0, kNonce);
  if (!equalConstantTime(answer.substr(kNonce),
                         handshakeProof(secret, "client", serverNonce, clientNonce)))
    return false;
  const std::string proof = handshakeProof(secret, "server", clientNonce, serverNonce);
  sendAll(fd, proof.data(), proof.size());
  return true;
}

// Waits (under `lock`) until every key exists, the deadline passes or the server stops.
bool waitForKeys(ServerState& s, std::unique_lock<std::mutex>& lock,
                 const std::vector<std::string>& keys, Clock::time_point deadline) {
  auto present = [&] {
    for (const auto& k : keys)
      if (!s.data.count(k)) return false;
    return true;
  };
  return s.changed.wait_until(lock, deadline, [&] { return s.stopping || present(); }) &&
         !s.stopping;
}

std::vector<std::string> getKeys(int fd, Clock::time_point deadline) {
  const std::uint32_t n = getU32(fd, deadline);
  if (n > kMaxKeysPerRequest) throw SocketError("too many keys");
  std::vector<std::string> keys;
  for (std::uint32_t i = 0; i < n; ++i) keys.push_back(getBlob(fd, kMaxKey, deadline));
  return keys;
}

void serveRequests(ServerState& s, int fd) {
  while (true) {
    std::uint8_t op = 0;
    recvAll(fd, &op, 1, std::nullopt);  // idle connections wait here until shut down
    const auto deadline = Clock::now() + kRequestTimeout;
    std::string out;
    switch (op) {
      case kSet: {
        const std::string key = getBlob(fd, kMaxKey, deadline);
        const std::string value = getBlob(fd, kMaxValue, deadline);
        {
          std::lock_guard lock(s.mutex);
          s.data[key] = Bytes(value.begin(), value.end());
        }
        s.changed.notify_all();
        out.push_back(static_cast<char>(kOk));
        break;
      }
      case kGet: {
        const std::string key = getBlob(fd, kMaxKey, deadline);
        const auto waitMs = getU64(fd, deadline);
        std::unique_lock lock(s.mutex);
        const auto until = Clock::now() + std::chrono::milliseconds(std::min<std::uint64_t>(
                                              waitMs, std::uint64_t{1} << 40));
        if (!waitForKeys(s, lock, {key}, until)) {
          out.push_back(static_cast<char>(kTimedOut));
        } else {
          out.push_back(static_cast<char>(kOk));
          const Bytes& v = s.data[key];
          putBytes(out, v.data(), v.size());
        }
        break;
      }
      case kAdd: {
        const std::string key = getBlob(fd, kMaxKey, deadline);
        const auto delta = static_cast<std::int64_t>(getU64(fd, deadline));
        std::int64_t value = 0;
        {
          std::lock_guard lock(s.mutex);
          Bytes& slot = s.data[key];
          if (!slot.empty()) {
            try {
              value = std::stoll(std::string(slot.begin(), slot.end()));
            } catch (...) {
              value = 0;
            }
          }
          value += delta;
          const std::string text = std::to_string(value);
          slot.assign(text.begin(), text.end());
        }
        s.changed.notify_all();
        out.push_back(static_cast<char>(kOk));
        putU64(out, static_cast<std::uint64_t>(value));
        break;
      }
      case kCheck: {
        const auto keys = getKeys(fd, deadline);
        std::lock_guard lock(s.mutex);
        bool all = true;
        for (const auto& k : keys) all = all && s.data.count(k) > 0;
        out.push_back(static_cast<char>(kOk));
        out.push_back(all ? 1 : 0);
        break;
      }
      case kDelete: {
        const std::string key = getBlob(fd, kMaxKey, deadline);
        std::lock_guard lock(s.mutex);
        const bool erased = s.data.erase(key) > 0;
        out.push_back(static_cast<char>(kOk));
        out.push_back(erased ? 1 : 0);
        break;
      }
      case kNumKeys: {
        std::lock_guard lock(s.mutex);
        out.push_back(static_cast<char>(kOk));
        putU64(out, s.data.size());
        break;
      }
      case kWait: {
        const auto keys = getKeys(fd, deadline);
        const auto waitMs = getU64(fd, deadline);
        std::unique_lock lock(s.mutex);
        const auto until = Clock::now() + std::chrono::milliseconds(std::min<std::uint64_t>(
                                              waitMs, std::uint64_t{1} << 40));
        out.push_back(static_cast<char>(waitForKeys(s, lock, keys, until) ? kOk : kTimedOut));
        break;
      }
      case kCompareSet: {
        const std::string key = getBlob(fd, kMaxKey, deadline);
        const std::string expected = getBlob(fd, kMaxValue, deadline);
        const std::string desired = getBlob(fd, kMaxValue, deadline);
        Bytes result;
        {
          std::lock_guard lock(s.mutex);
          auto it = s.data.find(key);
          if (it == s.data.end()) {
            if (expected.empty()) {
              s.data[key] = Bytes(desired.begin(), desired.end());
              result = s.data[key];
            } else {
              result = Bytes(expected.begin(), expected.end());
            }
          } else {
            if (it->second == Bytes(expected.begin(), expected.end()))
              it->second = Bytes(desired.begin(), desired.end());
            result = it->second;
          }
        }
        s.changed.notify_all();
        out.push_back(static_cast<char>(kOk));
        putBytes(out, result.data(), result.size());
        break;
      }
      default:
        return;  // not our protocol: drop the connection
    }
    sendAll(fd, out.data(), out.size());
  }
}

void serveConnection(std::shared_ptr<ServerState> s, int fd) {
  bool authenticated = false;
  try {
    authenticated = handshakeServer(fd, s->secret);
    {
      std::lock_guard lock(s->mutex);
      --s->pending;
    }
    if (authenticated) serveRequests(*s, fd);
  } catch (const std::exception&) {
    if (!authenticated) {
      std::lock_guard lock(s->mutex);
      if (s->pending > 0) --s->pending;
    }
  }
  std::lock_guard lock(s->mutex);
  s->fds.erase(fd);
  ::close(fd);
  --s->active;
  s->changed.notify_all();
}

class StoreServer {
 public:
  StoreServer(int listenFd, std::string secret)
      : m_listen(listenFd), m_state(std::make_shared<ServerState>()) {
    m_state->secret = std::move(secret);
    m_thread = std::thread([this] { acceptLoop(); });
  }
  ~StoreServer() {
    {
      std::lock_guard lock(m_state->mutex);
      m_state->stopping = true;
      for (int fd : m_state->fds) ::shutdown(fd, SHUT_RDWR);
    }
    m_state->changed.notify_all();
    m_thread.join();
    ::close(m_listen);
    std::unique_lock lock(m_state->mutex);
    m_state->changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_state->active == 0; });
  }

 private:
  void acceptLoop() {
    while (true) {
      {
        std::lock_guard lock(m_state->mutex);
        if (m_state->stopping) return;
      }
      pollfd pfd{m_listen, POLLIN, 0};
      if (::poll(&pfd, 1, 200) <= 0) continue;
      const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::lock_guard lock(m_state->mutex);
      if (m_state->stopping || m_state->pending >= kMaxPending ||
          m_state->active >= kMaxConnections) {
        ::close(fd);  // a flood of strangers does not make threads without end
        continue;
      }
      ++m_state->pending;
      ++m_state->active;
      m_state->fds.insert(fd);
      std::thread(serveConnection, m_state, fd).detach();
    }
  }

  int m_listen;
  std::shared_ptr<ServerState> m_state;
  std::thread m_thread;
};

std::string describeAddress(const sockaddr* addr, socklen_t len) {
  char host[NI_MAXHOST] = {};
  if (::getnameinfo(addr, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) return "?";
  return host;
}

// A listening socket on the address the run needs, and nothing else.
int listenOn(const StoreEndpoint& e) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string host = e.loopback ? "127.0.0.1" : e.host;
  const std::string port = std::to_string(e.port);
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
    throw Error("cannot resolve MASTER_ADDR '" + e.host + "': " + ::gai_strerror(rc));
  std::string tried;
  int lastErr = 0;
  for (addrinfo* a = found; a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 128) == 0) {
      ::freeaddrinfo(found);
      return fd;
    }
    lastErr = errno;
    tried += (tried.empty() ? "" : ", ") + describeAddress(a->ai_addr, a->ai_addrlen);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (lastErr == EADDRINUSE) throw Error("MASTER_PORT " + port + " is already in use on " + tried);
  throw Error("rank 0 cannot listen on MASTER_ADDR '" + e.host + "' (" + tried +
              "): " + std::strerror(lastErr) +
              "; rank 0 must run on the machine MASTER_ADDR names, which must be one of its "
              "addresses");
}

// --- client ------------------------------------------------------------------------------------

class AuthStore final : public c10d::Store {
 public:
  AuthStore(StoreEndpoint endpoint, std::string secret, std::chrono::milliseconds timeout,
            std::shared_ptr<StoreServer> server)
      : c10d::Store(timeout),
        m_endpoint(std::move(endpoint)),
        m_secret(std::move(secret)),
        m_server(std::move(server)) {
    connect();
  }
  ~AuthStore() override {
    if (m_fd >= 0) ::close(m_fd);
  }

  void set(const std::string& key, const std::vector<std::uint8_t>& value) override {
    std::string req(1, static_cast<char>(kSet));
    putString(req, key);
    putBytes(req, value.data(), value.size());
    call(req, "set");
  }

  std::vector<std::uint8_t> compareSet(const std::string& key,
                                       const std::vector<std::uint8_t>& expected,
                                       const std::vector<std::uint8_t>& desired) override {
    std::string req(1, static_cast<char>(kCompareSet));
    putString(req, key);
    putBytes(req, expected.data(), expected.size());
    putBytes(req, desired.data(), desired.size());
    std::lock_guard lock(m_mutex);
    exchange(req, "compareSet");
    const std::string v = getBlob(m_fd, kMaxValue, replyDeadline());
    return {v.begin(), v.end()};
  }

  std::vector<std::uint8_t> get(const std::string& key) override {
    std::string req(1, static_cast<char>(kGet));
    putString(req, key);
    putU64(req, static_cast<std::uint64_t>(timeout_.count()));
    std::lock_guard lock(m_mutex);
    if (exchange(req, "get", timeout_) == kTimedOut)
      throw std::runtime_error("timed out after " + std::to_string(timeout_.count()) +
                               " ms waiting for key '" + key + "' in the rendezvous store");
    const std::string v = getBlob(m_fd, kMaxValue, replyDeadline());
    return {v.begin(), v.end()};
  }

  std::int64_t add(const std::string& key, std::int64_t value) override {
    std::string req(1, static_cast<char>(kAdd));
    putString(req, key);
    putU64(req, static_cast<std::uint64_t>(value));
    std::lock_guard lock(m_mutex);
    exchange(req, "add");
    return static_cast<std::int64_t>(getU64(m_fd, replyDeadline()));
  }

  bool deleteKey(const std::string& key) override {
    std::string req(1, static_cast<char>(kDelete));
    putString(req, key);
    std::lock_guard lock(m_mutex);
    exchange(req, "deleteKey");
    std::uint8_t b = 0;
    recvAll(m_fd, &b, 1, replyDeadline());
    return b != 0;
  }

  bool check(const std::vector<std::string>& keys) override {
    std::string req(1, static_cast<char>(kCheck));
    putU32(req, static_cast<std::uint32_t>(keys.size()));
    for (const auto& k : keys) putString(req, k);
    std::lock_guard lock(m_mutex);
    exchange(req, "check");
    std::uint8_t b = 0;
    recvAll(m_fd, &b, 1, replyDeadline());
    return b != 0;
  }

  std::int64_t getNumKeys() override {
    const std::string req(1, static_cast<char>(kNumKeys));
    std::lock_guard lock(m_mutex);
    exchange(req, "getNumKeys");
    return static_cast<std::int64_t>(getU64(m_fd, replyDeadline()));
  }

  void wait(const std::vector<std::string>& keys) override { wait(keys, timeout_); }

  void wait(const std::vector<std::string>& keys,
            const std::chrono::milliseconds& timeout) override {
    std::string req(1, static_cast<char>(kWait));
    putU32(req, static_cast<std::uint32_t>(keys.size()));
    for (const auto& k : keys) putString(req, k);
    putU64(req, static_cast<std::uint64_t>(timeout.count()));
    std::lock_guard lock(m_mutex);
    if (exchange(req, "wait", timeout) == kTimedOut)
      throw std::runtime_error("timed out after " + std::to_string(timeout.count()) +
                               " ms waiting for keys in the rendezvous store");
  }

  // LibTorch 2.x asks stores for a second handle to the same server (no override keyword: the
  // method does not exist in 1.13's Store).
  virtual c10::intrusive_ptr<c10d::Store> clone() {
    return c10::make_intrusive<AuthStore>(m_endpoint, m_secret, timeout_, m_server);
  }

 private:
  Clock::time_point replyDeadline() const { return Clock::now() + kRequestTimeout; }

  void call(const std::string& req, const char* what) {
    std::lock_guard lock(m_mutex);
    exchange(req, what);
  }

  // Sends a request and reads the status byte (waiting up to `wait` extra for blocking ops).
  Reply exchange(const std::string& req, const char* what,
                 std::chrono::milliseconds wait = std::chrono::milliseconds(0)) {
    try {
      sendAll(m_fd, req.data(), req.size());
      std::uint8_t status = 0;
      recvAll(m_fd, &status, 1, Clock::now() + wait + kRequestTimeout);
      if (status > kRefused) throw SocketError("bad reply");
      return static_cast<Reply>(status);
    } catch (const SocketError& e) {
      throw std::runtime_error(std::string("rendezvous store ") + what + ": " + e.what());
    }
  }

  void connect() {
    const auto deadline = Clock::now() + timeout_;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    const std::string host = m_endpoint.loopback ? "127.0.0.1" : m_endpoint.host;
    const std::string port = std::to_string(m_endpoint.port);
    std::string lastError = "no address";
    while (Clock::now() < deadline) {
      addrinfo* found = nullptr;
      if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
        lastError = ::gai_strerror(rc);
      } else {
        for (addrinfo* a = found; a && m_fd < 0; a = a->ai_next) {
          const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
          if (fd < 0) continue;
          if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            m_fd = fd;
          } else {
            lastError = std::strerror(errno);
            ::close(fd);
          }
        }
        ::freeaddrinfo(found);
      }
      if (m_fd >= 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (m_fd < 0)
      throw Error("cannot reach the rendezvous store at " + host + ":" + port + " (" + lastError +
                  ")");
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    try {
      const auto handshakeDeadline = Clock::now() + kHandshakeTimeout;
      std::string greeting(kMagicSize + kNonce, '\0');
      recvAll(m_fd, greeting.data(), greeting.size(), handshakeDeadline);
      if (greeting.compare(0, kMagicSize, kMagic) != 0)
        throw Error("the service at " + host + ":" + port +
                    " is not a Cat-DPO rendezvous store (another program on that port?)");
      const std::string serverNonce = greeting.substr(kMagicSize);
      const std::string clientNonce = randomBytes(kNonce);
      const std::string answer =
          clientNonce + handshakeProof(m_secret, "client", serverNonce, clientNonce);
      sendAll(m_fd, answer.data(), answer.size());
      std::string proof(32, '\0');
      try {
        recvAll(m_fd, proof.data(), proof.size(), handshakeDeadline);
      } catch (const SocketError&) {
        throw Error(
            "the rendezvous store refused this rank's secret: CATDPO_DIST_TOKEN must be "
            "the same on every rank");
      }
      if (!equalConstantTime(proof, handshakeProof(m_secret, "server", clientNonce, serverNonce)))
        throw Error("the rendezvous store at " + host + ":" + port +
                    " does not know the run's secret: not the run's rank 0");
    } catch (const SocketError& e) {
      ::close(m_fd);
      m_fd = -1;
      throw Error(std::string("handshake with the rendezvous store failed: ") + e.what());
    } catch (...) {
      ::close(m_fd);
      m_fd = -1;
      throw;
    }
  }

  StoreEndpoint m_endpoint;
  std::string m_secret;
  std::shared_ptr<StoreServer> m_server;  // rank 0: the server lives as long as its store
  int m_fd = -1;
  std::mutex m_mutex;
};

}  // namespace

std::string handshakeProof(const std::string& secret, const char* role, const std::string& a,
                           const std::string& b) {
  const auto mac = hmacSha256(secret, std::string(role) + '\0' + a + b);
  return std::string(reinterpret_cast<const char*>(mac.data()), mac.size());
}

c10::intrusive_ptr<c10d::Store> connectRunStore(const DistEnvironment& env,
                                                std::chrono::milliseconds timeout) {
  const std::string& a = env.masterAddr;
  const bool loopback = a == "localhost" || a.rfind("127.", 0) == 0 || a == "::1";
  return connectAuthStore(StoreEndpoint{a, env.masterPort, loopback}, env.rank == 0,
                          distTokenFromEnv(), timeout);
}

c10::intrusive_ptr<c10d::Store> connectAuthStore(const StoreEndpoint& endpoint, bool serve,
                                                 const std::string& secret,
                                                 std::chrono::milliseconds timeout) {
  std::shared_ptr<StoreServer> server;
  if (serve) server = std::make_shared<StoreServer>(listenOn(endpoint), secret);
  return c10::make_intrusive<AuthStore>(endpoint, secret, timeout, std::move(server));
}

}  // namespace catdpo::dist
