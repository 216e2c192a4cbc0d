// SPDX-License-Identifier: MIT
// A tiny HTTP/1.1 server for tests: POSIX sockets on 127.0.0.1 with an ephemeral port, one
// thread, one connection at a time, "Connection: close". A handler decides each reply (status,
// body, delay) from the request's index and text, so tests can script errors, malformed
// answers and slow replies. Stopping never waits out a long delay.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtGlobal>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace catdpo::test {

struct HttpReply {
  int status = 200;
  std::string body;
  int delayMs = 0;
};

// Serves one connection at a time; `handler` sees the n-th request (0-based) and its text.
class TestServer {
 public:
  using Handler = std::function<HttpReply(int index, const std::string& request)>;

  explicit TestServer(Handler handler) : m_handler(std::move(handler)) {
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // ephemeral
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen, 16) != 0)
      qFatal("test server: cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { loop(); });
  }
  ~TestServer() {
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  int count() const { return m_count; }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
  }

  static std::string chatReply(const std::string& content) {
    return nlohmann::json{{"id", "x"},
                          {"object", "chat.completion"},
                          {"choices",
                           {{{"index", 0},
                             {"message", {{"role", "assistant"}, {"content", content}}},
                             {"finish_reason", "stop"}}}}}
        .dump();
  }

 private:
  void loop() {
    while (!m_stop) {
      pollfd p{m_listen, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept(m_listen, nullptr, nullptr);
      if (fd < 0) continue;
      const std::string request = readRequest(fd);
      const int index = m_count;
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back(request);
      }
      const HttpReply reply = m_handler(index, request);
      ++m_count;
      for (int waited = 0; waited < reply.delayMs && !m_stop; waited += 10)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      const std::string text = "HTTP/1.1 " + std::to_string(reply.status) +
                               " X\r\nContent-Type: application/json\r\nContent-Length: " +
                               std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n" +
                               reply.body;
      ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
      ::close(fd);
    }
  }

  static std::string readRequest(int fd) {
    std::string data;
    char buf[4096];
    std::size_t need = std::string::npos;
    while (true) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      data.append(buf, static_cast<std::size_t>(n));
      const auto headerEnd = data.find("\r\n\r\n");
      if (headerEnd != std::string::npos && need == std::string::npos) {
        std::size_t length = 0;
        std::string lower = data.substr(0, headerEnd);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto cl = lower.find("content-length:");
        if (cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
        need = headerEnd + 4 + length;
      }
      if (need != std::string::npos && data.size() >= need) break;
    }
    return data;
  }

  Handler m_handler;
  int m_listen = -1;
  int m_port = 0;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_count{0};
  mutable std::mutex m_mutex;
  std::vector<std::string> m_requests;
};

}  // namespace catdpo::test
