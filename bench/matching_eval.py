"""How well matching separates the same claim from a different or conflicting one.

Scores the labelled pairs in ``tests/gold/matching_pairs.json`` and prints:

* ROC AUC of ``similarity`` (same vs not same), with and without aliases learned from the
  pairs' context stories, beside plain rapidfuzz scorers (token_set_ratio, WRatio, ratio);
* accuracy of ``same_claim`` at its default threshold, and of each scorer at the threshold
  best for it on these pairs (an oracle the engine does not get);
* conflict precision and recall of ``classify``;
* MAP@5 for retrieval: each "same" pair's first claim as the query, every other distinct
  claim in the file as the collection (near-duplicates from the conflict pairs included),
  the pair's second claim as the answer.

    .venv/bin/python bench/matching_eval.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, utils  # noqa: E402

from tracker.matching import (  # noqa: E402
    SAME_THRESHOLD,
    AliasTable,
    Matcher,
    default_matcher,
    learn_aliases,
)
from tracker.vocab import MatchKind  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "matching_pairs.json"
Scorer = Callable[[str, str], float]


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Probability that a positive outscores a negative (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))


def accuracy_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    """Share of pairs on the right side of ``threshold``."""
    right = sum(1 for s, y in zip(scores, labels, strict=True) if (s >= threshold) == y)
    return right / len(labels)


def best_accuracy(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The best accuracy any threshold reaches, and that threshold (an oracle)."""
    best = (accuracy_at(scores, labels, float("inf")), float("inf"))
    for t in sorted(set(scores)):
        best = max(best, (accuracy_at(scores, labels, t), t))
    return best


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    data = json.loads(args.gold.read_text())
    pairs = data["pairs"]
    aliases = AliasTable()
    for text in data.get("alias_context", []):
        aliases.update(learn_aliases(text))
    plain = default_matcher()
    with_aliases = Matcher(aliases)
    scorers: dict[str, Scorer] = {
        "similarity": plain.similarity,
        "similarity+aliases": with_aliases.similarity,
        "token_set_ratio": lambda a, b: fuzz.token_set_ratio(a, b, processor=utils.default_process),
        "WRatio": lambda a, b: fuzz.WRatio(a, b, processor=utils.default_process),
        "ratio": lambda a, b: fuzz.ratio(a, b, processor=utils.default_process),
    }
    labels = [p["label"] == "same" for p in pairs]
    result: dict[str, object] = {
        "pairs": len(pairs),
        "same": sum(labels),
        "conflict": sum(p["label"] == "conflict" for p in pairs),
    }
    lines = [
        f"{len(pairs)} labelled pairs: {sum(labels)} same, "
        f"{result['conflict']} conflict, "
        f"{len(pairs) - sum(labels) - int(result['conflict'])} different  ({args.gold.name})",
        "",
        f"{'scorer':<20} {'ROC AUC':>8} {'acc@default':>12} {'best acc':>9} {'at':>6} {'MAP@5':>6}",
    ]
    queries = [(p["a"], p["b"]) for p in pairs if p["label"] == "same"]
    collection = sorted({p[k] for p in pairs for k in ("a", "b")})
    for name, scorer in scorers.items():
        scores = [scorer(p["a"], p["b"]) for p in pairs]
        auc = roc_auc(scores, labels)
        best, at = best_accuracy(scores, labels)
        default = accuracy_at(scores, labels, SAME_THRESHOLD) if name.startswith("sim") else None
        mapk = map_at_5(scorer, queries, collection)
        result[name] = {
            "roc_auc": round(auc, 4),
            "best_accuracy": round(best, 4),
            "best_threshold": at,
            "map_at_5": round(mapk, 4),
        }
        if default is not None:
            result[name]["accuracy"] = round(default, 4)  # type: ignore[index]
        shown = f"{default:12.3f}" if default is not None else f"{'-':>12}"
        lines.append(f"{name:<20} {auc:8.3f} {shown} {best:9.3f} {at:6.1f} {mapk:6.3f}")
    # conflicts
    tp = fp = fn = 0
    misses: list[str] = []
    for p in pairs:
        kind, _, why = with_aliases.classify(p["a"], p["b"])
        is_conflict = p["label"] == "conflict"
        if kind is MatchKind.CONFLICT and is_conflict:
            tp += 1
        elif kind is MatchKind.CONFLICT:
            fp += 1
            misses.append(f"  false conflict ({p['label']}): {why.summary()[:110]}")
        elif is_conflict:
            fn += 1
            misses.append(f"  missed conflict: {p['a'][:50]!r} / {p['b'][:50]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    result["conflict_precision"] = round(precision, 4)
    result["conflict_recall"] = round(recall, 4)
    same_acc = accuracy_at(
        [plain.similarity(p["a"], p["b"]) for p in pairs], labels, SAME_THRESHOLD
    )
    lines += [
        "",
        f"same_claim accuracy (default threshold {SAME_THRESHOLD:g}): {same_acc:.3f}",
        f"conflicts: precision {precision:.3f}, recall {recall:.3f} "
        f"({tp} found, {fp} wrong, {fn} missed)",
        *misses,
    ]
    if args.json:
        print(json.dumps(result))
    else:
        print("\n".join(lines))
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
