"""Fit the resolution model's weights and calibration on one gold corpus; report on the others.

    python -m geomap.geoparse.train GOLD_DIR [--train lgl.xml] [--write]

GOLD_DIR holds corpora in the LGL / TR-News XML schema (see ../shared/geoparse-gold/README.md).
Only the fitted numbers are written (to geomap/data/geoparse_ranker.json, with --write): no text,
name or answer of the corpora. A candidate counts as right when it lies within 161 km of the gold
point, the standard accuracy@161 km criterion.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np

from geomap.gazetteer.sources import data_path
from geomap.geoparse import gold_spans
from geomap.geoparse.gold import read_corpus
from geomap.geoparse.resolve import (
    FEATURES,
    KIND_GROUP,
    MODEL_FILE,
    N_PRIOR,
    ROUNDS,
    WEIGHT_FLOORS,
    bindings,
    block,
    probabilities,
    with_floors,
)
from geomap.model import Document

L2 = 3e-3


def read(path: Path):
    """(doc id, text, [(start, end, lat, lon)]) per article, for the toponyms that have a point."""
    for doc_id, text, golds in read_corpus(path):
        located = [(g.start, g.end, g.lat, g.lon) for g in golds if g.lat is not None and g.lon is not None]
        yield doc_id, text, located


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def corpus(path: Path, gaz):
    """Per document: its name blocks, bindings, and per gold toponym (name index, right candidates)."""
    docs = []
    for doc_id, text, golds in read(path):
        doc = Document(id=doc_id, path="", title="", date=None, source="", text=text)
        spans = gold_spans(doc, [(s, e) for s, e, _, _ in golds], gaz)
        by_span = {(s.start, s.end): s for s in spans}
        keys: dict[str, int] = {}
        bound: list[set[str]] = []
        for s in spans:
            if s.key not in keys:
                keys[s.key] = len(keys)
                bound.append(set())
            bound[keys[s.key]].update(bindings(text, s.end, gaz))
        blocks = [block(gaz, k) for k in keys]
        targets = []
        for s, e, lat, lon in golds:
            span = by_span.get((s, e))
            if span is None:
                targets.append((-1, None))
                continue
            b = blocks[keys[span.key]]
            d = _km(lat, lon, np.array([p.lat for p in b.places]), np.array([p.lon for p in b.places]))
            targets.append((keys[span.key], _right(b, d)))
        docs.append((blocks, [frozenset(x) for x in bound], targets))
    return docs


def _right(b, d: np.ndarray) -> np.ndarray:
    """Candidates within 161 km of the gold point; for fitting, also a curated area or physical
    feature ("Middle East", a sea) that is the nearest candidate and within 1,000 km, since its one
    point stands for an extent of hundreds of kilometres."""
    right = d <= 161
    extent = np.array([p.kind in KIND_GROUP for p in b.places])
    return right | (extent & (d <= 1000) & (d <= d.min()))


def fit(samples: list[tuple[np.ndarray, np.ndarray]], dims: int, iters: int = 3000) -> np.ndarray:
    """Conditional logit (softmax over a name's candidates), maximising the probability of the
    right candidates; plain Adam on the mean log-likelihood with a small L2 penalty."""
    X = np.vstack([x[:, :dims] for x, _ in samples])
    pos = np.concatenate([y for _, y in samples]).astype(float)
    seg = np.repeat(np.arange(len(samples)), [len(y) for _, y in samples])
    starts = np.concatenate([[0], np.cumsum([len(y) for _, y in samples])[:-1]])
    w = np.zeros(dims)
    m = np.zeros(dims)
    v = np.zeros(dims)
    for t in range(1, iters + 1):
        s = X @ w
        smax = np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s - smax)
        p_all = e / np.add.reduceat(e, starts)[seg]
        ep = e * pos
        p_pos = ep / np.add.reduceat(ep, starts)[seg]
        grad = ((p_all - p_pos) @ X) / len(samples) + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def samples_for(docs, prior_w, context_w, rounds):
    out = []
    for blocks, bound, targets in docs:
        if not blocks:
            continue
        if context_w is None:
            feats = [b.static for b in blocks]
        else:
            _, feats = probabilities(blocks, bound, prior_w, context_w, rounds)
        for k, right in targets:
            if k >= 0 and right.any():
                out.append((feats[k], right))
    return out


def outcomes(docs, prior_w, context_w):
    """(probability of the chosen candidate, number of candidates, right?) per gold toponym;
    toponyms with no candidate count as wrong with probability 0."""
    res = []
    for blocks, bound, targets in docs:
        probs = probabilities(blocks, bound, prior_w, context_w)[0] if blocks else []
        for k, right in targets:
            if k < 0:
                res.append((0.0, 0, False))
                continue
            p = probs[k]
            top = int(np.argmax(p))
            res.append((float(p[top]), len(p), bool(right[top])))
    return res


def calibrate(res):
    """Logistic recalibration of the chosen candidate's probability: z = a*logit(p) + b (+ single)."""
    rows = [(r[0], r[1], r[2]) for r in res if r[1] > 0]
    p = np.clip(np.array([r[0] for r in rows]), 1e-4, 1 - 1e-4)
    X = np.stack([np.log(p / (1 - p)), np.ones(len(p)), np.array([r[1] == 1 for r in rows], float)], axis=1)
    y = np.array([r[2] for r in rows], float)
    w = np.array([1.0, 0.0, 0.0])

    def loss(w):
        z = X @ w
        return float(np.sum(np.logaddexp(0, z) - y * z) + 0.5e-3 * w @ w)

    for _ in range(100):  # Newton with step halving
        q = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (q - y) + 1e-3 * w
        h = (X * (q * (1 - q))[:, None]).T @ X + 1e-3 * np.eye(3)
        step = np.linalg.solve(h, g)
        t = 1.0
        while loss(w - t * step) > loss(w) and t > 1e-4:
            t /= 2
        w = w - t * step
    return {"a": float(w[0]), "b": float(w[1]), "single": float(w[2])}


def report(name, res, cal):
    acc = sum(r[2] for r in res) / len(res)
    print(f"  {name}: acc@161 over {len(res)} gold toponyms (no candidate = wrong) {acc:.3f}")
    confs = []
    for p, n, ok in res:
        if n == 0:
            continue
        z = cal["a"] * math.log(min(max(p, 1e-4), 1 - 1e-4) / (1 - min(max(p, 1e-4), 1 - 1e-4)))
        z += cal["b"] + (cal["single"] if n == 1 else 0.0)
        confs.append((1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), ok))
    ece = 0.0
    for low in np.arange(0.0, 1.0, 0.1):
        hits = [(c, ok) for c, ok in confs if low <= c < low + 0.1 or (low >= 0.9 and c == 1.0)]
        if hits:
            mean_c = sum(c for c, _ in hits) / len(hits)
            share = sum(ok for _, ok in hits) / len(hits)
            ece += len(hits) / len(confs) * abs(mean_c - share)
            print(f"    confidence {low:.1f}-{low + 0.1:.1f}: mean {mean_c:.3f}, right {share:.3f}"
                  f" of {len(hits)}")
    print(f"    expected calibration error {ece:.3f}")
    return acc, ece


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--train", default="lgl.xml")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    files = sorted(p.name for p in args.gold.glob("*.xml"))
    data = {f: corpus(args.gold / f, gaz) for f in files}
    train = data[args.train]
    prior_w = fit(samples_for(train, None, None, 0), N_PRIOR)
    context_w = np.concatenate([prior_w, np.zeros(len(FEATURES) - N_PRIOR)])
    for _ in range(2):  # features from the previous fit's rounds, as at inference
        context_w = with_floors(fit(samples_for(train, prior_w, context_w, ROUNDS - 1), len(FEATURES)))
    cal = calibrate(outcomes(train, prior_w, context_w))
    print("weights:", dict(zip(FEATURES, np.round(context_w, 3), strict=True)))
    print("prior weights:", dict(zip(FEATURES[:N_PRIOR], np.round(prior_w, 3), strict=True)))
    print("calibration:", cal)
    figures = {}
    for f in files:
        label = ("train " if f == args.train else "held out ") + f
        acc, ece = report(label, outcomes(data[f], prior_w, context_w), cal)
        figures[f] = {"acc161_given_gold": round(acc, 3), "ece": round(ece, 3)}
    if args.write:
        out = {
            "how": (f"python -m geomap.geoparse.train GOLD_DIR --train {args.train} --write: "
                    f"conditional logit "
                    f"over each gold toponym's candidates (right = within 161 km of the gold point), fitted "
                    f"by Adam with L2 {L2} on {args.train} only; the prior weights on the first "
                    f"{N_PRIOR} features alone; context weights raised to their design floors "
                    f"{WEIGHT_FLOORS}; then a logistic recalibration of the chosen candidate's "
                    f"probability on the same corpus. Figures on the other corpora are held out."),
            "source": "LGL and TR-News as published in milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation "
                      "(data/Corpora); only these fitted numbers are kept.",
            "features": list(FEATURES),
            "prior_weights": [round(float(x), 4) for x in prior_w],
            "context_weights": [round(float(x), 4) for x in context_w],
            "calibration": {k: round(v, 4) for k, v in cal.items()},
            "figures": figures,
        }
        with open(data_path(MODEL_FILE), "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)
            fh.write("\n")
        print("wrote", data_path(MODEL_FILE))


if __name__ == "__main__":
    main()
