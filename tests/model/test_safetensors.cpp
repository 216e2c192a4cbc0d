// SPDX-License-Identifier: MIT
// The safetensors reader/writer: round trips per dtype, metadata, the fixture files made by
// others, and clean errors for truncated and header-lying files.
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/safetensors.h"
#include "model/safetensors_torch.h"
#include "support/fixtures.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {

// Builds a file by hand: header JSON text + raw data bytes.
void writeRaw(const fs::path& path, const std::string& header, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  const std::uint64_t n = header.size();
  out.write(reinterpret_cast<const char*>(&n), 8);
  out << header << data;
}

// Runs `f` and returns the message of the catdpo::Error it throws (empty when none).
template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTripAllDtypes();
  void readsFixtureFile();
  void truncatedFileIsRejected();
  void lyingHeaderIsRejected_data();
  void lyingHeaderIsRejected();
  void shardedCheckpointRoundTrip();
};

void TestSafetensors::roundTripAllDtypes() {
  QTemporaryDir dir;
  const fs::path path = fs::path(dir.path().toStdString()) / "t.safetensors";
  NamedTensors tensors = {
      {"f32", at::arange(6, at::kFloat).view({2, 3}) / 7.0},
      {"f16", (at::arange(4, at::kFloat) / 3.0).to(at::kHalf)},
      {"bf16", (at::arange(5, at::kFloat) * -1.25).to(at::kBFloat16)},
      {"i64", at::arange(3, at::kLong) * static_cast<std::int64_t>(1000000000000)},
      {"i32", at::arange(4, at::kInt) - 2},
      {"bool", at::tensor(std::vector<int>{1, 0, 1}).to(at::kBool)},
      {"empty", at::empty({0, 4}, at::kFloat)},
  };
  saveTensors(path, tensors, {{"format", "pt"}, {"note", "hello"}});
  const TensorStore store = TensorStore::open(path);
  QCOMPARE(store.names().size(), tensors.size());
  for (const auto& [name, t] : tensors) {
    const at::Tensor back = store.get(name);
    QCOMPARE(back.scalar_type(), t.scalar_type());
    QCOMPARE(back.sizes(), t.sizes());
    QVERIFY2(at::equal(back, t), name.c_str());
  }
  QCOMPARE(store.metadata().at("note"), std::string("hello"));
  // The header's data section starts 8-byte aligned, and the file is exactly what it claims.
  SafetensorsFile file(path);
  QCOMPARE(reinterpret_cast<std::uintptr_t>(file.data(*file.find("f32"))) % 8, std::uintptr_t(0));
  // Byte-level check of a known value: F32 1/7 in little-endian IEEE.
  float v;
  std::memcpy(&v, file.data(*file.find("f32")) + 4, 4);
  QCOMPARE(v, 1.0f / 7.0f);
}

void TestSafetensors::readsFixtureFile() {
  CATDPO_REQUIRE_FIXTURE(path, "models/tiny_llama.safetensors");
  SafetensorsFile file(path.toStdString());
  QCOMPARE(file.tensors().size(), std::size_t(22));
  const TensorInfo* q = file.find("model.layers.0.self_attn.k_proj.weight");
  QVERIFY(q);
  QCOMPARE(q->shape, (std::vector<std::int64_t>{4, 8}));
  QCOMPARE(q->dtype, TensorDtype::F32);
  // inv_freq of a head_dim-4 RoPE with theta 10000 is [1, 0.01].
  const at::Tensor inv =
      TensorStore::open(path.toStdString()).get("model.layers.0.self_attn.rotary_emb.inv_freq");
  QCOMPARE(inv[0].item<float>(), 1.0f);
  QCOMPARE(inv[1].item<float>(), 0.01f);
}

