#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Independent reference for long pieces (the merge loop's heap path): the original GPT-2
# algorithm -- repeatedly merge every occurrence of the lowest-ranked bigram -- written
# directly over GPT-2's merges, on single pre-tokenized pieces longer than 48 bytes.
# Usage: /usr/bin/python3 tests/reference/bpe_reference.py ../shared/fixtures/tokenizers/gpt2/tokenizer.json
import json
import os
import sys


def bytes_to_unicode():
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    table, n = {}, 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + n)
            n += 1
    return table


def bpe(word, ranks):
    parts = list(word)
    while len(parts) > 1:
        pairs = [(ranks.get((parts[i], parts[i + 1]), None), i) for i in range(len(parts) - 1)]
        pairs = [p for p in pairs if p[0] is not None]
        if not pairs:
            break
        rank = min(pairs)[0]
        first, second = [(parts[i], parts[i + 1]) for r, i in pairs if r == rank][0]
        merged, i = [], 0
        while i < len(parts):
            if i + 1 < len(parts) and parts[i] == first and parts[i + 1] == second:
                merged.append(first + second)
                i += 2
            else:
                merged.append(parts[i])
                i += 1
        parts = merged
    return parts


PIECES = [
    "supercalifragilisticexpialidociousantidisestablishmentarianismfloccinaucinihilipilification",
    " " + "ab" * 40,
    "a" * 77,
    " " * 60,
    "!" * 55 + "?",
    " Pneumonoultramicroscopicsilicovolcanoconiosishippopotomonstrosesquippedaliophobia",
]


def main():
    tok = json.load(open(sys.argv[1], encoding="utf-8"))
    vocab = tok["model"]["vocab"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in tok["model"]["merges"]]
    ranks = {pair: r for r, pair in reversed(list(enumerate(merges)))}
    table = bytes_to_unicode()
    out = []
    for piece in PIECES:
        word = "".join(table[b] for b in piece.encode("utf-8"))
        out.append({"piece": piece, "ids": [vocab[t] for t in bpe(word, ranks)]})
    target = os.path.join(os.path.dirname(__file__), "..", "text", "data", "gpt2_long_pieces.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"generator": "tests/reference/bpe_reference.py", "pieces": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
