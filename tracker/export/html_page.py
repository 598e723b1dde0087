"""The HTML report: one self-contained, printable page with an inline SVG status chart.

Everything from the database is untrusted (story titles, claims, notes, even reviewer
names) and goes through :func:`html.escape`; a story that contains ``<script>`` prints
it as text. As a second line of defence the page declares a Content-Security-Policy that
allows no scripts and no requests at all, only its own inline style. Only plain http(s)
addresses become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TextIO

from tracker.export.header import (
    ReportHeader,
    claim_flags,
    day,
    decision_line,
    event_line,
    filter_items,
    key_figures,
    kind_order,
    match_line,
    overview,
    status_label,
    status_order,
    timestamp,
)
from tracker.store.claims import AuditEntry
from tracker.store.reports import ReportClaim, ReportMatch, ReportSnapshot, ReportSummary
from tracker.vocab import AttributionKind, ClaimStatus

_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)

STATUS_COLOURS: dict[ClaimStatus, str] = {
    ClaimStatus.PENDING: "#8a8f98",
    ClaimStatus.CONFIRMED: "#2e7d32",
    ClaimStatus.DISPUTED: "#ef6c00",
    ClaimStatus.FALSE: "#c62828",
    ClaimStatus.UNCLEAR: "#6a1b9a",
    ClaimStatus.NO_RESPONSE: "#1565c0",
}

_STYLE = """
body { font: 15px/1.45 Georgia, "Times New Roman", serif; color: #1b1b1b; margin: 2em auto;
  max-width: 52em; padding: 0 1em; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.7em; margin-bottom: .3em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1b1b1b; padding-bottom: .15em; margin-top: 2em; }
