#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Every `--json` output of `catdpo` against its schema in docs/json.

Runs each command on the built-in demo in a temporary workspace (its own database, data
directory and cache; the user's are never touched), validates what it prints with JSON Schema
draft 2020-12, and checks that:
  - every subcommand whose --help offers --json has a schema and was validated here,
  - every schema file is itself a valid schema and every key it names is snake_case,
  - the validator rejects documents with a renamed key, a wrong type or a ratio above 1.

Usage: check_json_schemas.py CATDPO_BINARY SCHEMA_DIR
"""

import concurrent.futures
import copy
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

try:
    import jsonschema
except ImportError:
    print("SKIP: the Python module jsonschema is missing (Debian: python3-jsonschema)")
    sys.exit(77)

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")


class Checker:
    def __init__(self, binary, schema_dir, work):
        self.binary = str(binary)
        self.schema_dir = pathlib.Path(schema_dir).resolve()
        self.work = pathlib.Path(work)
        self.db = str(self.work / "workspace.sqlite")
        self.env = dict(os.environ)
        for name in ("CATDPO_DB", "CATDPO_HOME"):
            self.env.pop(name, None)
        self.env["CATDPO_HOME"] = str(self.work / "home")
        self.env["XDG_DATA_HOME"] = str(self.work / "data")
        self.env["XDG_CACHE_HOME"] = str(self.work / "cache")
        # Set, so that catdpo does not start itself a second time to set it (about 0.7 s a run).
        self.env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self.schemas = {}
        for path in sorted(self.schema_dir.glob("*.schema.json")):
            self.schemas[path.name[: -len(".schema.json")]] = json.loads(path.read_text())
        self.validated = set()  # commands whose output passed
        self.seconds = 0.0  # the last command's run time
        self.failures = []

    # --- validation -------------------------------------------------------------------------

    def validator(self, name):
        schema = self.schemas[name]
        base = (self.schema_dir / f"{name}.schema.json").as_uri()
        store = {
            (self.schema_dir / f"{n}.schema.json").as_uri(): s for n, s in self.schemas.items()
        }
        resolver = jsonschema.RefResolver(base, schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)

    def errors(self, name, document):
        return sorted(self.validator(name).iter_errors(document), key=lambda e: list(e.path))

    def check(self, name, document, command):
        if name not in self.schemas:
            self.failures.append(f"docs/json has no {name}.schema.json (catdpo {command})")
            return document
        errors = self.errors(name, document)
        for e in errors[:10]:
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            self.failures.append(f"{name}.schema.json: {where}: {e.message}")
        if not errors:
            self.validated.add(command)
        print(f"{'ok  ' if not errors else 'FAIL'} {name}.schema.json ({command}, "
              f"{self.seconds:.1f} s)")
        return document

    # --- running the command line -------------------------------------------------------------

    def run(self, *args, ok_codes=(0,), db=None):
        cmd = [self.binary, "--db", db or self.db, "--no-blas-check", *args]
        start = time.monotonic()
        done = subprocess.run(
            cmd, env=self.env, cwd=self.work, capture_output=True, text=True, timeout=300
        )
        self.seconds = time.monotonic() - start
        if done.returncode not in ok_codes:
            raise RuntimeError(
                f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def json_of(self, schema, command, *args, ok_codes=(0,)):
        out = self.run(command, *args, ok_codes=ok_codes)
        try:
            document = json.loads(out)
        except json.JSONDecodeError as e:
            raise RuntimeError(f"catdpo {command} {' '.join(args)}: not JSON ({e}):\n{out[:500]}")
        return self.check(schema, document, command)

    def json_commands(self):
        """Subcommands whose --help lists a --json option."""
        text = self.run("--help")
        names = re.findall(r"^  ([a-z][a-z-]*) {2,}", text.split("Subcommands:", 1)[1], re.M)
        if len(names) < 10:
            raise RuntimeError(f"could not read the subcommands of catdpo --help:\n{text}")
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            helps = dict(zip(names, pool.map(lambda n: self.run(n, "--help"), names)))
        return {n for n, text in helps.items() if re.search(r"^\s+--json\b", text, re.M)}

    # --- the checks ---------------------------------------------------------------------------

    def schema_files(self):
        if "common" not in self.schemas:
            self.failures.append("docs/json/common.schema.json is missing")

        def keys(node):
            if isinstance(node, dict):
                for k in ("properties", "dependentRequired"):
                    for key in node.get(k, {}):
                        yield key
                for key in node.get("required", []):
                    yield key
                for v in node.values():
                    yield from keys(v)
            elif isinstance(node, list):
                for v in node:
                    yield from keys(v)

        for name, schema in self.schemas.items():
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as e:
                self.failures.append(f"{name}.schema.json is no valid schema: {e.message}")
            if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
                self.failures.append(f"{name}.schema.json does not declare draft 2020-12")
            for key in set(keys(schema)):
                if not SNAKE_CASE.match(key):
                    self.failures.append(f"{name}.schema.json: key '{key}' is not snake_case")

    def outputs(self):
        w = self.work
        self.json_of("info", "info", "--json")
        self.json_of("methods", "methods", "--json")
        demo = self.json_of(
            "demo-data", "demo-data", "--out", str(w / "demo"), "--pairs", "600", "--json"
        )
        self.json_of("demo-data-judge-check", "demo-data", "--judge-check", "--json")
        bad = w / "bad.jsonl"
        bad.write_text("this is not JSON\n")
        inspected = self.json_of(
            "inspect-data", "inspect-data", demo["train"], str(bad), "--json", ok_codes=(1,)
        )
        assert "stats" in inspected[0] and "error" in inspected[1], inspected

        train = self.json_of(
            "train", "train", "--demo", "--quick", "--steps", "4", "--eval-every", "0", "--json"
        )
        if "latest_evaluation" not in train:
            self.failures.append("train --json carries no latest_evaluation (was there none?)")
        run, model = train["run_id"], train["final_model"]
        self.json_of(
            "eval", "eval", "--run", run, "--max-prompts", "1", "--benign", "1",
            "--borderline", "1", "--max-new-tokens", "4", "--no-store", "--json",
        )
        sweep = self.json_of(
            "sweep", "sweep", "--demo", "--quick", "--methods", "catdpo,catdpo_nomargin",
            "--seeds", "1", "--steps", "4", "--json",
        )
        self.json_of("sweep-list", "sweep", "--list", "--json")
        self.json_of("sweep", "sweep", "--report", sweep["sweep_id"], "--json")
        self.json_of("runs", "runs", "--json")
        self.shown = self.json_of("show", "show", run, "--json", "--samples")
        # The sweep's Cat-DPO run and its matched control: compare shows the difference.
        cat, control = (g["runs"][0] for g in sweep["groups"])
        compared = self.json_of("compare", "compare", cat, control, run, "--json")
        if "macro" not in compared[0].get("vs_control", {}):
            self.failures.append("compare --json: the Cat-DPO run has no difference from its control")

        exported = w / "run.json"
        self.run("export", run, "--json", str(exported))
        self.check("export", json.loads(exported.read_text()), "export")
        imported = self.run("import", str(exported), "--json", db=str(w / "other.sqlite"))
        self.check("import", json.loads(imported), "import")

        self.json_of("tokenize", "tokenize", "--tokenizer", model, "--text", "Hello, world", "--json")
        self.json_of(
            "generate", "generate", "--model", model, "--prompt", "Hello", "--max-new-tokens", "4",
            "--device", "cpu", "--json",
        )
        self.json_of("logits", "logits", "--model", model, "--ids", "1,2,3", "--json")
        self.json_of("memory", "memory", "--model", model, "--json")
        self.json_of(
            "demo-model", "demo-model", "--data", demo["train"], "--out", str(w / "model"),
            "--quick", "--json",
        )
        return train, sweep

    def coverage(self):
        for command in sorted(self.json_commands()):
            if command not in self.schemas:
                self.failures.append(f"catdpo {command} has --json but docs/json has no "
                                     f"{command}.schema.json")
            if command not in self.validated:
                self.failures.append(f"catdpo {command} has --json but no output of it was "
                                     "validated by this test")

    def rejects(self, train, sweep):
        """The schemas are strict enough to catch a renamed key, a wrong type, a bad ratio."""
        evaluation = train["latest_evaluation"]
        cases = []

        def case(label, schema, document, change):
            d = copy.deepcopy(document)
            change(d)
            cases.append((label, schema, d))

        def rename(obj, old, new):
            obj[new] = obj.pop(old)

        case("train: latest_evaluation renamed to evaluation", "train", train,
             lambda d: rename(d, "latest_evaluation", "evaluation"))
        case("evaluation: generated_count renamed to generated", "train", train,
             lambda d: rename(d["latest_evaluation"]["categories"][0], "generated_count",
                              "generated"))
        case("evaluation: generated_safe as a float", "train", train,
             lambda d: d["latest_evaluation"]["categories"][0].update(generated_safe=1.5))
        case("evaluation: a safe ratio above 1", "train", train,
             lambda d: d["latest_evaluation"]["categories"][0].update(safe_ratio=1.2))
        case("evaluation: an interval with one bound", "train", train,
             lambda d: d["latest_evaluation"]["categories"][0].update(safe_ratio_interval=[0.1]))
        case("evaluation: helpfulness as text", "train", train,
             lambda d: d["latest_evaluation"].update(helpfulness_accuracy="0.5"))
        case("evaluation: a missing over_refusal", "train", train,
             lambda d: d["latest_evaluation"].pop("over_refusal"))
        case("eval-style key in train: sample_count", "train", train,
             lambda d: d["latest_evaluation"].update(sample_count=3))
        case("show: an unknown key in a stored evaluation", "show", self.shown,
             lambda d: d["evaluations"][0].update(safe=1))
        case("show: samples as a count", "show", self.shown,
             lambda d: d["evaluations"][0].update(samples=3))
        case("sweep: sweep_id renamed to sweep", "sweep", sweep,
             lambda d: rename(d, "sweep_id", "sweep"))
        case("sweep: per-category safe_ratio renamed", "sweep", sweep,
             lambda d: rename(d["groups"][0]["per_category"][0], "safe_ratio",
                              "generated_safe_ratio"))
        case("sweep: a frontier axis under its old name", "sweep", sweep,
             lambda d: rename(d["frontier"], "over_refusal", "benign_over_refusal"))
        if not evaluation["categories"]:
            self.failures.append("the evaluation has no categories to alter")
            return
        for label, schema, document in cases:
            if not self.errors(schema, document):
                self.failures.append(f"the validator accepted a bad document ({label})")
            else:
                print(f"ok   rejected: {label}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, schema_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="catdpo-json-") as work:
        c = Checker(binary, schema_dir, work)
        c.schema_files()
        try:
            train, sweep = c.outputs()
        except (RuntimeError, KeyError, IndexError, AssertionError) as e:
            c.failures.append(f"running the commands failed: {e!r}")
        else:
            c.coverage()
            c.rejects(train, sweep)
    for f in c.failures:
        print("FAIL", f, file=sys.stderr)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
