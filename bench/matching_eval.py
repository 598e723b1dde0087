"""How well matching separates the same claim from a different or conflicting one.

Three sets, each scored by the product (hybrid: sentence embeddings + the lexical engine),
by the lexical engine alone (what matching was before embeddings, and what it falls back
to without a model), and by plain baselines:

1. Paraphrase pairs from news (``../shared/dev/paraphrase_train.jsonl``, MSRP train
   split). The pairs are split by a hash of their id: 30% ("held out") are only reported,
   the other 70% ("tune") are what the blend of :mod:`tracker.matching.hybrid` was fitted
   on (with ``--fit``, refitted and printed here). ROC AUC of ``similarity``, accuracy of
   ``same_claim`` at its default threshold, rapidfuzz ``token_sort_ratio`` beside them (its
   accuracy at the threshold best on the held-out pairs themselves: an oracle).
2. Retrieval (``../shared/dev/claim_retrieval_dev/``, CLEF CheckThat! 2020 task 2): MAP@5
   of ``rank(queries, claims)`` for the train queries (the cosine weight was chosen on
   them) and the dev queries (reported only), beside BM25 alone, the lexical engine
   re-ranking BM25's best 100, and the cosine alone (of the query as given, and of the
   mean vector ``rank`` uses: the query as given and as ``clean_query`` makes it).
3. The project's own labelled pairs (``tests/gold/matching_pairs.json``, written for the
   project, also used in the fit at a quarter of the weight of the paraphrase pairs): ROC
   AUC, accuracy at the default threshold, MAP@5, and conflict precision and recall.

Then the speed of embedding (claims per second; the int8 model runs each text alone). The
dev data is read at run time and never copied. Prints the figures, then one JSON line.

    .venv/bin/python bench/matching_eval.py            # everything (minutes: it embeds ~20k texts)
    .venv/bin/python bench/matching_eval.py --only own # one set: paraphrase, retrieval, own, speed
    .venv/bin/python bench/matching_eval.py --fit      # also refit the blend and print it
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, utils  # noqa: E402

from tracker.matching import (  # noqa: E402
    SAME_THRESHOLD,
    AliasTable,
    Matcher,
    get_encoder,
    learn_aliases,
    rank,
    unavailable_reason,
)
from tracker.matching.querytext import clean_query  # noqa: E402
from tracker.matching.retrieval import Bm25, nearest  # noqa: E402
from tracker.vocab import MatchKind  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "matching_pairs.json"
DEV = Path("/work/shared/dev")
Scorer = Callable[[str, str], float]


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Probability that a positive outscores a negative (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda p: p[0])
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    # ranks with ties averaged
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2.0
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg)


def accuracy_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    """Share of pairs on the right side of ``threshold``."""
    right = sum(1 for s, y in zip(scores, labels, strict=True) if (s >= threshold) == y)
    return right / len(labels)


def best_accuracy(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The best accuracy any threshold reaches, and that threshold (an oracle)."""
    pairs = sorted(zip(scores, labels, strict=True))
    right = sum(1 for _, y in pairs if not y)  # threshold above everything: all "no"
    best = (right / len(pairs), float("inf"))
    for k in range(len(pairs) - 1, -1, -1):
        right += 1 if pairs[k][1] else -1
        if k == 0 or pairs[k - 1][0] != pairs[k][0]:
            best = max(best, (right / len(pairs), pairs[k][0]))
    return best


def average_precision_at_5(ranked: Sequence[object], relevant: set[object]) -> float:
    hits = 0
    total = 0.0
    for r, doc in enumerate(ranked[:5]):
        if doc in relevant:
            hits += 1
            total += hits / (r + 1)
    return total / min(len(relevant), 5) if relevant else 0.0


def held_out(pair_id: str) -> bool:
    """The fixed 30% of the paraphrase pairs that tuning never sees."""
    return int(hashlib.sha1(pair_id.encode()).hexdigest(), 16) % 10 < 3


