"""Ingest speed, end to end: story files → readers → extraction → SQLite.

    python bench/ingest.py                      # 10,000 stories, plain-text files
    python bench/ingest.py --stories 2000 --format jsonl --profile

Writes N synthetic wire stories (a headline, then 6-10 paragraphs with named, anonymous,
organisation and document sources, direct and indirect quotes, "declined to comment"
and "did not immediately respond") into a temporary folder, then times
``tracker.ingest.ingest_paths`` into a fresh SQLite database with matching off. Writing
the files is not timed. Same seed, same stories.

Prints human-readable figures and one JSON line. The target is 200 stories/s or more.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from tracker.ingest import ingest_paths
from tracker.store import Store

TARGET = 200.0

PLACES = ("Doha", "Damascus", "Beirut", "Ankara", "Amman", "Cairo", "Baghdad", "Riyadh")
COUNTRIES = ("Qatar", "Turkey", "Jordan", "Egypt", "Iraq", "Saudi Arabia", "Iran", "Russia")
FIRST = ("Mohammed", "Leila", "Omar", "Sara", "Karim", "Nadia", "Yusuf", "Hana", "Tariq")
LAST = ("Haddad", "Nassar", "Khalil", "Farah", "Mansour", "Saleh", "Aziz", "Rahman")
TITLES = (
    "a spokesman for the foreign ministry",
    "the energy minister",
    "a senior central bank official",
    "the head of the port authority",
    "an adviser to the prime minister",
)
ANONYMOUS = (
    "an official briefed on the talks",
    "two diplomats familiar with the matter",
    "a senior security source",
    "people with knowledge of the plan",
    "a government official who asked not to be named",
)
ORGS = ("the ministry", "the central bank", "the United Nations", "the World Bank", "the army")
DOCUMENTS = ("a statement", "a report seen by reporters", "court filings", "a draft agreement")
TOPICS = (
    "the reopening of border crossings",
    "fuel subsidies",
    "a new round of talks",
    "the release of detainees",
    "reconstruction funding",
    "grain shipments",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _paragraph(rng: random.Random, outlet: str) -> str:
    country = rng.choice(COUNTRIES)
    topic = rng.choice(TOPICS)
    day = rng.choice(DAYS)
    n = rng.randint(2, 950)
    kind = rng.randrange(9)
    if kind == 0:
        return (
            f"{country} will resume {topic} on {day}, {rng.choice(ANONYMOUS)} told {outlet}, "
            f"adding that {n} people had been affected."
        )
    if kind == 1:
        name = _person(rng)
        return (
            f'"We are ready to discuss {topic} with everyone," {name}, {rng.choice(TITLES)}, '
            f"said on {day}."
        )
    if kind == 2:
        return (
            f"{rng.choice(ORGS).capitalize()} said {n} million dollars had been set aside for "
            f"{topic}, according to {rng.choice(DOCUMENTS)}."
        )
    if kind == 3:
        return (
            f"{rng.choice(ORGS).capitalize()} declined to comment on {topic}, and it was not "
            f"clear whether {country} would take part."
        )
    if kind == 4:
        name = _person(rng)
        return (
            f"{name}, {rng.choice(TITLES)}, said the talks had made progress on {topic}, "
            f"without giving details."
        )
    if kind == 5:
        return (
            f"{country}'s foreign ministry did not immediately respond to a request for comment "
            f"on {topic}."
        )
    if kind == 6:
        return (
            f"Prices of staple goods rose {n % 40 + 1}% in the past month, the highest rise since "
            f"{2000 + n % 24}."
        )
    if kind == 7:
        name = _person(rng)
        return (
            f"{name} denied that {country} had agreed to {topic}. "
            f'"That is simply not true," {name.split()[-1]} said.'
        )
    return (
        f"Officials met in {rng.choice(PLACES)} on {day} to discuss {topic}, a week after "
        f"{n} delegates gathered for the first round."
    )


def make_story(rng: random.Random, index: int) -> tuple[str, str, str]:
    """(title, outlet, body) of one synthetic wire story."""
    outlet = rng.choice(("Reuters", "AP", "AFP", "Meridian", "Gulf Ledger"))
    title = f"{rng.choice(COUNTRIES)} talks on {rng.choice(TOPICS)} ({index})"
    paragraphs = [_paragraph(rng, outlet) for _ in range(rng.randint(6, 10))]
    dateline = f"{rng.choice(PLACES).upper()} ({outlet}) - "
    paragraphs[0] = dateline + paragraphs[0]
    return title, outlet, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_stories(folder: Path, count: int, fmt: str, seed: int) -> int:
    """Write ``count`` stories; returns the bytes written."""
    rng = random.Random(seed)
    size = 0
    if fmt == "jsonl":
        with (folder / "stories.jsonl").open("w", encoding="utf-8") as out:
            for i in range(count):
                title, outlet, body = make_story(rng, i)
                line = json.dumps({"title": title, "outlet": outlet, "body": body}) + "\n"
                size += len(line.encode())
                out.write(line)
        return size
    for i in range(count):
        _, _, body = make_story(rng, i)
        path = folder / f"story_{i:06d}.txt"
        path.write_text(body, encoding="utf-8")
        size += len(body.encode())
    return size


def _time_stages() -> dict[str, list[float]]:
    """Wrap the pipeline's stages with wall-clock timers (no profiler overhead)."""
    from tracker.ingest import pipeline

    totals: dict[str, list[float]] = {}

    def timed(name: str, func):  # type: ignore[no-untyped-def]
        totals[name] = [0, 0.0]

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                totals[name][0] += 1
                totals[name][1] += time.perf_counter() - start

        return wrapper

    pipeline.read_path = timed("read (readers)", pipeline.read_path)
    pipeline.find_by_hash = timed("find_by_hash (store)", pipeline.find_by_hash)
    pipeline.extract_claims = timed("extract_claims (extract)", pipeline.extract_claims)
    pipeline.add_story = timed("add_story (store)", pipeline.add_story)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--workers", type=int, default=None, help="helper processes (default: ingest's choice)"
    )
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    parser.add_argument(
        "--breakdown", action="store_true", help="time reading, extraction and storing apart"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tracker-bench-ingest-") as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        size = write_stories(folder, args.stories, args.format, args.seed)
        store = Store.open(f"sqlite:///{Path(tmp, 'bench.db')}")
        profiler = cProfile.Profile() if args.profile else None
        load_before = os.getloadavg()[0]
        stages = _time_stages() if args.breakdown else None
        start_cpu = time.process_time()
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        summary = ingest_paths(
            store,
            [str(folder)],
            match=False,
            max_bytes=max(size + 1, 1),
            workers=args.workers,
        )
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - start_cpu
        store.close()
        db_bytes = Path(tmp, "bench.db").stat().st_size

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    helper_cpu = helpers.ru_utime + helpers.ru_stime
    helper_peak_mb = helpers.ru_maxrss / 1024
    stories = summary.added + summary.updated
    per_s = stories / elapsed if elapsed else 0.0
    claims_per_s = summary.claims / elapsed if elapsed else 0.0
    writer_ms = cpu / stories * 1000 if stories else 0.0
    helper_ms = helper_cpu / stories * 1000 if stories else 0.0
    print(
        f"ingested {stories:,} stories ({size / 1e6:.1f} MB of {args.format}) "
        f"with {summary.claims:,} claims in {elapsed:.1f} s"
    )
    print(
        f"  {per_s:,.0f} stories/s, {claims_per_s:,.0f} claims/s "
        f"(target {TARGET:.0f} stories/s: {'met' if per_s >= TARGET else 'MISSED'})"
    )
    if helper_cpu:
        where = (
            f"{writer_ms:.2f} ms storing (this process), {helper_ms:.2f} ms reading and "
            "extracting (helper processes)"
        )
    else:
        where = f"{writer_ms:.2f} ms reading, extracting and storing (one process, no helpers)"
    print(
        f"  CPU per story: {where}; machine load {load_before:.1f} -> "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"  peak memory {peak_mb:,.0f} MB (largest helper {helper_peak_mb:,.0f} MB), "
        f"database {db_bytes / 1e6:.1f} MB, {len(summary.failed)} failed"
    )
    if stages:
        for name, (calls, seconds) in stages.items():
            per = seconds / calls * 1000 if calls else 0.0
            print(f"  {name:<28} {seconds:6.2f} s  {calls:7,} calls  {per:6.2f} ms each")
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
        print(stream.getvalue())
    print(
        json.dumps(
            {
                "bench": "ingest",
                "stories": stories,
                "claims": summary.claims,
                "format": args.format,
                "seconds": round(elapsed, 3),
                "cpu_seconds": round(cpu, 3),
                "helper_cpu_seconds": round(helper_cpu, 3),
                "writer_cpu_ms_per_story": round(writer_ms, 3),
                "helper_cpu_ms_per_story": round(helper_ms, 3),
                "load_average_before": round(load_before, 2),
                "stories_per_s": round(per_s, 1),
                "claims_per_s": round(claims_per_s, 1),
                "peak_rss_mb": round(peak_mb, 1),
                "helper_peak_rss_mb": round(helper_peak_mb, 1),
                "failed": len(summary.failed),
                "target_stories_per_s": TARGET,
                "met": per_s >= TARGET,
            }
        )
    )
    return 0 if not summary.failed else 1


if __name__ == "__main__":
    sys.exit(main())