h3 { font-size: 1em; margin: 0 0 .3em; }
table { border-collapse: collapse; margin: .6em 0 1em; }
th, td { border: 1px solid #c8c8c8; padding: .2em .6em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.facts { color: #555; margin-top: -.4em; }
article.claim { border-left: 4px solid #8a8f98; padding: .2em 0 .2em .8em; margin: 1em 0;
  break-inside: avoid; page-break-inside: avoid; }
article.claim blockquote { margin: .2em 0 .4em; font-size: 1.05em; }
article.claim ul { margin: .2em 0; padding-left: 1.3em; }
.status { font-weight: bold; }
.chart text { font: 12px "Helvetica Neue", Arial, sans-serif; fill: #1b1b1b; }
.empty { font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(value: object) -> str:
    """Any value as inert HTML text (quotes escaped too, so it is safe in attributes)."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def link(url: str | None) -> str:
    """A plain http(s) address as a link; anything else (``javascript:``...) as text."""
    if not url:
        return ""
    if _SAFE_URL.fullmatch(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url)


def status_css() -> str:
    """Colour per status for the claims' left border and the chart's bars."""
    rules = []
    for status, colour in STATUS_COLOURS.items():
        rules.append(f"article.claim.s-{status.value} {{ border-left-color: {colour}; }}")
        rules.append(f".chart .s-{status.value} {{ fill: {colour}; }}")
    return "\n".join(rules) + "\n"


def chart(summary: ReportSummary) -> str:
    """Claims by status as a horizontal bar chart in inline SVG (no scripts, no fonts)."""
    statuses = status_order()
    row, label_width, bar_width = 24, 110, 320
    height = row * len(statuses) + 8
    top = max((summary.by_status.get(s, 0) for s in statuses), default=0)
    width_all = label_width + bar_width + 120
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width_all}"'
        f' height="{height}" viewBox="0 0 {width_all} {height}" role="img"'
        ' aria-labelledby="chart-title">',
        '<title id="chart-title">Claims by status</title>',
    ]
    for i, status in enumerate(statuses):
        n = summary.by_status.get(status, 0)
        y = 4 + i * row
        width = round(bar_width * n / top) if top else 0
        parts.append(
            f'<text x="0" y="{y + 16}">{esc(status_label(status))}</text>'
            f'<rect class="s-{status.value}" x="{label_width}" y="{y + 3}" width="{width}"'
            f' height="{row - 8}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 16}">{n} ({summary.share(n):.1f}%)</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _head(out: TextIO, header: ReportHeader) -> None:
    items = filter_items(header.filter)
    described = "; ".join(f"{esc(label)}: {esc(value)}" for label, value in items)
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write(
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
    )
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f'<meta name="generator" content="{esc(header.tool)}">\n')
    out.write("<title>Claim audit report</title>\n")
    out.write(f"<style>{_STYLE}{status_css()}</style>\n</head>\n<body>\n")
    out.write('<header>\n<h1>Claim audit report</h1>\n<dl class="meta">\n')
    rows = (
        ("Database", esc(header.database)),
        ("Filter", described or "all claims"),
        ("Generated at", esc(timestamp(header.generated_at))),
        ("Generated by", f"{esc(header.generated_by)}, {esc(header.organization)}"),
        ("Tool", esc(header.tool)),
    )
    for label, value in rows:
        out.write(f"<dt>{label}</dt><dd>{value}</dd>\n")
    out.write("</dl>\n</header>\n")


def _summary(out: TextIO, summary: ReportSummary) -> None:
    out.write('<section class="summary">\n<h2>Summary</h2>\n')
    out.write(f"<p>{esc(overview(summary))}</p>\n")
    out.write(chart(summary))
    out.write("<table>\n<tr><th>Status</th><th>Claims</th><th>Share</th></tr>\n")
    for status in status_order():
        n = summary.by_status.get(status, 0)
        out.write(
            f'<tr><td>{esc(status_label(status))}</td><td class="n">{n}</td>'
            f'<td class="n">{summary.share(n):.1f}%</td></tr>\n'
        )
    out.write(
        f'<tr><th>total</th><td class="n">{summary.claims}</td>'
        f'<td class="n">{summary.share(summary.claims):.1f}%</td></tr>\n</table>\n'
    )
    out.write("<table>\n<tr><th>Source kind</th><th>Claims</th><th>Share</th></tr>\n")
    for kind in kind_order():
        n = summary.by_source_kind.get(kind, 0)
        out.write(
            f'<tr><td>{esc(kind.value)}</td><td class="n">{n}</td>'
            f'<td class="n">{summary.share(n):.1f}%</td></tr>\n'
        )
    out.write("</table>\n")
    out.write("<table>\n<tr><th>Attribution kind</th><th>Claims</th><th>Share</th></tr>\n")
    for attribution in AttributionKind:
        n = summary.by_kind.get(attribution, 0)
        out.write(
            f'<tr><td>{esc(attribution.value)}</td><td class="n">{n}</td>'
            f'<td class="n">{summary.share(n):.1f}%</td></tr>\n'
        )
    out.write("</table>\n<ul>\n")
    for line in key_figures(summary):
        out.write(f"<li>{esc(line)}</li>\n")
    out.write("</ul>\n</section>\n")


def _story(out: TextIO, item: ReportClaim) -> None:
    story = item.story
    out.write(f'<section class="story" id="story-{story.id}">\n')
    out.write(f"<h2>Story {story.id}: {esc(story.title) or '(untitled)'}</h2>\n")
    facts = [esc(story.outlet) or "(no outlet)", esc(day(story.published)) or "(no date)"]
    if story.url:
        facts.append(link(story.url))
    out.write(f'<p class="facts">{" · ".join(facts)}</p>\n')
    if story.byline:
        out.write(f"<p>By {esc(story.byline)}</p>\n")
    if story.revision_of is not None:
        out.write(f"<p>Revision of story {story.revision_of}</p>\n")


def _match(m: ReportMatch) -> str:
    return match_line(m, esc, lambda status: f'<span class="status">{esc(status)}</span>')


def _event(e: AuditEntry) -> str:
    return event_line(e, esc)


def _claim(out: TextIO, item: ReportClaim, *, history: bool) -> None:
    c = item.claim
    out.write(f'<article class="claim s-{c.status.value}" id="claim-{c.id}">\n')
    out.write(f"<h3>Claim {c.id}</h3>\n<blockquote>{esc(c.text)}</blockquote>\n<ul>\n")
    out.write(f"<li>Source: {esc(c.source) or '(no source)'} ({esc(c.source_kind.value)})</li>\n")
    out.write(
        f"<li>Cue: {esc(c.cue) or '(none)'}; quote: {esc(c.quote)}; "
        f"kind: {esc(c.kind.value)}</li>\n"
    )
    status = f'<li>Status: <span class="status">{esc(status_label(c.status))}</span>'
    if c.status_note:
        status += f": {esc(c.status_note)}"
    out.write(status + "</li>\n")
    out.write(f"<li>{decision_line(item.set_by, item.set_at, esc)}</li>\n")
    for flag in claim_flags(c, esc):
        out.write(f"<li>{flag}</li>\n")
    if item.matches:
        out.write("<li>In other stories:<ul>\n")
        for m in item.matches:
            out.write(f"<li>{_match(m)}</li>\n")
        out.write("</ul></li>\n")
    if history:
        if item.events:
            out.write("<li>History:<ul>\n")
            for e in item.events:
                out.write(f"<li>{_event(e)}</li>\n")
            out.write("</ul></li>\n")
        else:
            out.write("<li>History: no changes recorded</li>\n")
    out.write("</ul>\n</article>\n")


def write(
    snapshot: ReportSnapshot,
    out: TextIO,
    header: ReportHeader,
    *,
    history: bool,
    events: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Write the HTML page; ``history`` adds each claim's audit trail."""
    del events
    _head(out, header)
    summary = snapshot.summary(header.filter)
    _summary(out, summary)
    written = 0
    story_id: int | None = None
    for batch in snapshot.claims(header.filter, events=history):
        for item in batch:
            if item.story.id != story_id:
                if story_id is not None:
                    out.write("</section>\n")
                story_id = item.story.id
                _story(out, item)
            _claim(out, item, history=history)
        written += len(batch)
        if progress is not None:
            progress(written)
    if story_id is not None:
        out.write("</section>\n")
    if written == 0:
        out.write('<p class="empty">No claims match this filter.</p>\n')
    out.write("</body>\n</html>\n")
    return written
