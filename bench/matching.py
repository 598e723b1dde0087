"""Matching at scale: batch pairs, recall against brute force, and the stored-claims index.

Prints the figures, then one JSON line. Defaults are the issue's targets:

* ``match_pairs`` over 100,000 synthetic claims (<= 30 s);
* recall of the pairs brute force finds at the same threshold, on a 10,000-claim subset
  (>= 0.98);
* a new 30-claim story matched against 1,000,000 indexed claims (<= 0.5 s in total);
* peak memory (resident set, from ``resource.getrusage``).

    .venv/bin/python bench/matching.py            # full run, a few minutes on 2 cores
    .venv/bin/python bench/matching.py --quick    # small sizes, seconds
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic_claims import synthetic_claims  # noqa: E402

from tracker.matching import (  # noqa: E402
    SAME_THRESHOLD,
    SUGGEST_THRESHOLD,
    ClaimIndex,
    brute_force_pairs,
    default_matcher,
    match_pairs,
    match_profiles,
)


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=10_000)
    parser.add_argument("--index", type=int, default=1_000_000)
    parser.add_argument("--story", type=int, default=30)
    parser.add_argument("--threshold", type=float, default=SAME_THRESHOLD)
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.claims, args.subset, args.index = 5_000, 2_000, 20_000
    result: dict[str, float | int] = {"threshold": args.threshold}

    # 1. match_pairs over the batch
    texts = synthetic_claims(args.claims, seed=11)
    t0 = time.perf_counter()
    pairs = match_pairs(texts, args.threshold)
    elapsed = time.perf_counter() - t0
    result.update(pairs_claims=args.claims, pairs_found=len(pairs), pairs_seconds=elapsed)
    print(f"match_pairs: {args.claims:,} claims -> {len(pairs):,} pairs at "
          f">= {args.threshold:g} in {elapsed:.1f} s (target <= 30 s)")
    print(f"  e.g. {texts[pairs[0][0]]!r}\n    ~ {texts[pairs[0][1]]!r} ({pairs[0][2]:.0f})")

    # 2. recall against brute force on a subset
    subset = texts[: args.subset]
    matcher = default_matcher()
    profiles = [matcher.profile_terms(matcher.analyze(t)) for t in subset]
    t0 = time.perf_counter()
    fast = match_profiles(profiles, args.threshold)
    fast_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    brute = brute_force_pairs(profiles, args.threshold)
    brute_s = time.perf_counter() - t0
    found = {(i, j) for i, j, _ in fast}
    truth = {(i, j) for i, j, _ in brute}
    recall = len(found & truth) / len(truth) if truth else 1.0
    extra = len(found - truth)
    result.update(recall_subset=args.subset, recall=recall, brute_pairs=len(truth),
                  brute_seconds=brute_s, subset_seconds=fast_s, false_extra=extra)
    n_pairs = args.subset * (args.subset - 1) // 2
    print(f"recall vs brute force on {args.subset:,} claims ({n_pairs:,} pairs compared): "
          f"{recall:.4f} ({len(found & truth):,}/{len(truth):,}; target >= 0.98), "
          f"brute force {brute_s:.1f} s vs {fast_s:.2f} s; pairs not in brute force: {extra}")

    # 3. the incremental index: build, query a new story, save and load
    corpus = synthetic_claims(args.index + args.story, seed=23)
    stored, story = corpus[: args.index], corpus[args.index:]
    t0 = time.perf_counter()
    index = ClaimIndex()
    index.add_many(enumerate(stored))
    build_s = time.perf_counter() - t0
    rss_index = peak_mb()
    t0 = time.perf_counter()
    hits = [index.query(text, SUGGEST_THRESHOLD) for text in story]
    story_s = time.perf_counter() - t0
    matched = sum(1 for h in hits if h)
    t0 = time.perf_counter()
    blob = index.to_bytes()
    save_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ClaimIndex.from_bytes(blob)
    load_s = time.perf_counter() - t0
    result.update(index_claims=args.index, index_build_seconds=build_s,
                  story_claims=args.story, story_seconds=story_s, story_matched=matched,
                  index_bytes=len(blob), index_save_seconds=save_s,
                  index_load_seconds=load_s, peak_rss_mb=peak_mb(),
                  rss_after_index_mb=rss_index)
    print(f"index: {args.index:,} claims built in {build_s:.1f} s "
          f"({args.index / build_s:,.0f} claims/s); serialised {len(blob) / 2**20:.0f} MiB "
          f"in {save_s:.1f} s, loaded in {load_s:.1f} s")
    print(f"story: {args.story} new claims matched against {args.index:,} in "
          f"{story_s * 1000:.0f} ms (target <= 500 ms); {matched} have matches")
    best = max(((h[0], s) for h, s in zip(hits, story, strict=True) if h),
               key=lambda p: p[0][1], default=None)
    if best is not None:
        (cid, score), text = best
        print(f"  e.g. {text!r}\n    ~ {stored[int(cid)]!r} ({score:.0f})")  # type: ignore[call-overload]
    print(f"peak memory (max RSS): {peak_mb():,.0f} MiB")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