def _tsr(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)


# -- 1. paraphrase pairs -------------------------------------------------------------------


def paraphrase(lines: list[str], result: dict[str, object], fit: bool) -> None:
    path = DEV / "paraphrase_train.jsonl"
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    hybrid, lexical = Matcher(), Matcher(embeddings=False)
    hybrid.vectors([t for p in pairs for t in (p["a"], p["b"])])  # one batch, sorted by length
    rows = {
        "similarity (hybrid)": [hybrid.similarity(p["a"], p["b"]) for p in pairs],
        "similarity (lexical)": [lexical.similarity(p["a"], p["b"]) for p in pairs],
        "token_sort_ratio": [_tsr(p["a"], p["b"]) for p in pairs],
    }
    labels = [p["label"] == 1 for p in pairs]
    held = [held_out(p["id"]) for p in pairs]
    lines += [
        f"Paraphrase pairs ({path.name}): {len(pairs)}, {sum(held)} held out, "
        f"{len(pairs) - sum(held)} tune",
        f"{'scorer':<22} {'AUC held':>9} {'acc@50':>7} {'oracle':>7} {'AUC tune':>9} {'acc@50':>7}",
    ]
    out: dict[str, object] = {}
    for name, scores in rows.items():
        h = [s for s, k in zip(scores, held, strict=True) if k]
        hy = [y for y, k in zip(labels, held, strict=True) if k]
        t = [s for s, k in zip(scores, held, strict=True) if not k]
        ty = [y for y, k in zip(labels, held, strict=True) if not k]
        auc_h, auc_t = roc_auc(h, hy), roc_auc(t, ty)
        oracle = best_accuracy(h, hy)[0]
        engine = name.startswith("similarity")
        acc_h = accuracy_at(h, hy, SAME_THRESHOLD) if engine else None
        acc_t = accuracy_at(t, ty, SAME_THRESHOLD) if engine else None
        out[name] = {
            "roc_auc_held": round(auc_h, 4),
            "roc_auc_tune": round(auc_t, 4),
            "oracle_accuracy_held": round(oracle, 4),
            "accuracy_held": None if acc_h is None else round(acc_h, 4),
            "accuracy_tune": None if acc_t is None else round(acc_t, 4),
        }
        show_h = f"{acc_h:7.3f}" if acc_h is not None else f"{'-':>7}"
        show_t = f"{acc_t:7.3f}" if acc_t is not None else f"{'-':>7}"
        lines.append(f"{name:<22} {auc_h:9.3f} {show_h} {oracle:7.3f} {auc_t:9.3f} {show_t}")
    result["paraphrase"] = out
    if fit:
        lines.append("  refit: " + json.dumps(refit(pairs, labels, held, hybrid)))
    lines.append("")


def refit(
    pairs: list[dict[str, object]], labels: list[bool], held: list[bool], matcher: Matcher
) -> dict[str, float]:
    """Fit the blend's logistic weights on the tune pairs and the project's own pairs
    (weighted 4 to 1 per pair), and move the intercept to the tune pairs' best accuracy."""
    import numpy as np

    from tracker.matching.hybrid import wording
    from tracker.matching.score import _disagreements, _score

    def features(a: str, b: str) -> list[float]:
        x, y = matcher.profile(a), matcher.profile(b)
        kinds = {d.kind for d in _disagreements(x, y)[0]}
        ratio, partial = wording(a, b)
        return [
            matcher.cosine(a, b) or 0.0,
            _score(x, y) / 100.0,
            ratio,
            partial,
            float("number" in kinds),
            float("name" in kinds),
            float("negation" in kinds or "direction" in kinds),
        ]

    tune = [(p, y) for p, y, h in zip(pairs, labels, held, strict=True) if not h]
    own = json.loads(GOLD.read_text())["pairs"]
    xs = [features(str(p["a"]), str(p["b"])) for p, _ in tune]
    xs += [features(p["a"], p["b"]) for p in own]
    ys = [float(y) for _, y in tune] + [float(p["label"] == "same") for p in own]
    ws = [1.0] * len(tune) + [4.0] * len(own)
    x = np.hstack([np.array(xs), np.ones((len(xs), 1))])
    y, sw = np.array(ys), np.array(ws)
    w = np.zeros(x.shape[1])
    for _ in range(60):  # Newton steps with a little ridge
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (sw * (p - y)) + 1e-2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + 1e-2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    z = x[: len(tune)] @ w
    ty = y[: len(tune)]
    shifts = np.linspace(-1.5, 1.5, 61)
    best = max(shifts, key=lambda t: float(((z >= t) == (ty == 1)).mean()))
    names = ["cosine", "lexical", "ratio", "partial", "number", "name", "negation", "bias"]
    out = {n: round(float(v), 2) for n, v in zip(names, w, strict=True)}
    out["bias"] = round(float(w[-1] - best), 2)
    return out


