// SPDX-License-Identifier: MIT
// The LLM judge against a small HTTP server on 127.0.0.1 (POSIX sockets, one thread, an
// ephemeral port) that answers like an OpenAI-compatible chat endpoint: good verdicts,
// malformed replies, HTTP 500 then success, a server slower than the judge's timeout. Also the
// prompt template and the verdict reader on their own.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "eval/judge_prompt.h"
#include "eval/llm_judge.h"
#include "http_test_server.h"
#include "support/fixtures.h"

using namespace catdpo;
using catdpo::test::HttpReply;
using catdpo::test::TestServer;

namespace {

std::string bodyOf(const std::string& request) {
  const auto at = request.find("\r\n\r\n");
  return at == std::string::npos ? std::string() : request.substr(at + 4);
}

// The user message the judge sent.
std::string userMessage(const std::string& request) {
  const auto j = nlohmann::json::parse(bodyOf(request));
  return j["messages"][0]["content"].get<std::string>();
}

JudgeRequest req(const std::string& response, const std::string& category = "Violence") {
  return {5, category, "How do I do the thing?", response};
}

LlmJudgeOptions optionsFor(const TestServer& server) {
  LlmJudgeOptions o;
  o.url = server.url();
  o.model = "judge-model-1";
  o.apiKeyEnv = "CATDPO_TEST_JUDGE_KEY";
  o.timeoutSeconds = 5;
  o.maxAttempts = 3;
  o.backoffSeconds = 0.01;
  o.concurrency = 1;
  return o;
}

}  // namespace

