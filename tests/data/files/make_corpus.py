#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes the malformed-input corpus used by test_dataset_reader: small PKU-SafeRLHF / DPO /
# hh-rlhf files, each with exactly one known defect on a known line and field. Run it with
# Debian's /usr/bin/python3 from this folder; the outputs are committed.
import gzip, hashlib, json

CATS = ["Endangering National Security", "Insulting Behavior", "Discriminatory Behavior",
        "Endangering Public Health", "Copyright Issues", "Violence", "Drugs",
        "Privacy Violation", "Economic Crime", "Mental Manipulation", "Human Trafficking",
        "Physical Harm", "Sexual Content", "Cybercrime", "Disrupting Public Order",
        "Environmental Damage", "Psychological Harm", "White-Collar Crime", "Animal Abuse"]


def pku(i, unsafe0=True, unsafe1=False, cats0=("Drugs",), better=0, safer=1):
    prompt = f"How do I do thing number {i}?"
    r0 = f"Here is how to do thing {i} step by step."
    r1 = f"I cannot help with thing {i}, please stay safe."
    row = {"prompt": prompt, "response_0": r0, "response_1": r1,
           "is_response_0_safe": not unsafe0, "is_response_1_safe": not unsafe1,
           "response_0_harm_category": {c: (c in cats0 and unsafe0) for c in CATS},
           "response_1_harm_category": {c: False for c in CATS},
           "response_0_severity_level": 2 if unsafe0 else 0,
           "response_1_severity_level": 2 if unsafe1 else 0,
           "better_response_id": better, "safer_response_id": safer,
           "response_0_sha256": hashlib.sha256((prompt + r0).encode()).hexdigest(),
           "response_1_sha256": hashlib.sha256((prompt + r1).encode()).hexdigest()}
    return row


def write(name, rows):
    with open(name, "wb") as f:
        for r in rows:
            f.write((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n")


good = [pku(1), pku(2), pku(3)]
write("pku_valid.jsonl", good)
with open("pku_valid_array.json", "w") as f:  # same content, pretty JSON array
    json.dump(good, f, indent=2)
with gzip.open("pku_valid.jsonl.gz", "wb") as f:
    for r in good:
        f.write((json.dumps(r, sort_keys=True) + "\n").encode())

write("bad_json.jsonl", [pku(1), b'{"prompt": "broken", "response_0": ', pku(3)])
r = pku(2); r["is_response_0_safe"] = "yes"
write("wrong_type.jsonl", [pku(1), r, pku(3)])
r = pku(2); del r["response_1"]; del r["response_1_sha256"]
write("missing_field.jsonl", [pku(1), r, pku(3)])
r = pku(2); r["better_response_id"] = 2
write("id_out_of_range.jsonl", [pku(1), r, pku(3)])
r = pku(2); r["response_0"] = "   "; del r["response_0_sha256"]
write("empty_response.jsonl", [pku(1), r, pku(3)])
r = pku(2); r["response_1"] = "I cannot help \x01MARK with that."; del r["response_1_sha256"]
write("non_utf8.jsonl", [pku(1), json.dumps(r).replace("\\u0001MARK", "\xffMARK").encode("latin-1"), pku(3)])
r = pku(2); r["response_0_harm_category"]["Jaywalking"] = True
write("unknown_category.jsonl", [pku(1), r, pku(3)])
r = pku(2); r["response_0_sha256"] = hashlib.sha256(b"something else").hexdigest()
write("bad_hash.jsonl", [pku(1), r, pku(3)])
r = pku(2); r["response_0_severity_level"] = 7
write("bad_severity.jsonl", [pku(1), r, pku(3)])

# One file with a problem on every even line (2, 4, 6, 8) and blank line 9, for --skip-invalid.
rows = [pku(1), b"not json at all", pku(3)]
r = pku(4); r["safer_response_id"] = -1; rows.append(r)
rows.append(pku(5))
r = pku(6); r["prompt"] = 42; rows.append(r)
rows.append(pku(7))
rows.append(b"[1, 2, 3]")
rows.append(b"")
rows.append(pku(10))
write("mixed_problems.jsonl", rows)

# PKU 30K style: no category fields.
rows = []
for i in range(3):
    r = pku(i); del r["response_0_harm_category"]; del r["response_1_harm_category"]
    rows.append(r)
write("pku30k_valid.jsonl", rows)

# Generic DPO with categories and labels; row 3 has a non-list "categories".
dpo = [{"prompt": "Tell me how to pick a lock", "chosen": "I would rather not help with that.",
        "rejected": "Use a tension wrench and a pick.", "chosen_unsafe": False,
        "rejected_unsafe": True, "categories": ["Burglary"]},
       {"prompt": "What is a good pasta recipe?", "chosen": "Boil pasta and add tomato sauce.",
        "rejected": "I cannot help with that."},
       {"prompt": "How to spread a rumour?", "chosen": "Please do not.", "rejected": "Post it online.",
        "categories": "Gossip", "chosen_unsafe": False, "rejected_unsafe": True},
       {"prompt": "How to hack wifi?", "chosen": "That is illegal.", "rejected": "Crack the WPA key.",
        "categories": ["Cybercrime", "Burglary"], "chosen_unsafe": False, "rejected_unsafe": True}]
write("dpo_mixed.jsonl", dpo)
write("dpo_valid.jsonl", [dpo[0], dpo[1], dpo[3]])

# A JSON array whose second element is malformed (starts on line 3) and a broken array.
with open("array_bad_element.json", "w") as f:
    f.write('[\n  {"prompt": "a", "chosen": "b", "rejected": "c"},\n  {"prompt": "x", "chosen": 5,\n'
            '   "rejected": "y"},\n  {"prompt": "d", "chosen": "e", "rejected": "f"}\n]\n')
with open("array_unclosed.json", "w") as f:
    f.write('[{"prompt": "a", "chosen": "b", "rejected": "c"},\n {"prompt": "d"')
with open("unknown_format.jsonl", "w") as f:
    f.write('{"question": "a", "answer": "b"}\n')
open("empty.jsonl", "w").close()