void TestSafetensors::truncatedFileIsRejected() {
  CATDPO_REQUIRE_FIXTURE(source, "models/tiny_qwen2.safetensors");
  QTemporaryDir dir;
  std::ifstream in(source.toStdString(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path cut = fs::path(dir.path().toStdString()) / "cut.safetensors";
  {
    std::ofstream(cut, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 20));
  }
  QString msg = errorOf([&] { SafetensorsFile f(cut); });
  QVERIFY2(msg.contains("truncated") && msg.contains("cut.safetensors") &&
               msg.contains("model.norm.weight"),
           qPrintable(msg));
  // Cut inside the header.
  { std::ofstream(cut, std::ios::binary).write(bytes.data(), 200); }
  msg = errorOf([&] { SafetensorsFile f(cut); });
  QVERIFY2(msg.contains("truncated") && msg.contains("cut.safetensors"), qPrintable(msg));
  { std::ofstream(cut, std::ios::binary).write(bytes.data(), 5); }
  msg = errorOf([&] { SafetensorsFile f(cut); });
  QVERIFY2(msg.contains("truncated"), qPrintable(msg));
}

void TestSafetensors::lyingHeaderIsRejected_data() {
  QTest::addColumn<QString>("header");
  QTest::addColumn<int>("dataBytes");
  QTest::addColumn<QString>("expected");
  QTest::newRow("shape lies") << R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})" << 8
                              << "'w': shape [3] x F32 needs 12 bytes but data_offsets span 8";
  QTest::newRow("overlap")
      << R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})"
      << 12 << "'b': data overlaps tensor 'a'";
  QTest::newRow("gap") << R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})" << 8
                       << "'a': gap of 4 unclaimed bytes";
  QTest::newRow("past end") << R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})" << 8
                            << "'a': truncated";
  QTest::newRow("trailing") << R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})" << 8
                            << "4 trailing bytes";
  QTest::newRow("dtype") << R"({"a":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}})" << 1
                         << "unsupported dtype 'F8'";
  QTest::newRow("reversed") << R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}})" << 4
                            << "end before they begin";
  QTest::newRow("not json") << R"({"a":)" << 0 << "not valid JSON";
  QTest::newRow("metadata") << R"({"__metadata__":{"x":1}})" << 0 << "__metadata__.x";
  // 2^61 F64 elements need 2^64 bytes: wrapped to 0 bytes that would match an empty span.
  QTest::newRow("bytes overflow")
      << R"({"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,0]}})" << 0
      << "x F64 overflows 64 bits";
  QTest::newRow("numel overflow")
      << R"({"a":{"dtype":"U8","shape":[4294967296,4294967296],"data_offsets":[0,0]}})" << 0
      << "shape overflows 64 bits";
  QTest::newRow("huge dimension")
      << R"({"a":{"dtype":"U8","shape":[18446744073709551615],"data_offsets":[0,0]}})" << 0
      << "out of range";
  QTest::newRow("deep header") << QString("{\"x\":") + QString(200, '[') + QString(200, ']') + "}"
                               << 0 << "CATDPO_JSON_MAX_DEPTH";
}

void TestSafetensors::lyingHeaderIsRejected() {
  QFETCH(QString, header);
  QFETCH(int, dataBytes);
  QFETCH(QString, expected);
  QTemporaryDir dir;
  const fs::path path = fs::path(dir.path().toStdString()) / "lying.safetensors";
  writeRaw(path, header.toStdString(), std::string(static_cast<std::size_t>(dataBytes), '\0'));
  const QString msg = errorOf([&] { SafetensorsFile f(path); });
  QVERIFY2(msg.contains(expected) && msg.contains("lying.safetensors"), qPrintable(msg));
}

void TestSafetensors::shardedCheckpointRoundTrip() {
  QTemporaryDir dir;
  const fs::path root(dir.path().toStdString());
  NamedTensors tensors;
  for (int i = 0; i < 5; ++i)
    tensors.emplace_back("layer." + std::to_string(i), at::full({10}, static_cast<float>(i)));
  saveCheckpointTensors(root, tensors, /*maxShardBytes=*/90);  // 40 bytes each -> 3 shards
  QVERIFY(fs::exists(root / "model-00001-of-00003.safetensors"));
  QVERIFY(fs::exists(root / "model-00003-of-00003.safetensors"));
  QVERIFY(!fs::exists(root / "model.safetensors"));
  std::ifstream in(root / "model.safetensors.index.json");
  const auto index = nlohmann::json::parse(in);
  QCOMPARE(index["metadata"]["total_size"].get<int>(), 200);
  QCOMPARE(index["weight_map"]["layer.4"].get<std::string>(),
           std::string("model-00003-of-00003.safetensors"));
  const TensorStore store = TensorStore::open(root);
  for (const auto& [name, t] : tensors) QVERIFY(at::equal(store.get(name), t));
  QCOMPARE(store.fileOf("layer.2").filename().string(),
           std::string("model-00002-of-00003.safetensors"));
}

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
