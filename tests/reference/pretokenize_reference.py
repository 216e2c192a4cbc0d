#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Independent reference for the hand-written pre-tokenizer matchers: runs the GPT-2, Qwen2
# and Llama-3 split regexes with Python's own `re` engine, with \p{L}, \p{N} and \s spelled
# out as character classes built from unicodedata. Writes tests/text/data/pretokenize_expected.json.
# Usage: /usr/bin/python3 tests/reference/pretokenize_reference.py
import json
import os
import re
import sys
import unicodedata


def char_class(predicate):
    ranges, start, prev = [], None, None
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if predicate(cp):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


L = char_class(lambda cp: unicodedata.category(chr(cp)).startswith("L"))
N = char_class(lambda cp: unicodedata.category(chr(cp)).startswith("N"))
S = char_class(lambda cp: cp in (9, 10, 11, 12, 13, 0x85)
               or unicodedata.category(chr(cp)) in ("Zs", "Zl", "Zp"))


def expand(pattern):
    return (pattern.replace(r"[^\s\p{L}\p{N}]", f"[^{S}{L}{N}]")
            .replace(r"[^\r\n\p{L}\p{N}]", f"[^\\r\\n{L}{N}]")
            .replace(r"\p{L}", f"[{L}]").replace(r"\p{N}", f"[{N}]")
            .replace(r"\S", f"[^{S}]").replace(r"\s", f"[{S}]"))


CONTRACTIONS = r"'s|'t|'re|'ve|'m|'ll|'d"
PATTERNS = {
    "gpt2": CONTRACTIONS + r"| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+",
    # (?i:...) scoped to the contractions, as in the original.
    "qwen2": f"(?i:{CONTRACTIONS})" + r"|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
    "llama3": f"(?i:{CONTRACTIONS})" + r"|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
}

TEXTS = [
    "Hello world",
    "It's 12:34 -- I'LL say WE'RE done, they'd've",
    "  leading and trailing   ",
    "tabs\tand\nnewlines\n\n  indented\r\n\r\nwindows",
    "a\n\n\nb",
    "x  \n  y",
    "numbers 1234567 and 3.14159 and ٣٤٥ and ½",
    "(paren) [bracket] {brace} \"quote\" 'single'",
    "emoji 🚀🌙 and ZWJ 👨\u200d👩\u200d👧",
    "日本語の テキスト 한국어 العربية",
    "café vs cafe\u0301",
    "non\u00a0breaking\u3000ideographic space",
    "!!!???...   ,,,",
    "'s's 'S 'T 'Re 've 'LL 'D 'x",
    "under_score snake_case CamelCase",
    "   \n",
    "end with newline\n",
    "a",
    " ",
    "\u2028line sep\u2029para sep",
    "mixed123abc456 --> <= >= !=",
]


def main():
    out = {}
    for name, pattern in PATTERNS.items():
        rx = re.compile(expand(pattern))
        out[name] = [{"text": t, "pieces": rx.findall(t)} for t in TEXTS]
        for entry in out[name]:
            assert "".join(entry["pieces"]) == entry["text"], entry
    target = os.path.join(os.path.dirname(__file__), "..", "text", "data", "pretokenize_expected.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"generator": "tests/reference/pretokenize_reference.py",
                   "unicode_version": unicodedata.unidata_version, "cases": out},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