# -- 2. retrieval --------------------------------------------------------------------------


def retrieval(lines: list[str], result: dict[str, object]) -> None:
    folder = DEV / "claim_retrieval_dev"

    def read(name: str) -> list[dict[str, str]]:
        return [json.loads(x) for x in (folder / name).read_text().splitlines() if x.strip()]

    claims, queries = read("claims.jsonl"), read("queries.jsonl")
    relevant: dict[str, set[object]] = {}
    for r in read("qrels.jsonl"):
        relevant.setdefault(r["query_id"], set()).add(r["claim_id"])
    texts = [c["text"] for c in claims]
    ids = [c["id"] for c in claims]
    qtexts = [q["text"] for q in queries]
    started = time.perf_counter()
    hybrid = rank(qtexts, texts, k=5)
    seconds = time.perf_counter() - started
    lexical = Matcher(embeddings=False)
    bm25 = Bm25([lexical.analyze(t).terms for t in texts])
    plain = Bm25([utils.default_process(t).split() for t in texts])
    runs: dict[str, list[list[object]]] = {"rank (hybrid)": [], "BM25 (engine terms)": []}
    runs["BM25 (plain words)"] = []
    runs["similarity (lexical) over BM25 top 100"] = []
    runs["rank (hybrid)"] = [[ids[d] for d, _ in row] for row in hybrid]
    runs.update(cosine_runs(qtexts, texts, ids))
    for q in qtexts:
        scores = bm25.scores(lexical.analyze(q).terms)
        top = sorted(scores, key=lambda d: (-scores[d], d))
        runs["BM25 (engine terms)"].append([ids[d] for d in top[:5]])
        words = plain.scores(utils.default_process(q).split())
        runs["BM25 (plain words)"].append(
            [ids[d] for d in sorted(words, key=lambda d: (-words[d], d))[:5]]
        )
        pool = top[:100]
        sims = {d: lexical.similarity(q, texts[d]) for d in pool}
        runs["similarity (lexical) over BM25 top 100"].append(
            [ids[d] for d in sorted(pool, key=lambda d: (-sims[d], d))[:5]]
        )
    lines += [
        f"Retrieval ({folder.name}): {len(queries)} queries against {len(claims)} claims; "
        f"rank() took {seconds:.1f} s (embedding included)",
        f"{'ranker':<40} {'MAP@5 train':>12} {'MAP@5 dev':>10}",
    ]
    out: dict[str, object] = {}
    for name, ranked in runs.items():
        by_split: dict[str, list[float]] = {}
        for q, row in zip(queries, ranked, strict=True):
            ap = average_precision_at_5(row, relevant.get(q["id"], set()))
            by_split.setdefault(q["split"], []).append(ap)
        m = {s: sum(v) / len(v) for s, v in by_split.items()}
        out[name] = {f"map_at_5_{s}": round(v, 4) for s, v in m.items()}
        lines.append(f"{name:<40} {m.get('train', 0):12.3f} {m.get('dev', 0):10.3f}")
    result["retrieval"] = out
    result["rank_seconds"] = round(seconds, 2)
    lines.append("")


