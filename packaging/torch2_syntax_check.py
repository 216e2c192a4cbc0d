# SPDX-License-Identifier: MIT
"""Syntax-only compile of every source that includes LibTorch against other LibTorch headers.

Reads the build's compile_commands.json, keeps the entries compiled with LibTorch's include
path (the engine's modules, the tests and benchmarks that include it), swaps that path for
--headers (and its torch/csrc/api/include), drops the precompiled header (made from the other
LibTorch) and the output options, and runs the compiler with -fsyntax-only, --jobs at a time.
Each file's dependency list is checked too: a header taken from the system's own LibTorch
(Debian's 1.13 lives in /usr/include) instead of --headers would hide an incompatibility.
Exit status 1 when a file fails. Used by packaging/check-torch2.sh.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

TORCH_DIRS = ("ATen/", "c10/", "torch/", "caffe2/")


def arguments(entry):
    return shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])


def project_pch(entry):
    """The precompiled header an entry of the real build includes (CMake's cmake_pch.hxx)."""
    args = arguments(entry)
    for i, a in enumerate(args[:-1]):
        if a == "-include" and "cmake_pch" in args[i + 1]:
            return args[i + 1]
    return None


def build_pch(entries, headers, has_gloo, tmp):
    """The same LibTorch headers the real build precompiles, precompiled from the other LibTorch
    with the flags of the engine's modules: their sources then parse in a second or two."""
    pch_entry = next((e for e in entries if e["file"].endswith("torch_pch.cpp")), None)
    if pch_entry is None or project_pch(pch_entry) is None:
        return None
    with open(project_pch(pch_entry)) as f:
        includes = [l for l in f if l.startswith("#include")]
    header = os.path.join(tmp, "torch_pch.hxx")
    with open(header, "w") as f:
        f.writelines(includes)
    depfile = os.path.join(tmp, "pch.d")
    cmd = [a for a in rewrite(pch_entry, headers, has_gloo, depfile)[:-1] if a != "-fsyntax-only"]
    cmd += ["-x", "c++-header", header, "-o", header + ".gch"]
    r = subprocess.run(cmd, cwd=pch_entry["directory"], capture_output=True, text=True)
    foreign = foreign_headers(depfile, headers) if r.returncode == 0 else []
    if r.returncode != 0 or foreign:
        print("precompiling the LibTorch headers failed; going on without:")
        print("\n".join(r.stderr.splitlines()[:8] + foreign[:3]))
        return None
    return header


def moc_stubs(path, stub_dir):
    """Empty stand-ins for the `#include "x.moc"` of a Qt Test source, searched after the real
    ones: a build that has not run moc yet still parses (syntax only, nothing is linked)."""
    try:
        with open(path, errors="replace") as f:
            names = re.findall(r'^#include "([\w.]+\.moc)"', f.read(), re.M)
    except OSError:
        return []
    for name in names:
        open(os.path.join(stub_dir, name), "a").close()
    return ["-I", stub_dir] if names else []


def rewrite(entry, headers, has_gloo, depfile, pch=None, stub_dir=None):
    args = arguments(entry)
    out = [args[0], "-isystem", headers, "-isystem",
           os.path.join(headers, "torch/csrc/api/include")]
    i = 1
    while i < len(args):
        a = args[i]
        nxt = args[i + 1] if i + 1 < len(args) else ""
        if a in ("-o", "-MF", "-MT", "-MQ"):
            i += 2
            continue
        if a == "-include" and "cmake_pch" in nxt:
            i += 2
            continue
        if a == "-isystem" and "torch/csrc/api/include" in nxt:
            i += 2
            continue
        if a in ("-c", "-MD", "-MMD", "-Winvalid-pch", "-g") or a.startswith("-Winvalid-pch"):
            i += 1
            continue
        if a == "-DCATDPO_HAVE_GLOO=1" and not has_gloo:
            a = "-DCATDPO_HAVE_GLOO=0"
        out.append(a)
        i += 1
    source = out.pop()  # the file comes last in CMake's commands
    extra = ["-include", pch] if pch and project_pch(entry) else []
    if stub_dir:
        extra += moc_stubs(entry["file"], stub_dir)
    return out + extra + ["-fsyntax-only", "-w", "-MD", "-MF", depfile, source]


def foreign_headers(depfile, headers):
    """Headers of another LibTorch the file picked up (from the system's include folder)."""
    try:
        with open(depfile) as f:
            deps = f.read().replace("\\\n", " ").split()
    except OSError:
        return []
    bad = []
    for d in deps:
        if d.startswith(headers):
            continue
        for top in TORCH_DIRS:
            if "/include/" + top in d and not d.startswith(os.path.dirname(headers)):
                bad.append(d)
                break
    return bad


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--headers", required=True)
    p.add_argument("--compile-commands", required=True)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--only", nargs="*", default=[], help="check only sources ending so")
    p.add_argument("--no-pch", dest="pch", action="store_false",
                   help="do not precompile the LibTorch headers")
    args = p.parse_args()
    headers = os.path.abspath(args.headers)
    version_h = os.path.join(headers, "torch/csrc/api/include/torch/version.h")
    if not os.path.exists(version_h):
        sys.exit("no LibTorch headers in %s (torch/csrc/api/include/torch/version.h)" % headers)
    version = "?"
    for candidate in (version_h, os.path.join(headers, "torch/headeronly/version.h")):
        try:
            with open(candidate) as f:
                text = f.read()
        except OSError:
            continue
        parts = re.findall(r"#define TORCH_VERSION_(MAJOR|MINOR|PATCH) (\d+)", text)
        if len(parts) == 3:
            version = ".".join(v for _, v in parts)
            break
    has_gloo = os.path.exists(os.path.join(headers, "gloo/algorithm.h"))
    with open(args.compile_commands) as f:
        entries = json.load(f)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
        args.compile_commands))))
    jobs = []
    tmp = tempfile.mkdtemp(prefix="torch2-check-")
    stubs = os.path.join(tmp, "moc-stubs")
    os.makedirs(stubs)
    t0 = time.time()
    pch = build_pch(entries, headers, has_gloo, tmp) if args.pch else None
    if pch:
        print("precompiled the LibTorch headers (%.0f s)" % (time.time() - t0))
    for n, e in enumerate(entries):
        cmd = e.get("command") or " ".join(e.get("arguments", []))
        path = e["file"]
        if "torch/csrc/api/include" not in cmd or os.sep + "build" + os.sep in path:
            continue
        if args.only and not any(path.endswith(o) for o in args.only):
            continue
        jobs.append((path, e["directory"], rewrite(e, headers, has_gloo,
                                                  os.path.join(tmp, "%d.d" % n), pch, stubs)))
    print("LibTorch %s headers in %s (gloo headers: %s): %d sources, %d at a time"
          % (version, headers, "yes" if has_gloo else "no", len(jobs), args.jobs))
    sys.stdout.flush()

    def compile_one(job):
        path, cwd, cmd = job
        t0 = time.time()
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        foreign = foreign_headers(cmd[cmd.index("-MF") + 1], headers) if r.returncode == 0 else []
        return path, r.returncode, r.stderr, foreign, time.time() - t0

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, rc, err, foreign, secs in pool.map(compile_one, jobs):
            rel = os.path.relpath(path, root)
            if rc != 0 or foreign:
                failed += 1
                print("FAIL %s (%.0fs)" % (rel, secs))
                lines = [l for l in err.splitlines() if "error" in l] or err.splitlines()
                for line in lines[:8]:
                    print("    " + line)
                for h in foreign[:3]:
                    print("    took a header of another LibTorch: " + h)
            else:
                print("ok   %s (%.0fs)" % (rel, secs))
            sys.stdout.flush()
    print("%d of %d sources failed against LibTorch %s (%.0f s)"
          % (failed, len(jobs), version, time.time() - t0))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
