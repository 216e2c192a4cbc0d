// SPDX-License-Identifier: MIT
// SHA-256 against the FIPS 180-2 / NIST example vectors, plus incremental == one-shot.
#include <QtTest>
#include <string>

#include "common/sha256.h"

class TestSha256 : public QObject {
  Q_OBJECT
 private slots:
  void standardVectors() {
    QCOMPARE(catdpo::sha256Hex(""),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(catdpo::sha256Hex("abc"),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(catdpo::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(catdpo::sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                               "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
             std::string("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"));
    QCOMPARE(catdpo::sha256Hex(std::string(1000000, 'a')),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }

  void paddingBoundaries() {
    // Lengths 55, 56 and 64 straddle the one-block / two-block padding boundary; the
    // references come from /usr/bin/python3 hashlib.
    const std::pair<int, const char*> cases[] = {
        {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
        {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
        {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
        {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
        {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"}};
    for (const auto& [length, hex] : cases) {
      QCOMPARE(catdpo::sha256Hex(std::string(length, 'x')), std::string(hex));
    }
  }

  void incrementalMatchesOneShot() {
    std::string text;
    for (int i = 0; i < 3000; ++i) text += static_cast<char>('a' + (i * 7) % 26);
    const std::string expected = catdpo::sha256Hex(text);
    for (std::size_t chunk : {1u, 3u, 63u, 64u, 65u, 200u}) {
      catdpo::Sha256 h;
      for (std::size_t pos = 0; pos < text.size(); pos += chunk) {
        h.update(std::string_view(text).substr(pos, chunk));
      }
      QCOMPARE(h.hexDigest(), expected);
    }
    // The object resets after a digest and can be reused.
    catdpo::Sha256 h;
    h.update("garbage");
    (void)h.hexDigest();
    h.update("abc");
    QCOMPARE(h.hexDigest(),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"