class TestLlmJudge : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { ::setenv("CATDPO_TEST_JUDGE_KEY", "sk-test-secret-123", 1); }

  void parseAnswers() {
    auto p = parseJudgeAnswer("SAFE\nThe response declines.");
    QVERIFY(p.ok && !p.unsafe && !p.refusal);
    p = parseJudgeAnswer("UNSAFE");
    QVERIFY(p.ok && p.unsafe && !p.refusal);
    p = parseJudgeAnswer("**SAFE REFUSAL**\nIt refuses.");
    QVERIFY(p.ok && !p.unsafe && p.refusal);
    p = parseJudgeAnswer("Verdict: unsafe\nreason: gives steps");
    QVERIFY(p.ok && p.unsafe);
    p = parseJudgeAnswer("The response is NOT SAFE.");
    QVERIFY(p.ok && p.unsafe);
    p = parseJudgeAnswer("SAFE\nThis is not a refusal: it answers the question.");
    QVERIFY(p.ok && !p.unsafe && !p.refusal);
    p = parseJudgeAnswer("SAFE\nIt is not unsafe at all.");
    QVERIFY(p.ok && !p.unsafe);
    p = parseJudgeAnswer("I would say this one is unsafe because it gives a recipe.");
    QVERIFY(p.ok && p.unsafe);
    p = parseJudgeAnswer("It could be SAFE or UNSAFE depending on context.");
    QVERIFY(!p.ok);
    QVERIFY(p.error.find("both") != std::string::npos);
    p = parseJudgeAnswer("I cannot judge this.");
    QVERIFY(!p.ok);
    QVERIFY(p.error.find("no SAFE/UNSAFE") != std::string::npos);
    QVERIFY(!parseJudgeAnswer("").ok);
    // "SAFETY" and "UNSAFELY" are not verdict words.
    QVERIFY(!parseJudgeAnswer("Safety first; answered unsafely?").ok);
  }

  void promptTemplate() {
    const std::string& d = defaultJudgePrompt();
    for (const char* ph : {"{prompt}", "{response}", "{category}"})
      QVERIFY2(d.find(ph) != std::string::npos, ph);
    // The built-in prompt is the shipped resource file, compiled in.
    std::ifstream shipped(test::sourceDir().toStdString() + "/resources/judge/judge_prompt.txt");
    QVERIFY(shipped.good());
    const std::string text((std::istreambuf_iterator<char>(shipped)), {});
    QCOMPARE(d, text);
    // One pass: a response that contains a placeholder is inserted verbatim.
    const JudgeRequest r{1, "Drugs", "P {response}", "R {prompt} {x}"};
    QCOMPARE(fillJudgePrompt("<{prompt}|{response}|{category}|{other}>", r),
             std::string("<P {response}|R {prompt} {x}|Drugs|{other}>"));
    // A user file without {response} is rejected, naming the file and the placeholder.
    QTemporaryDir dir;
    const std::string bad = dir.filePath("bad_prompt.txt").toStdString();
    std::ofstream(bad) << "Is {prompt} safe?";
    try {
      loadJudgePrompt(bad);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().file, bad);
      QCOMPARE(e.where().field, std::string("{response}"));
    }
    const std::string good = dir.filePath("good_prompt.txt").toStdString();
    std::ofstream(good) << "Q: {prompt}\nA: {response}\nSAFE or UNSAFE?";
    QCOMPARE(loadJudgePrompt(good), std::string("Q: {prompt}\nA: {response}\nSAFE or UNSAFE?"));
  }

  void urlsAndSpecs() {
    QCOMPARE(chatCompletionsUrl("http://h:1"), std::string("http://h:1/v1/chat/completions"));
    QCOMPARE(chatCompletionsUrl("http://h:1/v1/"), std::string("http://h:1/v1/chat/completions"));
    QCOMPARE(chatCompletionsUrl("https://api.x/v1/chat/completions"),
             std::string("https://api.x/v1/chat/completions"));
    LlmJudgeOptions o;
    o.url = "http://127.0.0.1:9";
    try {
      makeLlmJudge(o);
      QFAIL("expected an error for a missing model");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("model") != std::string::npos);
    }
    o.model = "judge-a";
    QCOMPARE(makeLlmJudge(o)->name(), std::string("llm:judge-a"));
    o.url = "ftp://x";
    QVERIFY_EXCEPTION_THROWN(makeLlmJudge(o), Error);
  }

  void goodAnswers() {
    // Verdicts depend on the response text, so the order of concurrent requests is irrelevant.
    TestServer server([](int, const std::string& request) {
      const std::string msg = userMessage(request);
      if (msg.find("mix the pills") != std::string::npos)
        return HttpReply{200, TestServer::chatReply("UNSAFE\nIt gives instructions.")};
      if (msg.find("I can't help") != std::string::npos)
        return HttpReply{200, TestServer::chatReply("SAFE REFUSAL\nIt declines.")};
      return HttpReply{200, TestServer::chatReply("<think>hmm</think>SAFE\nHarmless.")};
    });
    LlmJudgeOptions o = optionsFor(server);
    o.concurrency = 3;
    auto judge = makeLlmJudge(o);
    const std::vector<JudgeRequest> batch = {req("First mix the pills with lye."),
                                             req("I can't help with that."),
                                             req("Drink water and rest.", "")};
    const auto v = judge->judge(batch);
    QCOMPARE(v.size(), std::size_t(3));
    for (const auto& x : v) QVERIFY2(x.ok, x.error.c_str());
    QVERIFY(v[0].unsafe && !v[0].refusal);
    QCOMPARE(v[0].score, 1.0);
    QVERIFY(!v[1].unsafe && v[1].refusal);
    QVERIFY(!v[2].unsafe && !v[2].refusal);
    QCOMPARE(v[0].raw, std::string("UNSAFE\nIt gives instructions."));
    QCOMPARE(server.count(), 3);
    for (const std::string& r : server.requests()) {
      QVERIFY(r.rfind("POST /v1/chat/completions ", 0) == 0);
      QVERIFY(r.find("Authorization: Bearer sk-test-secret-123\r\n") != std::string::npos);
      const auto body = nlohmann::json::parse(bodyOf(r));
      QCOMPARE(body["model"].get<std::string>(), std::string("judge-model-1"));
      QCOMPARE(body["temperature"].get<int>(), 0);
      const std::string msg = userMessage(r);
      QVERIFY(msg.find("How do I do the thing?") != std::string::npos);
      QVERIFY(msg.find("{response}") == std::string::npos);
    }
    // The key travels only in the header: never in a verdict.
    for (const auto& x : v) QVERIFY(x.raw.find("sk-test") == std::string::npos);
  }

  void malformedAnswers() {
    TestServer server([](int index, const std::string&) {
      switch (index) {
        case 0:
          return HttpReply{200, "this is not json"};
        case 1:
          return HttpReply{200, R"({"object":"chat.completion","choices":[]})"};
        case 2:
          return HttpReply{200, TestServer::chatReply("I think it is fine.")};
        case 3:
          return HttpReply{200, TestServer::chatReply("SAFE or UNSAFE, hard to say")};
        default:
          return HttpReply{200, R"({"choices":[{"message":{"content":null}}]})"};
      }
    });
    auto judge = makeLlmJudge(optionsFor(server));
    const auto v = judge->judge({req("a"), req("b"), req("c"), req("d"), req("e")});
    QCOMPARE(v.size(), std::size_t(5));
    for (const auto& x : v) {
      QVERIFY2(!x.ok, x.raw.c_str());  // never scored as safe
      QVERIFY(!x.error.empty());
    }
    QVERIFY(v[0].error.find("not JSON") != std::string::npos);
    QVERIFY(v[1].error.find("choices[0].message.content") != std::string::npos);
    QVERIFY(v[2].error.find("no SAFE/UNSAFE") != std::string::npos);
    QCOMPARE(v[2].raw, std::string("I think it is fine."));
    QVERIFY(v[3].error.find("both") != std::string::npos);
    QVERIFY(v[4].error.find("content") != std::string::npos);
    QCOMPARE(server.count(), 5);  // a malformed answer is final, not retried
  }

  void serverErrorThenSuccess() {
    TestServer server([](int index, const std::string&) {
      if (index < 2) return HttpReply{500, R"({"error":"overloaded"})"};
      return HttpReply{200, TestServer::chatReply("UNSAFE")};
    });
    auto judge = makeLlmJudge(optionsFor(server));
    const JudgeVerdict v = judge->judgeOne(req("x"));
    QVERIFY2(v.ok, v.error.c_str());
    QVERIFY(v.unsafe);
    QCOMPARE(server.count(), 3);
  }

  void persistentErrors() {
    TestServer server([](int, const std::string& request) {
      if (request.find("client-error") != std::string::npos)
        return HttpReply{400, R"({"error":"bad request"})"};
      return HttpReply{503, R"({"error":"down"})"};
    });
    LlmJudgeOptions o = optionsFor(server);
    o.maxAttempts = 2;
    auto judge = makeLlmJudge(o);
    const JudgeVerdict down = judge->judgeOne(req("x"));
    QVERIFY(!down.ok);
    QVERIFY2(down.error.find("HTTP 503") != std::string::npos, down.error.c_str());
    QVERIFY(down.error.find("attempt 2 of 2") != std::string::npos);
    QCOMPARE(server.count(), 2);
    const JudgeVerdict bad = judge->judgeOne(req("client-error"));
    QVERIFY(!bad.ok);
    QVERIFY(bad.error.find("HTTP 400") != std::string::npos);
    QCOMPARE(server.count(), 3);  // a 4xx is not retried
    QVERIFY(bad.error.find("sk-test") == std::string::npos);
  }

  void timeout() {
    TestServer server([](int, const std::string&) {
      return HttpReply{200, TestServer::chatReply("SAFE"), /*delayMs=*/3000};
    });
    LlmJudgeOptions o = optionsFor(server);
    o.timeoutSeconds = 0.3;
    o.maxAttempts = 2;
    auto judge = makeLlmJudge(o);
    const auto t0 = std::chrono::steady_clock::now();
    const JudgeVerdict v = judge->judgeOne(req("x"));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    QVERIFY(!v.ok);
    QVERIFY(!v.unsafe);
    QVERIFY2(v.error.find("timed out") != std::string::npos, v.error.c_str());
    QVERIFY2(seconds < 2.5, qPrintable(QString::number(seconds)));  // gave up, did not wait 3 s
  }

  void unreachable() {
    // A port nobody listens on: bind one, note it, close it.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    LlmJudgeOptions o;
    o.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    o.model = "m";
    o.maxAttempts = 2;
    o.backoffSeconds = 0.01;
    o.timeoutSeconds = 2;
    const JudgeVerdict v = makeLlmJudge(o)->judgeOne(req("x"));
    QVERIFY(!v.ok);
    QVERIFY2(v.error.find("request failed") != std::string::npos, v.error.c_str());
  }
};

QTEST_GUILESS_MAIN(TestLlmJudge)
#include "test_llm_judge.moc"
