#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Independent reference for the loss family (docs/METHODS.md, section 2), written directly from the
# formulas with PyTorch's functional API. Reads a JSON case on stdin, prints the losses as JSON.
import json
import math
import sys

import torch
import torch.nn.functional as F


def main():
    case = json.load(sys.stdin)
    t = lambda k: torch.tensor(case[k], dtype=torch.float64)
    pc, pr, rc, rr = t("policy_chosen"), t("policy_rejected"), t("ref_chosen"), t("ref_rejected")
    h_w, h_l = t("h_chosen"), t("h_rejected")
    beta, ls = case["beta"], case["label_smoothing"]
    z = (pc - rc) - (pr - rr)

    def sig_loss(margin):
        x = beta * z - margin
        return -(1 - ls) * F.logsigmoid(x) - ls * F.logsigmoid(-x)

    lam = torch.tensor(case["lambda"], dtype=torch.float64)
    Lam = []
    for cats in case["categories"]:
        vals = [lam[k].item() for k in cats]
        agg = case["aggregation"]
        if not vals:
            Lam.append(0.0)
        elif agg == "sum":
            Lam.append(sum(vals))
        elif agg == "mean":
            Lam.append(sum(vals) / len(vals))
        else:
            Lam.append(max(vals))
    Lam = torch.tensor(Lam, dtype=torch.float64)

    dpo = sig_loss(torch.zeros_like(z))
    safedpo = sig_loss(case["delta"] * (h_l - h_w))
    catdpo = sig_loss(Lam * (h_l - h_w))
    ipo = (z - 1.0 / (2 * beta)) ** 2
    bp = case["beta_prime"]
    drdpo = -bp * torch.log(torch.mean(torch.exp(-dpo / bp)))
    G = len(case["alpha"])
    member = torch.zeros(len(case["categories"]), G, dtype=torch.float64)
    for i, cats in enumerate(case["categories"]):
        for k in cats:
            member[i, k] = 1.0
    group_mean = []
    for g in range(G):
        idx = member[:, g] > 0
        group_mean.append(dpo[idx].mean().item() if idx.any() else 0.0)
    group_total = sum(a * m for a, m in zip(case["alpha"], group_mean))
    g_unsafe = torch.sigmoid(-beta * z)
    out = {
        "z": z.tolist(), "dpo": dpo.tolist(), "safedpo": safedpo.tolist(),
        "catdpo": catdpo.tolist(), "ipo": ipo.tolist(), "drdpo": drdpo.item(),
        "group_mean": group_mean, "group_total": group_total, "g": g_unsafe.tolist(),
        "Lambda": Lam.tolist(),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
