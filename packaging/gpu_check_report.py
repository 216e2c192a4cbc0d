# SPDX-License-Identifier: MIT
"""Helpers of packaging/gpu-check.sh (standard library only).

  compare REFERENCE.json OTHER.json LOSS_TOL LAMBDA_TOL  -> JSON on stdout
      Two runs exported with `catdpo export RUN --json FILE`: per-step losses and the lambda_k
      trajectories of OTHER against REFERENCE. Exit status 0 when within the tolerances.
  step NAME STATUS SECONDS DETAIL                        -> one JSON line on stdout
  assemble STEPS.jsonl OUTDIR MODE                       -> OUTDIR/gpu-check.json
      The step lines plus every *.json result file in OUTDIR, in one document.
"""

import json
import math
import os
import sys


def load_run(path):
    with open(path) as f:
        run = json.load(f)
    losses = {(r["stage"], r["step"]): r["loss"] for r in run["step_metrics"]}
    lambdas = {}
    for r in run["category_step_metrics"]:
        lambdas.setdefault(r["category"], {})[(r["stage"], r["step"])] = r["lambda"]
    config = json.loads(run["run"]["config_json"]) if "config_json" in run["run"] else {}
    return losses, lambdas, run["run"].get("device"), config


def compare(reference, other, loss_tol, lambda_tol):
    ref_loss, ref_lambda, ref_device, ref_config = load_run(reference)
    loss, lam, device, config = load_run(other)
    steps = sorted(set(ref_loss) & set(loss))
    loss_diffs = [abs(loss[s] - ref_loss[s]) for s in steps
                  if loss[s] is not None and ref_loss[s] is not None]
    lambda_diff = 0.0
    final = {}
    for cat, series in ref_lambda.items():
        mine = lam.get(cat, {})
        for s in series:
            if s in mine and series[s] is not None and mine[s] is not None:
                lambda_diff = max(lambda_diff, abs(series[s] - mine[s]))
        if series and mine:
            last = max(series)
            final[str(cat)] = [series[last], mine.get(last)]
    # Which categories' lambda grew the most should agree (the trajectories' shape).
    def order(values):
        return [c for c, _ in sorted(values.items(), key=lambda kv: -kv[1])]
    ref_final = {c: v[0] for c, v in final.items()}
    other_final = {c: v[1] for c, v in final.items() if v[1] is not None}
    top = min(3, len(ref_final))
    top_agree = len(set(order(ref_final)[:top]) & set(order(other_final)[:top]))
    max_loss = max(loss_diffs) if loss_diffs else math.inf
    ok = bool(steps) and max_loss <= loss_tol and lambda_diff <= lambda_tol
    return {
        "reference_device": ref_device, "device": device,
        "reference_precision": ref_config.get("precision"), "precision": config.get("precision"),
        "steps_compared": len(steps), "max_loss_diff": max_loss,
        "mean_loss_diff": sum(loss_diffs) / len(loss_diffs) if loss_diffs else None,
        "reference_final_loss": ref_loss[steps[-1]] if steps else None,
        "final_loss": loss[steps[-1]] if steps else None,
        "max_lambda_diff": lambda_diff, "final_lambda": final,
        "top3_lambda_categories_shared": top_agree,
        "loss_tolerance": loss_tol, "lambda_tolerance": lambda_tol, "within_tolerance": ok,
    }


def assemble(steps_file, outdir, mode):
    steps = []
    if os.path.exists(steps_file):
        with open(steps_file) as f:
            steps = [json.loads(line) for line in f if line.strip()]
    results = {}
    for name in sorted(os.listdir(outdir)):
        if not name.endswith(".json") or name == "gpu-check.json":
            continue
        try:
            with open(os.path.join(outdir, name)) as f:
                results[name[:-5]] = json.load(f)
        except (OSError, ValueError) as e:
            results[name[:-5]] = {"unreadable": str(e)}
    failed = [s["name"] for s in steps if s["status"] == "failed"]
    doc = {"mode": mode, "steps": steps, "failed_steps": failed, "results": results}
    with open(os.path.join(outdir, "gpu-check.json"), "w") as f:
        json.dump(doc, f, indent=1)
    return doc


def main():
    cmd = sys.argv[1]
    if cmd == "compare":
        out = compare(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]))
        print(json.dumps(out, indent=1))
        sys.exit(0 if out["within_tolerance"] else 1)
    if cmd == "step":
        print(json.dumps({"name": sys.argv[2], "status": sys.argv[3],
                          "seconds": float(sys.argv[4]), "detail": sys.argv[5][-4000:]}))
        return
    if cmd == "assemble":
        doc = assemble(sys.argv[2], sys.argv[3], sys.argv[4])
        print("failed steps: %s" % (", ".join(doc["failed_steps"]) or "none"))
        return
    sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
