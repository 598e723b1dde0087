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
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.matching import (  # noqa: E402
    SAME_THRESHOLD,
    SUGGEST_THRESHOLD,
    ClaimIndex,
    Matcher,
    brute_force_pairs,
    default_matcher,
    match_pairs,
    match_profiles,
)
from tracker.matching.vectors import VectorIndex, dequantize, quantize  # noqa: E402

#: Candidates taken per claim from the lexical and from the vector index, as the matching
#: run takes them (tracker.store.matches).
CANDIDATES = 25
VECTOR_CANDIDATES = 10
#: The parts of the bench (``--only``).
SECTIONS = ("pairs", "hybrid", "index")
#: Where the sentence vectors of the synthetic batch are kept between runs (encoding
#: 100,000 claims takes minutes; the pairing is what the all-pairs target times).
VECTOR_CACHE = Path(tempfile.gettempdir()) / "tracker-bench-vectors"

# -- synthetic claims: events, each told by one to three stories in their own words --------


FIRST = (
    "Mohammed Ahmed Ali Omar Hassan Yusuf Ibrahim Khalid Tariq Samir Nadia Leila Fatima Sara "
    "Maria Anna Elena Olga Irina Svetlana John James Robert Michael David Richard Thomas "
    "Daniel Paul Mark Peter George Emily Laura Jennifer Susan Karen Linda Carlos Juan Luis "
    "Jorge Pedro Miguel Ana Lucia Sofia Isabel Wei Li Zhang Hiroshi Kenji Yuki Aiko Raj "
    "Priya Anil Sunita Vikram Kwame Amara Chidi Ngozi Tunde Olu Jean Pierre Louis Claire "
    "Hans Klaus Greta Lars Erik Ingrid Pavel Dmitri Sergei Ivan Boris Alexei Mehmet Emre Ayse"
).split()
LAST = (
    "Khulaifi Bashir Haddad Nasser Mansour Saleh Hamdan Karimi Rahimi Tehrani Petrov Ivanov "
    "Smirnov Volkov Kuznetsov Sokolov Popov Lebedev Novak Kovacs Horvat Nagy Schmidt Weber "
    "Fischer Wagner Becker Hoffmann Koch Richter Dubois Moreau Laurent Girard Lefebvre "
    "Garcia Martinez Lopez Gonzalez Rodriguez Fernandez Sanchez Ramirez Torres Flores Silva "
    "Santos Oliveira Costa Pereira Almeida Carvalho Tanaka Suzuki Watanabe Yamamoto Nakamura "
    "Kobayashi Chen Wang Liu Huang Zhao Okafor Adeyemi Mensah Owusu Kamau Otieno Mwangi "
    "Banda Phiri Dlamini Nkosi Patel Sharma Gupta Singh Kumar Reddy Iyer Khan Qureshi Malik "
    "Chaudhry Yilmaz Demir Kaya Celik Sahin Ozturk Andersson Johansson Nilsson Hansen Jensen "
    "Larsen Murphy Kelly Walsh Byrne Ryan Brennan Novotny Dvorak Svoboda Wojcik Kowalski"
).split()
COUNTRIES = (
    "Qatar Turkey Iran Russia Egypt Jordan Iraq Syria Lebanon Israel Germany France Italy "
    "Spain Poland Ukraine Sweden Norway Japan China India Pakistan Brazil Mexico Argentina "
    "Chile Kenya Nigeria Ethiopia Ghana Morocco Algeria Tunisia Libya Sudan Indonesia "
    "Malaysia Vietnam Thailand Philippines Australia Canada Greece Romania Hungary Serbia "
    "Croatia Austria Switzerland Belgium Netherlands Denmark Finland Portugal Ireland "
    "Colombia Peru Venezuela Bolivia Ecuador"
).split()
CITIES = (
    "Damascus Aleppo Homs Idlib Doha Ankara Istanbul Tehran Moscow Cairo Amman Baghdad Mosul "
    "Beirut Berlin Hamburg Munich Paris Lyon Marseille Rome Milan Madrid Barcelona Warsaw "
    "Kyiv Kharkiv Odesa Stockholm Oslo Tokyo Osaka Beijing Shanghai Delhi Mumbai Karachi "
    "Lahore Brasilia Recife Monterrey Guadalajara Cordoba Santiago Nairobi Mombasa Lagos "
    "Abuja Kano Addis Accra Kumasi Rabat Casablanca Algiers Tunis Tripoli Benghazi Khartoum "
    "Jakarta Surabaya Hanoi Bangkok Manila Sydney Toronto Athens Bucharest Budapest Belgrade "
    "Zagreb Vienna Zurich Geneva Brussels Antwerp Rotterdam Copenhagen Helsinki Lisbon Porto "
    "Dublin Bogota Lima Caracas Quito Guayaquil Medellin Valparaiso Krakow Gdansk Lviv"
).split()
ORGS = [
    f"{a} {b}"
    for a in (
        "National",
        "United",
        "Popular",
        "Democratic",
        "Islamic",
        "Liberation",
        "Progressive",
        "Patriotic",
        "Free",
        "Revolutionary",
        "Federal",
        "Green",
        "Workers",
        "Unity",
    )
    for b in (
        "Front",
        "Alliance",
        "Movement",
        "Party",
        "Council",
        "Union",
        "Coalition",
        "Congress",
        "Army",
        "Forces",
        "League",
        "Bloc",
    )
]
COMPANIES = [
    f"{a}{b}"
    for a in (
        "Nor",
        "Ast",
        "Veld",
        "Kor",
        "Sim",
        "Tal",
        "Bri",
        "Mar",
        "Zen",
        "Ori",
        "Pal",
        "Dra",
        "Lum",
        "Cor",
        "Vex",
    )
    for b in ("tek", "corp", "gas", "tel", "ium", "aro", "ion", "ex", "ica", "oil")
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
SOURCES = [
    "an official briefed on the developments told Reuters",
    "a senior official said",
    "two sources familiar with the matter said",
    "the ministry said in a statement",
    "a spokesperson said",
    "officials said",
    "according to local media",
    "state media reported",
    "a diplomat told reporters",
    "a government spokesman said",
]

# Each template: the ways different stories word the same event.
TEMPLATES: list[list[str]] = [
    [
        "{c1} held talks with the {org} on {day}, {src}.",
        "{c1}i officials met representatives of the {org} on {day}, {src}.",
        "On {day}, {c1} spoke with the {org}, {src}.",
    ],
    [
        "{n} people were killed in an air strike on {city} on {day}, {src}.",
        "An air strike on {city} killed {n} people on {day}, {src}.",
        "At least {n} people died when an air strike hit {city} on {day}, {src}.",
    ],
    [
        "{p} was appointed head of the {org} on {day}, {src}.",
        "The {org} named {p} as its new leader on {day}, {src}.",
        "{p} will lead the {org}, after being appointed on {day}, {src}.",
    ],
    [
        "{c1} will send {n} troops to {city}, {p} said.",
        "{p} said {c1} plans to deploy {n} soldiers in {city}.",
        "{c1} is sending {n} troops to {city}, according to {p}.",
    ],
    [
        "{co} reported a profit of {n} million dollars in {month}, {src}.",
        "{co} posted a {n} million dollar profit in {month}, {src}.",
        "In {month}, {co} made {n} million dollars in profit, {src}.",
    ],
    [
        "{c1} did not respond to a request for comment about the {org}, {src}.",
        "{c1} declined to comment on its contacts with the {org}.",
        "There was no immediate response from {c1} about the {org}.",
    ],
    [
        "Fuel prices in {c1} rose {n} percent on {day}, {src}.",
        "{c1} raised fuel prices by {n} percent on {day}, {src}.",
        "On {day} the price of fuel in {c1} went up by {n} percent, {src}.",
    ],
    [
        "{p} denied that the {org} had received {n} million dollars from {c1}.",
        "The {org} never received {n} million dollars from {c1}, {p} said.",
        "{p} rejected reports that {c1} paid the {org} {n} million dollars.",
    ],
    [
        "Protesters gathered outside the {c1} embassy in {city} on {day}, {src}.",
        "On {day}, crowds protested in front of the {c1} embassy in {city}, {src}.",
        "Hundreds of demonstrators rallied at {c1}'s embassy in {city} on {day}, {src}.",
    ],
    [
        "{c1} and {c2} signed a trade agreement worth {n} million dollars in {city}.",
        "A {n} million dollar trade deal was signed by {c1} and {c2} in {city}, {src}.",
        "{c2} and {c1} agreed a trade pact valued at {n} million dollars, signed in {city}.",
    ],
    [
        "Floods in {city} have displaced {n} families since {month}, {src}.",
        "Some {n} families have been forced from their homes by flooding in {city} since "
        "{month}, {src}.",
        "Flooding has driven {n} families from their homes in {city} since {month}, {src}.",
    ],
    [
        "{p}, a former minister, was arrested in {city} on {day} on corruption charges.",
        "Police in {city} detained former minister {p} on {day} over corruption allegations.",
        "Former minister {p} was taken into custody in {city} on {day}, accused of corruption.",
    ],
    [
        "The central bank of {c1} cut its main interest rate to {n} percent on {day}.",
        "{c1}'s central bank lowered its key rate to {n} percent on {day}, {src}.",
        "On {day}, the {c1} central bank reduced the benchmark rate to {n} percent.",
    ],
    [
        "{c1} expelled {n} diplomats from {c2} on {day}, {src}.",
        "{n} {c2} diplomats were ordered to leave {c1} on {day}, {src}.",
        "On {day} {c1} told {n} diplomats from {c2} to leave the country, {src}.",
    ],
    [
        "A fire at a factory in {city} killed {n} workers on {day}, {src}.",
        "{n} workers died in a factory fire in {city} on {day}, {src}.",
        "Fire swept through a {city} factory on {day}, killing {n} workers, {src}.",
    ],
    [
        "{co} will cut {n} jobs in {c1} by the end of the year, {p} said.",
        "{p} said {co} plans to eliminate {n} jobs in {c1} before the year ends.",
        "{co} is to shed {n} jobs in {c1} this year, according to {p}.",
    ],
]


def _demonym(country: str) -> str:
    return {
        "Qatar": "Qatari",
        "Iran": "Irania",
        "Iraq": "Iraqi",
        "Israel": "Israeli",
        "Pakistan": "Pakistani",
    }.get(country, country)


def synthetic_claims(n: int, seed: int = 7) -> list[str]:
    """``n`` claims: events, each told by one to three stories in their own words."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        template = rng.choice(TEMPLATES)
        c1, c2 = rng.sample(COUNTRIES, 2)
        slots = {
            "c1": c1,
            "c2": c2,
            "org": rng.choice(ORGS) + " of " + rng.choice(COUNTRIES),
            "co": rng.choice(COMPANIES),
            "p": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "n": str(
                rng.choice((rng.randint(2, 99), rng.randint(100, 1799), rng.randint(21, 400) * 50))
            ),
            "day": rng.choice(DAYS),
            "month": rng.choice(MONTHS),
            "city": rng.choice(CITIES),
        }
        tellings = rng.choice((1, 1, 2, 2, 3))
        for wording in rng.sample(template, tellings):
            text = wording.format(src=rng.choice(SOURCES), **slots)
            text = text.replace(f"{c1}i officials", f"{_demonym(c1)} officials")
            out.append(text[0].upper() + text[1:])
    rng.shuffle(out)
    return out[:n]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the matcher's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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
    parser.add_argument(
        "--vectors", type=int, default=None, help="vectors in the vector index (default --index)"
    )
    parser.add_argument(
        "--hybrid-claims",
        type=int,
        default=None,
        help="claims in the all-pairs run with embeddings (default --claims)",
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this part (repeat for several): " + ", ".join(SECTIONS),
    )
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.claims, args.subset, args.index = 5_000, 2_000, 20_000
    sections = set(args.only or SECTIONS)
    result: dict[str, float | int] = {"threshold": args.threshold}
    if "pairs" in sections:
        lexical_pairs(args, result)
    if "hybrid" in sections:
        hybrid_pairs(args, result)
    if "index" in sections:
        indexes(args, result)
        print(f"peak memory (max RSS, both indexes loaded): {peak_mb():,.0f} MiB (target < 2048)")
    result["peak_rss_mb"] = peak_mb()
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))
    return 0


def lexical_pairs(args: argparse.Namespace, result: dict[str, float | int]) -> None:
    """``match_pairs`` by wording alone over the batch, and its recall against brute force."""
    texts = synthetic_claims(args.claims, seed=11)
    load = os.getloadavg()[0]
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    pairs = match_pairs(texts, args.threshold, matcher=Matcher(embeddings=False))
    elapsed = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    result.update(
        pairs_claims=args.claims,
        pairs_found=len(pairs),
        pairs_seconds=elapsed,
        pairs_cpu_seconds=cpu,
        load_average=load,
    )
    print(
        f"match_pairs: {args.claims:,} claims -> {len(pairs):,} pairs at "
        f">= {args.threshold:g} in {elapsed:.1f} s (target <= 30 s); CPU {cpu:.1f} s in all "
        f"processes; load average {load:.1f} on {os.cpu_count()} cores when it started"
    )
    print(f"  e.g. {texts[pairs[0][0]]!r}\n    ~ {texts[pairs[0][1]]!r} ({pairs[0][2]:.0f})")

    # recall against brute force on a subset
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
    # the same check on the big run: its pairs within the subset, against brute force
    big = {(i, j) for i, j, _ in pairs if j < args.subset}
    recall_big = len(big & truth) / len(truth) if truth else 1.0
    extra = len(found - truth) + len(big - truth)
    result.update(
        recall_subset=args.subset,
        recall=recall,
        recall_in_full_run=recall_big,
        brute_pairs=len(truth),
        brute_seconds=brute_s,
        subset_seconds=fast_s,
        false_extra=extra,
    )
    n_pairs = args.subset * (args.subset - 1) // 2
    print(
        f"recall vs brute force on {args.subset:,} claims ({n_pairs:,} pairs compared, "
        f"{len(truth):,} reach the threshold; target >= 0.98): match_pairs on the subset "
        f"{recall:.4f}, the {args.claims:,}-claim run's pairs within it {recall_big:.4f}; "
        f"brute force {brute_s:.1f} s vs {fast_s:.2f} s; pairs not in brute force: {extra}"
    )


def indexes(args: argparse.Namespace, result: dict[str, float | int]) -> None:
    """The incremental lexical index and the vector index: build, a new story, save, load."""
    corpus = synthetic_claims(args.index + args.story, seed=23)
    stored, story = corpus[: args.index], corpus[args.index :]
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
    result.update(
        index_claims=args.index,
        index_build_seconds=build_s,
        story_claims=args.story,
        story_seconds=story_s,
        story_matched=matched,
        index_bytes=len(blob),
        index_save_seconds=save_s,
        index_load_seconds=load_s,
        peak_rss_mb=peak_mb(),
        rss_after_index_mb=rss_index,
    )
    print(
        f"index: {args.index:,} claims built in {build_s:.1f} s "
        f"({args.index / build_s:,.0f} claims/s); serialised {len(blob) / 2**20:.0f} MiB "
        f"in {save_s:.1f} s, loaded in {load_s:.1f} s"
    )
    print(
        f"story: {args.story} new claims matched against {args.index:,} in "
        f"{story_s * 1000:.0f} ms (target <= 500 ms); {matched} have matches"
    )
    best = max(
        ((h[0], s) for h, s in zip(hits, story, strict=True) if h),
        key=lambda p: p[0][1],
        default=None,
    )
    if best is not None:
        (cid, score), text = best
        print(f"  e.g. {text!r}\n    ~ {stored[int(cid)]!r} ({score:.0f})")  # type: ignore[call-overload]
    semantic(args, stored, story, index, result)


def batch_vectors(texts: list[str]) -> tuple[np.ndarray, float, bool] | None:
    """The sentence vectors of ``texts``, the seconds encoding them took, and whether they
    came from the cache (then the seconds are those of the run that encoded them).

    None without a model. Cached under :data:`VECTOR_CACHE`, keyed by the model and the
    texts, so the all-pairs run can be repeated without encoding again.
    """
    import hashlib

    from tracker.matching.embedding import get_encoder

    encoder = get_encoder()
    if encoder is None:
        return None
    digest = hashlib.sha256(encoder.model_id.encode())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    key = digest.hexdigest()[:20]
    path, meta = VECTOR_CACHE / f"{key}.npy", VECTOR_CACHE / f"{key}.json"
    if path.is_file() and meta.is_file():
        vectors = np.load(path)
        if vectors.shape == (len(texts), encoder.dim):
            return vectors, float(json.loads(meta.read_text())["seconds"]), True
    t0 = time.perf_counter()
    vectors = encoder.encode(texts)
    seconds = time.perf_counter() - t0
    VECTOR_CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    meta.write_text(json.dumps({"seconds": seconds, "texts": len(texts)}))
    return vectors, seconds, False


def hybrid_pairs(args: argparse.Namespace, result: dict[str, float | int]) -> None:
    """All pairs of the batch with embeddings: the vectors are given (as a database gives
    its stored ones), so the time is the pairing: candidates from the lexical blocks and
    the nearest in meaning, each scored by the hybrid score. Encoding is timed apart."""
    n = args.hybrid_claims or args.claims
    texts = synthetic_claims(n, seed=11)
    found = batch_vectors(texts)
    if found is None:
        from tracker.matching.embedding import unavailable_reason

        print(f"all pairs with embeddings: skipped, no model: {unavailable_reason()}")
        return
    vectors, embed_s, cached = found
    load = os.getloadavg()[0]
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    pairs = match_pairs(texts, args.threshold, vectors=vectors)
    elapsed = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    result.update(
        hybrid_claims=n,
        hybrid_embed_seconds=embed_s,
        hybrid_pairs_found=len(pairs),
        hybrid_pairs_seconds=elapsed,
        hybrid_pairs_cpu_seconds=cpu,
        hybrid_load_average=load,
    )
    how = "from the cache, encoded earlier" if cached else "encoded now"
    print(
        f"match_pairs with embeddings: {n:,} claims -> {len(pairs):,} pairs at "
        f">= {args.threshold:g}; pairing {elapsed:.1f} s given the vectors (target <= 30 s; "
        f"CPU {cpu:.1f} s in all processes; load average {load:.1f}); encoding the "
        f"{n:,} claims took {embed_s:.0f} s ({n / max(embed_s, 1e-9):,.0f} claims/s, {how})"
    )


def synthetic_vectors(base: np.ndarray, n: int, seed: int = 5) -> np.ndarray:
    """``n`` int8 vectors clustered around real sentence vectors (``base``).

    Encoding a million claims takes about an hour here, so the big index is built from
    vectors made like this: each is a real vector of a stored claim, pulled towards a
    second one and jittered, so the set has the real vectors' directions and spread
    with groups of near neighbours, as retold claims make.
    """
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.int8)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        i = rng.integers(0, len(base), m)
        j = rng.integers(0, len(base), m)
        mix = rng.uniform(0.2, 0.8, (m, 1)).astype(np.float32)
        x = (
            base[i]
            + mix * base[j]
            + 0.25
            * rng.standard_normal((m, base.shape[1])).astype(np.float32)
            / np.sqrt(base.shape[1])
        )
        out[start : start + m] = quantize(x)
    return out


def exact_top(codes: np.ndarray, queries: np.ndarray, k: int) -> list[set[int]]:
    """The ids (row numbers) of each query's ``k`` nearest rows, by exact search."""
    q = np.asarray(queries, dtype=np.float32)
    best = [np.empty(0, dtype=np.int64) for _ in range(len(q))]
    scores = [np.empty(0, dtype=np.float32) for _ in range(len(q))]
    for start in range(0, len(codes), 200_000):
        part = dequantize(codes[start : start + 200_000])
        sims = q @ part.T
        for r in range(len(q)):
            top = np.argpartition(-sims[r], k)[:k]
            ids = np.concatenate([best[r], top + start])
            sc = np.concatenate([scores[r], sims[r][top]])
            keep = np.argsort(-sc)[:k]
            best[r], scores[r] = ids[keep], sc[keep]
    return [set(map(int, b)) for b in best]


def semantic(
    args: argparse.Namespace,
    stored: list[str],
    story: list[str],
    lexical: ClaimIndex,
    result: dict[str, float | int],
) -> None:
    """Encoding speed, the vector index (build, size, load), and a new story's whole
    matching path (embedding included) against the stored claims, with recall@10."""
    from tracker.matching.embedding import get_encoder, unavailable_reason
    from tracker.matching.hybrid import CANDIDATE_COSINE

    encoder = get_encoder()
    if encoder is None:
        print(f"semantic: skipped, the model cannot be loaded: {unavailable_reason()}")
        return
    sample = stored[:2000]
    encoder.encode(sample[:64])  # warm-up
    t0 = time.perf_counter()
    base = encoder.encode(sample)
    enc_s = time.perf_counter() - t0
    n = args.vectors or len(stored)
    t0 = time.perf_counter()
    codes = synthetic_vectors(base, n)
    gen_s = time.perf_counter() - t0
    vindex = VectorIndex(encoder.model_id, encoder.dim)
    t0 = time.perf_counter()
    for start in range(0, n, 100_000):
        vindex.add(np.arange(start, min(n, start + 100_000)), codes[start : start + 100_000])
    build_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.vectors"
        saved = vindex.save(path)
        size = path.stat().st_size if saved else codes.nbytes
        t0 = time.perf_counter()
        if saved:
            vindex = VectorIndex.load(path) or vindex
        load_s = time.perf_counter() - t0
    # a new story: embed it, candidates from both indexes, hybrid scores for each
    matcher = lexical.matcher
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    vectors = encoder.encode(story)
    embed_s = time.perf_counter() - t0
    t_ann = time.perf_counter()
    near = vindex.search(vectors, VECTOR_CANDIDATES)
    ann_s = time.perf_counter() - t_ann
    scored = 0
    for text, vec, hits in zip(story, vectors, near, strict=True):
        # as the matching run: lexical candidates down to a margin below the threshold
        cands = {
            int(c)  # type: ignore[call-overload]
            for c, score in lexical.candidates(text, CANDIDATES)
            if score >= SUGGEST_THRESHOLD - 15.0
        }
        cands |= {c for c, cos in hits if cos >= CANDIDATE_COSINE}
        for c in cands:
            cos = float(vec @ dequantize(codes[c])[0])
            matcher.classify(text, stored[c], cosine=cos)
            scored += 1
    story_s = time.perf_counter() - t0
    story_cpu = time.process_time() - cpu0
    truth = exact_top(codes, dequantize(quantize(vectors)), 10)
    top10 = vindex.search(vectors, 10)
    recall = float(
        np.mean(
            [len({c for c, _ in got} & want) / 10 for got, want in zip(top10, truth, strict=True)]
        )
    )
    result.update(
        encode_per_s=len(sample) / enc_s,
        vectors=n,
        vector_build_seconds=build_s,
        vector_generate_seconds=gen_s,
        vector_index_bytes=size,
        vector_load_seconds=load_s,
        story_embed_seconds=embed_s,
        story_ann_seconds=ann_s,
        story_semantic_seconds=story_s,
        story_semantic_cpu_seconds=story_cpu,
        story_pairs_scored=scored,
        recall_at_10=recall,
    )
    print(
        f"embedding: {len(sample) / enc_s:,.0f} claims/s ({len(sample)} stored claims, "
        f"{'each alone' if encoder.runs_alone else 'batch 32 sorted by length'}; "
        "target >= 300)"
    )
    print(
        f"vector index: {n:,} vectors (synthetic, clustered around those real vectors) "
        f"{'HNSW (usearch, int8)' if vindex.approximate else 'exact'} built in {build_s:.1f} s, "
        f"{size / 2**20:.0f} MiB on disk, loaded in {load_s:.2f} s"
    )
    print(
        f"story by meaning and wording: {len(story)} new claims, embedded in "
        f"{embed_s * 1000:.0f} ms, vector search {ann_s * 1000:.0f} ms, {scored} pairs scored; "
        f"{story_s * 1000:.0f} ms in all (target <= 500 ms; CPU {story_cpu * 1000:.0f} ms, "
        f"all threads); recall@10 against exact search "
        f"{recall:.3f} (target >= 0.95)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
