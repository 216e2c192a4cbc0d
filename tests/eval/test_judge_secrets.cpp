// SPDX-License-Identifier: MIT
// Secrets never stored: a judge server that echoes the API key, the URL's user:password and its
// query token back (in errors, in malformed replies, in the answer itself); after judging, the
// run database file and a JSON export of the run are scanned for all three and hold none. A
// reply larger than the limit is cut off, not buffered.
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>
#include <fstream>

#include "common/json_input.h"
#include "eval/llm_judge.h"
#include "eval/redact.h"
#include "http_test_server.h"
#include "store/run_export.h"
#include "store/run_store.h"

using namespace catdpo;
using catdpo::test::HttpReply;
using catdpo::test::TestServer;

namespace {

const std::string kKey = "sk-live-ABCDEFGHIJKLMNOP1234";
const std::string kPassword = "hunter2-Pa55word";
const std::string kQueryToken = "QUERYTOKEN-0815-4711";

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

class TestJudgeSecrets : public QObject {
  Q_OBJECT
 private slots:
  void urlsLoseCredentials() {
    QCOMPARE(redactUrl("https://user:pw@host:8000/v1?api_key=abc&x=1#frag"),
             std::string("https://***@host:8000/v1?api_key=***&x=***#***"));
    QCOMPARE(redactUrl("http://127.0.0.1:8000/v1"), std::string("http://127.0.0.1:8000/v1"));
    QCOMPARE(redactUrl("http://host/path@x"), std::string("http://host/path@x"));
    QCOMPARE(redactJudgeSpec("llm:http://u:p@h/v1?key=k#model-1"),
             std::string("llm:http://***@h/v1?key=***#model-1"));
    QCOMPARE(redactJudgeSpec("cost:/models/c"), std::string("cost:/models/c"));
  }

  void textLosesCredentials() {
    const std::string out = redactSecrets(
        "Authorization: Bearer abc.def-123 seen; {\"api_key\": \"k-999\", \"model\": \"m\"} "
        "token=t0k3n at https://u:p@h/x?key=s " +
            kKey + " and sk-proj-0123456789abcdef",
        "abc.def-123");
    for (const char* secret :
         {"abc.def-123", "k-999", "t0k3n", "u:p@", "key=s ", "0123456789abcdef"})
      QVERIFY2(out.find(secret) == std::string::npos, qPrintable(QString::fromStdString(out)));
    QVERIFY(out.find(kKey) == std::string::npos);
    QVERIFY(out.find("\"model\": \"m\"") != std::string::npos);  // harmless text stays
  }

  void excerptsAreShortAndPrintable() {
    const std::string e =
        safeExcerpt(std::string("a\x01\x1b[31mb\xff") + std::string(500, 'x'), "", 40);
    QVERIFY(e.size() <= 43);
    QVERIFY(e.find('\x1b') == std::string::npos);
    QVERIFY(e.find('\x01') == std::string::npos);
    QVERIFY(e.find("\xEF\xBF\xBD") != std::string::npos);  // the bad byte, replaced
    QVERIFY(e.size() >= 3 && e.compare(e.size() - 3, 3, "...") == 0);
  }

  void noSecretReachesTheDatabaseOrAnExport() {
    ::setenv("CATDPO_TEST_SECRET_KEY", kKey.c_str(), 1);
    // Every reply echoes the whole request (headers with the key, the URL with its token).
    TestServer server([](int index, const std::string& request) {
      const std::string echo = "you sent: " + request;
      switch (index) {
        case 0:
          return HttpReply{500, echo, 0};
        case 1:
          return HttpReply{401, echo, 0};
        case 2:
          return HttpReply{200, TestServer::chatReply("SAFE\n" + echo), 0};
        default:
          return HttpReply{200, "not json: " + echo, 0};
      }
    });
    std::string url = server.url();
    url.insert(url.find("//") + 2, "alice:" + kPassword + "@");
    LlmJudgeOptions o;
    o.url = url + "/v1?api_key=" + kQueryToken;
    o.model = "judge";
    o.apiKeyEnv = "CATDPO_TEST_SECRET_KEY";
    o.maxAttempts = 1;
    o.concurrency = 1;
    o.timeoutSeconds = 5;
    const auto judge = makeLlmJudge(o);
    EvalResult result;
    result.step = 1;
    result.judge = judge->name();
    for (int i = 0; i < 4; ++i) {
      const JudgeVerdict v = judge->judgeOne({0, "Violence", "prompt", "response"});
      EvalSample s{0,         "prompt", "response",    v.unsafe,
                   v.refusal, v.ok,     judge->name(), v.ok ? v.raw : "error: " + v.error};
      result.samples.push_back(s);
    }
    QCOMPARE(server.count(), 4);
    QVERIFY(server.requests()[0].find(kKey) != std::string::npos);  // the key did go out
    QVERIFY(result.samples[0].rawJudgement.find("HTTP 500") != std::string::npos);
    QVERIFY(result.samples[2].judged);

    QTemporaryDir dir;
    const std::string db = dir.filePath("runs.sqlite").toStdString();
    const std::string exported = dir.filePath("run.json").toStdString();
    {
      RunStore store(db);
      NewRun spec;
      spec.method = "catdpo";
      // As the experiment stores a run's config: the judge spec without credentials.
      spec.configJson =
          nlohmann::json{{"eval", {{"judge", redactJudgeSpec("llm:" + o.url + "#judge")}}}}.dump();
      const std::string id = store.createRun(spec).id;
      store.recordEvaluation(id, result);
      exportRunJsonFile(store, id, exported);
    }
    for (const std::string& file : {db, exported}) {
      const std::string bytes = readAll(file) + readAll(file + "-wal");
      QVERIFY(!bytes.empty());
      for (const std::string& secret : {kKey, kPassword, kQueryToken})
        QVERIFY2(bytes.find(secret) == std::string::npos,
                 qPrintable(QString::fromStdString(file + " holds " + secret)));
    }
  }

  void oversizedRepliesAreCutOff() {
    JsonLimits limits = jsonLimits();
    limits.maxReplyBytes = 64 * 1024;
    setJsonLimits(limits);
    TestServer server([](int, const std::string&) {
      return HttpReply{200, std::string(4u << 20, 'x'), 0};
    });
    LlmJudgeOptions o;
    o.url = server.url();
    o.model = "judge";
    o.maxAttempts = 3;
    o.backoffSeconds = 0.01;
    o.concurrency = 1;
    const JudgeVerdict v = makeLlmJudge(o)->judgeOne({0, "Violence", "p", "r"});
    QVERIFY(!v.ok);
    QVERIFY2(v.error.find("larger than the limit of 64 KiB (CATDPO_JSON_MAX_REPLY_BYTES)") !=
                 std::string::npos,
             v.error.c_str());
    QCOMPARE(server.count(), 1);  // not retried: the same request gets the same reply
    limits.maxReplyBytes = 8u << 20;
    setJsonLimits(limits);
  }
};

QTEST_GUILESS_MAIN(TestJudgeSecrets)
#include "test_judge_secrets.moc"
