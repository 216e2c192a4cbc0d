// SPDX-License-Identifier: MIT
// The hostile corpus (files/, written by make_corpus.py, plus large files generated here: deep
// nesting, a .gz of a gigabyte-long line) run through the built `catdpo`, one process at a
// time under an address-space limit and a timeout. Every input must end with a clear error or
// warning (the expected words), an exit code below 128, within 60 s and 1 GiB of memory; a
// refused command must leave the workspace database and the run folders byte for byte as
// they were (and the database's integrity check "ok").
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "support/fixtures.h"

namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutSeconds = 60;
constexpr long kMaxRssKb = 1024L * 1024;  // 1 GiB, also the address-space limit

struct Outcome {
  int code = -1;  // exit code; 128 + signal when killed
  bool timedOut = false;
  long maxRssKb = 0;
  double seconds = 0;
  std::string out, err;
};

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void writeFile(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Runs catdpo with `args` in a child that has an address-space limit; collects its output, its
// peak memory (ru_maxrss) and kills it at the timeout.
Outcome runCatdpo(const std::vector<std::string>& args, const fs::path& scratch,
                  std::uint64_t addressSpace) {
  const std::string exe = catdpo::test::executable(QStringLiteral("catdpo")).toStdString();
  const fs::path outFile = scratch / "stdout.txt", errFile = scratch / "stderr.txt";
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    rlimit as{addressSpace, addressSpace};
    ::setrlimit(RLIMIT_AS, &as);
    if (!std::freopen(outFile.c_str(), "w", stdout) || !std::freopen(errFile.c_str(), "w", stderr))
      ::_exit(126);
    std::vector<char*> argv{const_cast<char*>(exe.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  Outcome o;
  int status = 0;
  rusage usage{};
  while (true) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(kTimeoutSeconds)) {
      o.timedOut = true;
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    ::usleep(20000);
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.maxRssKb = usage.ru_maxrss;
  o.out = readFile(outFile);
  o.err = readFile(errFile);
  return o;
}

// Every file under `root` (relative path -> bytes): a run folder's complete state.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[e.path().lexically_relative(root).string()] = readFile(e.path());
  return files;
}

std::string integrity(const fs::path& db) {
  sqlite3* h = nullptr;
  std::string result = "cannot open";
  // immutable: a plain read-only connection to a WAL database would itself leave -wal/-shm
  // files behind (the refused commands are checked for exactly those).
  const std::string uri = "file:" + db.string() + "?mode=ro&immutable=1";
  if (sqlite3_open_v2(uri.c_str(), &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return result;
}

void gzipFile(const fs::path& p, const std::string& head, char fill, std::uint64_t fillBytes,
              const std::string& tail) {
  fs::create_directories(p.parent_path());
  gzFile f = gzopen(p.c_str(), "wb9");
  gzwrite(f, head.data(), static_cast<unsigned>(head.size()));
  const std::string block(1u << 20, fill);
  for (std::uint64_t done = 0; done < fillBytes; done += block.size())
    gzwrite(f, block.data(), static_cast<unsigned>(block.size()));
  gzwrite(f, tail.data(), static_cast<unsigned>(tail.size()));
  gzclose(f);
}

struct Case {
  QString name;
  std::vector<std::string> args;  // after "--db <db>"
  int expectedCode;               // 1: refused; 0: accepted (with the expected warning/note)
  std::string expected;           // words the output (stdout + stderr) must contain
  // Extra address space over the per-command limit (mapped files and allocator arenas are
  // address space, not memory); peak resident memory is held to the 1 GiB bound all the same.
  std::uint64_t extraAddressSpace = 0;
};

}  // namespace

class TestHostileCorpus : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  fs::path m_files, m_gen, m_db, m_home;
  std::uint64_t m_addressSpace = 0;

  fs::path root() const { return fs::path(m_dir.path().toStdString()); }

  std::vector<Case> refusals() const {
    const auto f = [&](const char* rel) { return (m_files / rel).string(); };
    const auto g = [&](const char* rel) { return (m_gen / rel).string(); };
    return {
        {"cut gzip", {"inspect-data", f("data/cut.jsonl.gz")}, 1, "cut short"},
        {"lone 0xEF", {"inspect-data", f("data/lone_ef.jsonl")}, 1, "lone_ef.jsonl:1"},
        {"1e400",
         {"inspect-data", f("data/number_overflow.jsonl")},
         1,
         "number_overflow.jsonl:3: number 1e400 is outside the range of a double"},
        {"float id",
         {"inspect-data", "--format", "pku-30k", f("data/float_id.jsonl")},
         1,
         "better_response_id"},
        {"deep row with a bad byte",
         {"inspect-data", g("deep_bad_byte.jsonl")},
         1,
         "non-UTF-8 byte"},
        {"deep array element",
         {"inspect-data", g("deep_element.json")},
         1,
         "CATDPO_JSON_MAX_DEPTH"},
        {"gigabyte line in 1 MB gz",
         {"inspect-data", g("long_line.jsonl.gz")},
         1,
         "CATDPO_JSON_MAX_ROW_BYTES"},
        {"added id 2^31-1",
         {"tokenize", "--tokenizer", f("tokenizer/id_2p31m1"), "--text", "ab"},
         1,
         "added_tokens[0].id"},
        {"added id 2^32-1",
         {"tokenize", "--tokenizer", f("tokenizer/id_2p32m1"), "--text", "ab"},
         1,
         "added_tokens[0].id"},
        {"added id 3e9",
         {"tokenize", "--tokenizer", f("tokenizer/id_3e9"), "--text", "ab"},
         1,
         "added_tokens[0].id"},
        {"added id 2^32+1",
         {"tokenize", "--tokenizer", f("tokenizer/id_2p32p1"), "--text", "ab"},
         1,
         "added_tokens[0].id"},
        {"added id float",
         {"tokenize", "--tokenizer", f("tokenizer/id_float"), "--text", "ab"},
         1,
         "non-integer"},
        {"added id -1",
         {"tokenize", "--tokenizer", f("tokenizer/id_negative"), "--text", "ab"},
         1,
         "added_tokens[0].id"},
        {"decoder key -1",
         {"tokenize", "--tokenizer", f("tokenizer/decoder_minus1"), "--text", "ab"},
         1,
         "added_tokens_decoder.-1"},
        {"vocabulary id 3e7",
         {"tokenize", "--tokenizer", f("tokenizer/vocab_3e7"), "--text", "ab"},
         1,
         "model.vocab[\"zz\"]"},
        {"added_tokens.json 2^32-1",
         {"tokenize", "--tokenizer", f("tokenizer/slow_added"), "--text", "ab"},
         1,
         "added_tokens.json"},
        {"deep Sequence normalizer",
         {"tokenize", "--tokenizer", g("deep_normalizer"), "--text", "ab"},
         1,
         "CATDPO_JSON_MAX_DEPTH"},
        {"deep Sequence post-processor",
         {"tokenize", "--tokenizer", g("deep_post_processor"), "--text", "ab"},
         1,
         "CATDPO_JSON_MAX_DEPTH"},
        {"config bigger than weights",
         {"logits", "--model", f("model/config_bigger_than_weights"), "--ids", "1"},
         1,
         "does not match the config's"},
        {"I32 weights",
         {"logits", "--model", f("model/int32_weights"), "--ids", "1"},
         1,
         "dtype I32"},
        {"float sizes",
         {"logits", "--model", f("model/float_sizes"), "--ids", "1"},
         1,
         "vocab_size"},
        {"safetensors size overflow",
         {"logits", "--model", f("model/safetensors_overflow"), "--ids", "1"},
         1,
         "overflows 64 bits"},
        {"deep unused config field",
         {"logits", "--model", g("deep_config"), "--ids", "1"},
         1,
         "CATDPO_JSON_MAX_DEPTH"},
        // A header at the format's bound (about 100 MB, 1.45 million tensor entries): read
        // entry by entry, it stays under the 1 GiB resident bound (a whole-tree parse took
        // 1.45 GiB; entry by entry 651 MiB, of which 110 MiB is the mapped file) and ends in a
        // clear error (the tensors are not the config's).
        {"100 MB safetensors header",
         {"logits", "--model", g("huge_header"), "--ids", "1,2"},
         1,
         "missing tensor 'model.embed_tokens.weight'",
         std::uint64_t{1} << 30},
        {"deep config for memory",
         {"memory", "--model", g("deep_config")},
         1,
         "CATDPO_JSON_MAX_DEPTH"},
        {"run id ../../", {"import", f("import/traversal_id.json")}, 1, "invalid run id"},
        {"run id with NUL", {"import", f("import/nul_id.json")}, 1, "invalid run id"},
        {"run id with bidi", {"import", f("import/bidi_id.json")}, 1, "invalid run id"},
        {"array half bad", {"import", f("import/array_partial.json")}, 1, "nothing was imported"},
        {"float format version", {"import", f("import/float_version.json")}, 1, "format_version"},
        {"deep tags", {"import", g("deep_tags.json")}, 1, "CATDPO_JSON_MAX_DEPTH"},
    };
  }

  Outcome run(const std::vector<std::string>& args, std::uint64_t extraAddressSpace = 0) {
    std::vector<std::string> all{"--db", m_db.string(), "--no-blas-check"};
    all.insert(all.end(), args.begin(), args.end());
    return runCatdpo(all, root(), m_addressSpace + extraAddressSpace);
  }

  void checkBounds(const Outcome& o, const QString& name) {
    QVERIFY2(!o.timedOut, qPrintable(name + ": still running after 60 s"));
    QVERIFY2(
        o.code >= 0 && o.code < 128,
        qPrintable(name + QString(": exit code %1\n").arg(o.code) + QString::fromStdString(o.err)));
    QVERIFY2(o.maxRssKb <= kMaxRssKb,
             qPrintable(name + QString(": peak memory %1 MiB").arg(o.maxRssKb / 1024)));
  }

 private Q_SLOTS:
  void initTestCase() {
    m_files = fs::path(catdpo::test::sourceDir().toStdString()) / "tests" / "hostile" / "files";
    QVERIFY(fs::exists(m_files / "import" / "good.json"));
    m_gen = root() / "generated";
    m_home = root() / "home";
    m_db = m_home / "workspace.sqlite";
    qputenv("CATDPO_HOME", QByteArray::fromStdString(m_home.string()));
    qputenv("OMP_WAIT_POLICY", "PASSIVE");  // no self-restart: one process to measure
    // Every command runs with at most 1 GiB of address space (which covers LibTorch's mapped
    // libraries too); peak resident memory is checked as well. A LibTorch with CUDA compiled in
    // maps 2-3 GiB of libraries before main() (no memory used): there the limit is what
    // `catdpo --version` needs, in whole GiB, plus 1 GiB, and the resident bound stays 1 GiB.
    m_addressSpace = std::uint64_t{1} << 30;
    Outcome idle = runCatdpo({"--version"}, root(), m_addressSpace);
    for (std::uint64_t gib = 2; idle.code != 0 && gib <= 8; ++gib) {
      idle = runCatdpo({"--version"}, root(), gib << 30);
      if (idle.code == 0) m_addressSpace = (gib + 1) << 30;
    }
    QVERIFY2(idle.code == 0, idle.err.c_str());
    qInfo("address-space limit per command: %llu GiB",
          static_cast<unsigned long long>(m_addressSpace >> 30));
    // Deep nesting, one per reader.
    const std::string deep(100000, '['), shallow(100000, ']');
    writeFile(m_gen / "deep_bad_byte.jsonl",
              "{\"prompt\": \"\xFF\", \"x\": " + deep + shallow + "}\n");
    writeFile(
        m_gen / "deep_element.json",
        "[{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"b\"}, " + deep + shallow + "]\n");
    std::string normalizer = R"({"type": "NFC"})";
    std::string post = R"({"type": "ByteLevel"})";
    std::string nOpen, nClose, pOpen, pClose;
    for (int i = 0; i < 50000; ++i) {
      nOpen += R"({"type": "Sequence", "normalizers": [)";
      nClose += "]}";
      pOpen += R"({"type": "Sequence", "processors": [)";
      pClose += "]}";
    }
    const std::string model = std::string("\"model\": ") +
                              R"({"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2},
      "merges": ["a b"]}, "pre_tokenizer": {"type": "ByteLevel"})";
    writeFile(m_gen / "deep_normalizer" / "tokenizer.json",
              "{\"normalizer\": " + nOpen + normalizer + nClose + ", " + model + "}");
    writeFile(m_gen / "deep_post_processor" / "tokenizer.json",
              "{\"post_processor\": " + pOpen + post + pClose + ", " + model + "}");
    std::string config = readFile(m_files / "model" / "int32_weights" / "config.json");
    config.pop_back();
    writeFile(m_gen / "deep_config" / "config.json",
              config + ", \"unused\": " + deep + shallow + "}");
    fs::copy_file(m_files / "model" / "float_sizes" / "model.safetensors",
                  m_gen / "deep_config" / "model.safetensors");
    {
      // 1.45 million entries of 72 bytes: a header just under the 100 MiB bound.
      constexpr int kEntries = 1450000;
      std::string header = "{";
      header.reserve(std::size_t{kEntries} * 72 + 8);
      char entry[128];
      for (int i = 0; i < kEntries; ++i) {
        std::snprintf(entry, sizeof entry,
                      "%s\"t%07d\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}",
                      i ? "," : "", i, 4 * i, 4 * i + 4);
        header += entry;
      }
      header += "}";
      while (header.size() % 8) header += ' ';
      QVERIFY(header.size() <= std::size_t{100} << 20);
      std::string file(8, '\0');
      const std::uint64_t length = header.size();
      std::memcpy(file.data(), &length, 8);
      file += header;
      file.append(std::size_t{4} * kEntries, '\0');
      writeFile(m_gen / "huge_header" / "model.safetensors", file);
      writeFile(m_gen / "huge_header" / "config.json",
                R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 8,
                    "intermediate_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
                    "num_key_value_heads": 2, "vocab_size": 32, "max_position_embeddings": 64,
                    "rms_norm_eps": 1e-6, "rope_theta": 10000.0})");
    }
    std::string exported = readFile(m_files / "import" / "good.json");
    exported.pop_back();
    writeFile(m_gen / "deep_tags.json", exported + ", \"tags\": " + deep + shallow + "}");
    // 1 GiB of one line in about 1 MB of gzip.
    gzipFile(m_gen / "long_line.jsonl.gz", "{\"prompt\": \"", 'a', std::uint64_t{1} << 30, "\"}\n");
    QVERIFY(fs::file_size(m_gen / "long_line.jsonl.gz") < (3u << 20));

    // The workspace the refused commands must leave alone: one imported run.
    const Outcome made = run({"import", (m_files / "import" / "good.json").string()});
    QVERIFY2(made.code == 0, made.err.c_str());
    fs::create_directories(m_home / "runs" / "a1b2c3d4-0000-4000-8000-00000000000a");
    writeFile(m_home / "runs" / "a1b2c3d4-0000-4000-8000-00000000000a" / "notes.txt", "kept");
  }

  void everyRefusalIsCleanAndChangesNothing() {
    const std::string dbBefore = readFile(m_db);
    const auto runsBefore = snapshot(m_home / "runs");
    QVERIFY(!dbBefore.empty());
    for (const Case& c : refusals()) {
      const Outcome o = run(c.args, c.extraAddressSpace);
      checkBounds(o, c.name);
      QVERIFY2(o.code == c.expectedCode, qPrintable(c.name + QString(": exit %1\n").arg(o.code) +
                                                    QString::fromStdString(o.err)));
      const std::string all = o.out + o.err;
      QVERIFY2(all.find(c.expected) != std::string::npos,
               qPrintable(c.name + ": expected '" + QString::fromStdString(c.expected) + "' in:\n" +
                          QString::fromStdString(all)));
      QVERIFY2(all.find("json.exception") == std::string::npos, qPrintable(c.name));
      QVERIFY2(readFile(m_db) == dbBefore, qPrintable(c.name + ": the database changed"));
      QVERIFY2(!fs::exists(m_db.string() + "-wal"), qPrintable(c.name));
      QCOMPARE(integrity(m_db), std::string("ok"));
      QVERIFY2(snapshot(m_home / "runs") == runsBefore,
               qPrintable(c.name + ": a run folder changed"));
      qInfo("%-32s exit %d  %5.2f s  %6ld MiB  %s", qPrintable(c.name), o.code, o.seconds,
            o.maxRssKb / 1024, c.expected.c_str());
    }
  }

  void warningsKeepWhatCouldBeRead() {
    const Outcome cut =
        run({"inspect-data", "--skip-invalid", (m_files / "data" / "cut.jsonl.gz").string()});
    checkBounds(cut, "cut gzip, --skip-invalid");
    QCOMPARE(cut.code, 0);
    QVERIFY2(cut.err.find("warning:") != std::string::npos &&
                 cut.err.find("cut short") != std::string::npos &&
                 cut.err.find("row(s) read up to that point, the valid ones were kept") !=
                     std::string::npos,
             cut.err.c_str());
    const Outcome big = run(
        {"inspect-data", "--skip-invalid", (m_files / "data" / "number_overflow.jsonl").string()});
    checkBounds(big, "1e400, --skip-invalid");
    QCOMPARE(big.code, 0);
    QVERIFY2(big.out.find("number_overflow.jsonl:3") != std::string::npos, big.out.c_str());
  }

  void importedRunsAreDataNotInstructions() {
    const Outcome o =
        run({"import", (m_files / "import" / "running_untrusted_judge.json").string()});
    checkBounds(o, "running import");
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.find("status running became interrupted") != std::string::npos, o.out.c_str());
    QVERIFY2(o.out.find("kept as untrusted") != std::string::npos, o.out.c_str());
    const Outcome show = run({"show", "d4e5f6a7"});
    QCOMPARE(show.code, 0);
    QVERIFY(show.out.find("interrupted") != std::string::npos);
    QVERIFY2(show.out.find("llm:http://attacker.invalid/v1#m") != std::string::npos &&
                 show.out.find("from import, not trusted") != std::string::npos,
             show.out.c_str());
    const std::string before = readFile(m_db);
    const Outcome eval = run({"eval", "--run", "d4e5f6a7"});
    checkBounds(eval, "eval of an imported run");
    QCOMPARE(eval.code, 1);
    QVERIFY2(eval.err.find("is not trusted and not used") != std::string::npos, eval.err.c_str());
    QVERIFY(readFile(m_db) == before);
  }

  void readOnlyDatabasesCanBeViewed() {
    const fs::path folder = root() / "read-only";
    fs::create_directories(folder);
    const fs::path db = folder / "workspace.sqlite";
    fs::copy_file(m_db, db);
    ::chmod(db.c_str(), 0444);
    ::chmod(folder.c_str(), 0555);
    const std::string before = readFile(db);
    const std::string id = "a1b2c3d4";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"runs"},
          {"show", id},
          {"compare", id},
          {"export", id, "--json", (root() / "exported.json").string()}}) {
      std::vector<std::string> all{"--db", db.string(), "--no-blas-check"};
      all.insert(all.end(), args.begin(), args.end());
      const Outcome o = runCatdpo(all, root(), m_addressSpace);
      checkBounds(o, QString::fromStdString(args[0]));
      QVERIFY2(o.code == 0, o.err.c_str());
      QVERIFY(readFile(db) == before);
      QVERIFY(!fs::exists(db.string() + "-wal"));
      QVERIFY(!fs::exists(db.string() + "-shm"));
    }
    // Also with --read-only on a writable database: the database is unchanged. (A writer may
    // start at any moment, so the view takes SQLite's locks and may leave an empty -wal.)
    ::chmod(folder.c_str(), 0755);
    ::chmod(db.c_str(), 0644);
    const Outcome o =
        runCatdpo({"--db", db.string(), "runs", "--read-only"}, root(), m_addressSpace);
    QCOMPARE(o.code, 0);
    std::error_code ec;
    QVERIFY(!fs::exists(db.string() + "-wal") || fs::file_size(db.string() + "-wal", ec) == 0);
    QVERIFY(readFile(db) == before);
    QVERIFY(readFile(root() / "exported.json").find("writer_host") == std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestHostileCorpus)
#include "test_hostile_corpus.moc"