def cosine_runs(
    qtexts: list[str], texts: list[str], ids: list[str]
) -> dict[str, list[list[object]]]:
    """The best five claims by cosine alone: the query as given, and the mean of its
    vectors as given and as cleaned (what ``rank`` uses). The vectors are the ones
    ``rank`` just made (the default matcher keeps them), so this costs no embedding."""
    import numpy as np

    from tracker.matching import default_matcher

    matcher = default_matcher()
    claims = matcher.vectors(texts)
    given = matcher.vectors(qtexts)
    cleaned = matcher.vectors([clean_query(q) for q in qtexts])
    if claims is None or given is None or cleaned is None:
        return {}
    mean = given + cleaned
    mean /= np.linalg.norm(mean, axis=1, keepdims=True)
    out: dict[str, list[list[object]]] = {}
    for name, queries in (("cosine (query as given)", given), ("cosine (as rank reads it)", mean)):
        idx, _ = nearest(queries, claims, 5)
        out[name] = [[ids[d] for d in row] for row in idx.tolist()]
    return out


# -- 3. the project's own pairs ------------------------------------------------------------


def map_at_5(
    scorer: Scorer, queries: Sequence[tuple[str, str]], collection: Sequence[str]
) -> float:
    """Mean average precision at 5 with one relevant claim per query."""
    total = 0.0
    for query, answer in queries:
        others = [doc for doc in collection if doc != query]
        ranked = sorted(others, key=lambda doc: -scorer(query, doc))[:5]
        total += 1.0 / (ranked.index(answer) + 1) if answer in ranked else 0.0
    return total / len(queries)


def own(lines: list[str], result: dict[str, object]) -> None:
    data = json.loads(GOLD.read_text())
    pairs = data["pairs"]
    aliases = AliasTable()
    for text in data.get("alias_context", []):
        aliases.update(learn_aliases(text))
    hybrid, hybrid_aliases = Matcher(), Matcher(aliases)
    lexical, lexical_aliases = Matcher(embeddings=False), Matcher(aliases, embeddings=False)
    scorers: dict[str, Scorer] = {
        "similarity (hybrid)": hybrid.similarity,
        "hybrid+aliases": hybrid_aliases.similarity,
        "similarity (lexical)": lexical.similarity,
        "lexical+aliases": lexical_aliases.similarity,
        "token_sort_ratio": _tsr,
        "token_set_ratio": lambda a, b: fuzz.token_set_ratio(a, b, processor=utils.default_process),
    }
    labels = [p["label"] == "same" for p in pairs]
    n_conflict = sum(p["label"] == "conflict" for p in pairs)
    lines += [
        f"Own pairs ({GOLD.name}): {len(pairs)}: {sum(labels)} same, {n_conflict} conflict, "
        f"{len(pairs) - sum(labels) - n_conflict} different",
        f"{'scorer':<22} {'ROC AUC':>8} {'acc@50':>7} {'oracle':>7} {'at':>6} {'MAP@5':>6}",
    ]
    queries = [(p["a"], p["b"]) for p in pairs if p["label"] == "same"]
    collection = sorted({p[k] for p in pairs for k in ("a", "b")})
    out: dict[str, object] = {}
    for name, scorer in scorers.items():
        scores = [scorer(p["a"], p["b"]) for p in pairs]
        auc = roc_auc(scores, labels)
        best, at = best_accuracy(scores, labels)
        engine = "similarity" in name or "aliases" in name
        default = accuracy_at(scores, labels, SAME_THRESHOLD) if engine else None
        mapk = map_at_5(scorer, queries, collection)
        out[name] = {
            "roc_auc": round(auc, 4),
            "accuracy": None if default is None else round(default, 4),
            "oracle_accuracy": round(best, 4),
            "map_at_5": round(mapk, 4),
        }
        shown = f"{default:7.3f}" if default is not None else f"{'-':>7}"
        lines.append(f"{name:<22} {auc:8.3f} {shown} {best:7.3f} {at:6.1f} {mapk:6.3f}")
    for name, matcher in (("hybrid", hybrid_aliases), ("lexical", lexical_aliases)):
        tp = fp = fn = 0
        misses: list[str] = []
        for p in pairs:
            kind, _, why = matcher.classify(p["a"], p["b"])
            is_conflict = p["label"] == "conflict"
            if kind is MatchKind.CONFLICT and is_conflict:
                tp += 1
            elif kind is MatchKind.CONFLICT:
                fp += 1
                misses.append(f"    false conflict ({p['label']}): {why.summary()[:110]}")
            elif is_conflict:
                fn += 1
                misses.append(f"    missed conflict: {p['a'][:50]!r} / {p['b'][:50]!r}")
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        out[f"conflicts ({name})"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
        }
        lines.append(
            f"  conflicts ({name}, with aliases): precision {precision:.3f}, recall "
            f"{recall:.3f} ({tp} found, {fp} wrong, {fn} missed)"
        )
        lines += misses
    result["own"] = out
    lines.append("")


