"""Score how the extractor links status hints to claims, keeps negation and names sources.

Run: ``python bench/status_links.py [--gold FILE] [--half tune|blind|all] [--show]``.
Prints figures for each half of the set and both together, then one JSON line with every
figure (the last line of output). ``--show`` lists the failures of the tune half only: the
blind half is scored, never read.

Data: ``tests/gold/status_links.json``, realistic stories about fictional people and places
written for this bench and annotated before the extractor was run on them (see its
``about``). Each claim gives its content, source (and ``canonical``, the full mention a
later one stands for; ``source_alts``, other acceptable forms), source kind, attribution
kind, status and note; ``negation`` the words that must survive in the claim; each story
lists its ``furniture`` (headline, byline, dateline, caption, teaser).

Figures (predicted claims matched one-to-one to gold claims at 30% overlap, as in
``bench/extraction.py``)
  hinted status right   gold claims a hint qualifies (status not pending) whose matched
                        prediction has that status; an unmatched one counts as wrong.
                        Floor 0.80.
  wrong pins            predictions with a status other than pending that match a pending
                        gold claim or no gold claim, over the gold claims left pending.
                        Ceiling 0.05.
  negation kept         matched gold claims with a negation whose prediction holds the
                        negation words in its text (or, for a denial, in its cue). Floor 0.95.
  furniture claims      predictions whose content or source overlaps a headline, byline,
                        dateline, caption or teaser, over all predictions. Ceiling 0.02.
  source right          matched gold claims whose prediction names the gold source: the
                        outlet's voice for an outlet claim; otherwise the predicted source or
                        mention equals, lower-cased and without a leading article, the gold
                        source, its canonical form or one of its alternatives. A pronoun
                        given as a named source is wrong. Floor 0.90.
  Also printed: recall at 30%, note right (the predicted note and the gold note share the
  hint's words), source kind and attribution kind agreement.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import match, overlap  # noqa: E402
from tracker.extract import ExtractedClaim, extract_claims  # noqa: E402
from tracker.vocab import ClaimStatus, SourceKind  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "status_links.json"
FLOORS = {
    "hinted_status": (0.80, ">="),
    "wrong_pins": (0.05, "<="),
    "negation_kept": (0.95, ">="),
    "furniture_claims": (0.02, "<="),
    "source_right": (0.90, ">="),
}
_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PRONOUNS = frozenset("he she they it we i you him her them".split())
_WORD = re.compile(r"[\w'’-]+")


def _norm(s: str | None) -> str:
    if not s:
        return ""
    return _DET.sub("", s.strip(" ,.;:\"“”'’").lower()).replace("’", "'")


def _source_right(pred: ExtractedClaim, gold: dict[str, Any]) -> bool:
    if gold.get("source") is None:
        return pred.source_kind is SourceKind.OUTLET
    if pred.source_kind is SourceKind.OUTLET:
        return False
    if _norm(pred.source) in _PRONOUNS and pred.source_kind is SourceKind.NAMED:
        return False  # a pronoun is never a named source
    want = {_norm(gold["source"]), _norm(gold.get("canonical"))}
    want |= {_norm(a) for a in gold.get("source_alts", ())}
    want.discard("")
    return _norm(pred.source) in want or _norm(pred.source_mention) in want


def _note_right(pred: ExtractedClaim, gold: dict[str, Any]) -> bool:
    words = set(_WORD.findall((gold.get("note") or "").lower()))
    got = set(_WORD.findall((pred.status_note or "").lower()))
    return bool(words) and len(words & got) >= 0.6 * len(words)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out = []
    pos = text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def score_doc(doc: dict[str, Any], tally: dict[str, list[int]], show: bool) -> None:
    """Add one story's counts to ``tally`` (name -> [right, out of])."""
    text = doc["text"]
    claims = extract_claims(text)
    gold = doc["claims"]
    gspans = []
    for g in gold:
        pos = text.find(g["content"])
        gspans.append((pos, pos + len(g["content"])))
    pairs = match([c.content_span for c in claims], gspans, 0.3)
    by_pred = dict(pairs)
    by_gold = {j: i for i, j in pairs}
    furniture = [sp for f in doc["furniture"] for sp in _spans(text, f)]

    def add(name: str, ok: bool, why: str) -> None:
        tally.setdefault(name, [0, 0])
        tally[name][0] += ok
        tally[name][1] += 1
        if show and not ok:
            print(f"  [{doc['id']}] {name}: {why}")

    tally.setdefault("recall", [0, 0])
    tally["recall"][1] += len(gold)
    tally["recall"][0] += len(pairs)
    for j, g in enumerate(gold):
        i = by_gold.get(j)
        pred = claims[i] if i is not None else None
        if show and pred is None:
            print(f"  [{doc['id']}] missed: {g['content'][:70]!r}")
        if g["status"] != ClaimStatus.PENDING.value:
            ok = pred is not None and pred.status.value == g["status"]
            got = "no claim" if pred is None else f"{pred.status.value} ({pred.status_note!r})"
            add("hinted_status", ok, f"{g['content'][:60]!r}: want {g['status']}, got {got}")
            if ok and pred is not None:
                add("note_right", _note_right(pred, g), f"note {pred.status_note!r}")
        if pred is None:
            continue
        if g.get("negation"):
            neg = g["negation"].lower()
            ok = neg in pred.text.lower() or neg in (pred.cue or "").lower()
            add("negation_kept", ok, f"{neg!r} not in {pred.text!r} / cue {pred.cue!r}")
        add(
            "source_right",
            _source_right(pred, g),
            f"{g['content'][:40]!r}: want {g.get('source')!r}, got {pred.source!r} "
            f"({pred.source_kind.value}, mention {pred.source_mention!r})",
        )
        add(
            "source_kind",
            pred.source_kind.value == g["source_kind"],
            f"{pred.source!r}: want {g['source_kind']}, got {pred.source_kind.value}",
        )
        add("kind", pred.kind.value == g["kind"], f"want {g['kind']}, got {pred.kind.value}")
    pending = sum(g["status"] == ClaimStatus.PENDING.value for g in gold)
    tally.setdefault("wrong_pins", [0, 0])
    tally["wrong_pins"][1] += pending
    for i, c in enumerate(claims):
        if c.status is ClaimStatus.PENDING:
            continue
        j = by_pred.get(i)
        if j is None or gold[j]["status"] == ClaimStatus.PENDING.value:
            tally["wrong_pins"][0] += 1
            if show:
                note = f"{c.status.value} ({c.status_note!r})"
                print(f"  [{doc['id']}] wrong pin: {note} on {c.text!r}")
    tally.setdefault("furniture_claims", [0, 0])
    for c in claims:
        tally["furniture_claims"][1] += 1
        hit = any(
            overlap(c.content_span, f) > 0 or (c.source_span and overlap(c.source_span, f) > 0)
            for f in furniture
        )
        if hit:
            tally["furniture_claims"][0] += 1
            if show:
                print(f"  [{doc['id']}] furniture claim: {c.source!r} / {c.text!r}")


def figures(tally: dict[str, list[int]]) -> dict[str, Any]:
    return {k: {"value": round(a / b, 3) if b else 0.0, "n": b} for k, (a, b) in tally.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--show", action="store_true", help="list failures of the tune half")
    args = ap.parse_args(argv)
    data = json.loads(args.gold.read_text(encoding="utf-8"))
    results: dict[str, Any] = {}
    for half in ("tune", "blind", "all"):
        docs = [d for d in data["documents"] if half == "all" or d["half"] == half]
        tally: dict[str, list[int]] = {}
        if args.show and half == "tune":
            print("failures on the tune half:")
        for d in docs:
            score_doc(d, tally, args.show and half == "tune")
        figs = figures(tally)
        results[half] = figs
        print(f"{half} half: {len(docs)} stories" if half != "all" else f"all: {len(docs)} stories")
        for name in (
            "hinted_status",
            "wrong_pins",
            "negation_kept",
            "furniture_claims",
            "source_right",
            "recall",
            "note_right",
            "source_kind",
            "kind",
        ):
            f = figs.get(name, {"value": 0.0, "n": 0})
            bound = FLOORS.get(name)
            mark = ""
            if bound is not None:
                lim, op = bound
                good = f["value"] >= lim if op == ">=" else f["value"] <= lim
                mark = f"  ({op} {lim}: {'ok' if good else 'BELOW'})"
            print(f"  {name:<17} {f['value']:.3f}  (n={f['n']}){mark}")
    print(json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