# -- 4. speed ------------------------------------------------------------------------------


def speed(lines: list[str], result: dict[str, object]) -> None:
    encoder = get_encoder()
    if encoder is None:
        return
    path = DEV / "paraphrase_train.jsonl"
    texts = [json.loads(x)["a"] for x in path.read_text().splitlines()[:1500] if x.strip()]
    encoder.encode(texts[:64])  # warm up
    out: dict[str, float] = {}
    cpu: dict[str, float] = {}
    # the int8 model runs each text alone: batch sizes do not apply to it
    sizes = ("alone",) if encoder.runs_alone else ("16", "32", "64")
    for size in sizes:
        started, used = time.perf_counter(), time.process_time()
        encoder.encode(texts, batch_size=32 if size == "alone" else int(size))
        out[size] = round(len(texts) / (time.perf_counter() - started), 1)
        # the machine is shared: per CPU-second times the cores says what a quiet one does
        per_cpu = len(texts) / max(time.process_time() - used, 1e-9)
        cpu[size] = round(per_cpu * (os.cpu_count() or 1), 1)

    def named(size: str) -> str:
        return "each text alone" if size == "alone" else f"batch {size}"

    lines.append(
        f"Embedding speed ({encoder.model_id}, {len(texts)} news sentences, sorted by length, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}): "
        + ", ".join(f"{named(b)}: {v:.0f}/s" for b, v in out.items())
        + "; per CPU-second x cores: "
        + ", ".join(f"{named(b)}: {v:.0f}/s" for b, v in cpu.items())
    )
    result["claims_per_second"] = out
    result["claims_per_cpu_second_x_cores"] = cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["paraphrase", "retrieval", "own", "speed"])
    parser.add_argument("--fit", action="store_true", help="refit the blend and print it")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    encoder = get_encoder()
    lines = [
        f"embedding model: {encoder.model_id}"
        if encoder is not None
        else f"no embedding model ({unavailable_reason()}): hybrid rows are lexical",
        "",
    ]
    result: dict[str, object] = {"model": encoder.model_id if encoder else None}
    dev = DEV.is_dir()
    if args.only in (None, "paraphrase") and dev:
        paraphrase(lines, result, args.fit)
    if args.only in (None, "retrieval") and dev:
        retrieval(lines, result)
    if args.only in (None, "own"):
        own(lines, result)
    if args.only in (None, "speed") and dev:
        speed(lines, result)
    if not dev:
        lines.append(f"({DEV} not found: dev sets skipped)")
    if not args.json:
        print("\n".join(lines))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
