"""Readers: story files in, :class:`~tracker.store.StoryInput` out.

One reader per format a newsroom hands us: plain text (wire copy), Markdown with front
matter (CMS exports, reporters' notes), saved HTML pages, and JSON / JSON Lines (feeds and
archives, one story per object). A plain-text, Markdown or HTML story may carry its
metadata in a sidecar ``NAME.meta.json`` next to it (its fields win over the file's own),
so the story file's characters stay exactly as the outlet published them.

Readers never touch the database. A file that cannot be read raises :class:`ReadError`;
a file holding several stories (JSON, JSON Lines) reports each bad story separately so
that the good ones are still stored.
"""

from __future__ import annotations

import json
import logging
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.ingest.decoding import declared_charset, decode_text
from tracker.ingest.errors import ReadError

# Defined apart so that the command line can offer them without loading the readers;
# still importable from here, where they have always been.
from tracker.ingest.formats import MAX_FILE_BYTES as MAX_FILE_BYTES
from tracker.ingest.formats import STDIN as STDIN
from tracker.ingest.formats import STDIN_NAME as STDIN_NAME
from tracker.ingest.formats import Format as Format
from tracker.store.stories import StoryInput

SIDECAR_SUFFIX = ".meta.json"

# Longest title we keep when it has to be read off the first line of the text.
TITLE_CHARS = 160


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TXT,
    ".text": Format.TXT,
    ".md": Format.MD,
    ".markdown": Format.MD,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
}

# Metadata keys as feeds and CMS exports spell them, mapped to ours.
_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "byline": "byline",
    "author": "byline",
    "authors": "byline",
}
_BODY_KEYS = ("body", "text")

# trafilatura explains each page it reads at INFO/DEBUG and warns about odd markup; a
# bad page is reported by us, once, as a failed file.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(slots=True)
class FileReading:
    """What one file held: its stories, and the stories in it that could not be read."""

    where: str
    encoding: str = "utf-8"
    stories: list[StoryInput] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def format_of(path: Path) -> Format | None:
    """The format a file's name announces, or None for a name we do not read."""
    if path.name.endswith(SIDECAR_SUFFIX):
        return None
    return SUFFIXES.get(path.suffix.lower())


def is_sidecar(path: Path) -> bool:
    """True for a ``NAME.meta.json`` metadata file (not a story of its own)."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_of(path: Path) -> Path:
    """Where the metadata sidecar of a story file would be: ``NAME.meta.json``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(stem + SIDECAR_SUFFIX)


def sniff_format(text: str) -> Format:
    """Guess the format of text that came without a file name (stdin, odd suffixes)."""
    head = text.lstrip()[:512]
    lowered = head.lower()
    if head.startswith("---") and text.lstrip().startswith(("---\n", "---\r\n")):
        return Format.MD
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text.lower() or "<p" in lowered)
    ):
        return Format.HTML
    if head.startswith("["):
        return Format.JSON
    if head.startswith("{"):
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:3]):
            try:
                json.loads(text)
            except json.JSONDecodeError:
                return Format.JSONL
        return Format.JSON
    return Format.TXT


def read_path(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> FileReading:
    """Read every story in one file, with its sidecar metadata if it has one.

    Raises :class:`ReadError` when the file as a whole cannot be read (missing, too big,
    empty, binary, undecodable, malformed); a bad story inside a JSON or JSON Lines file
    is listed in ``failures`` and the others are still returned.
    """
    where = str(path)
    if is_sidecar(path):
        raise ReadError("metadata sidecar, not a story: ingest the story file next to it")
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ReadError("no such file or folder") from exc
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("is a folder")
    if not stat.S_ISREG(info.st_mode):
        # A device or a pipe could stream forever; stdin has its own name: -
        raise ReadError("not a regular file (use - to read stdin)")
    if info.st_size > max_bytes:
        raise ReadError(_too_big(info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise ReadError(_too_big(len(data), max_bytes))
    fmt = format_of(path)
    # A sidecar describes one story; a JSON file carries each story's metadata itself.
    sidecar = None if fmt in (Format.JSON, Format.JSONL) else _read_sidecar(sidecar_of(path))
    return read_bytes(data, where=where, fmt=fmt, meta=sidecar, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    *,
    where: str = STDIN_NAME,
    fmt: Format | None = None,
    meta: Mapping[str, Any] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> FileReading:
    """Read the stories in raw bytes (a file's content, or stdin).

    ``fmt`` None means: guess from the content. ``meta`` (a sidecar's fields) wins over
    metadata found in the file itself.
    """
    if len(data) > max_bytes:
        raise ReadError(_too_big(len(data), max_bytes))
    text, encoding = decode_text(
        data, declared=declared_charset(data) if fmt in (Format.HTML, None) else None
    )
    reading = read_text(text, where=where, fmt=fmt or sniff_format(text), meta=meta)
    reading.encoding = encoding
    return reading


def read_text(
    text: str, *, where: str, fmt: Format, meta: Mapping[str, Any] | None = None
) -> FileReading:
    """Read the stories in decoded text of a known format."""
    overrides = _story_fields(meta, "metadata sidecar") if meta else {}
    reading = FileReading(where=where)
    if fmt is Format.TXT:
        fields = {"body": text}
        reading.stories.append(_finish(fields, overrides, origin=where))
    elif fmt is Format.MD:
        fields = _read_markdown(text)
        reading.stories.append(_finish(fields, overrides, origin=where))
    elif fmt is Format.HTML:
        fields = _read_html(text)
        reading.stories.append(_finish(fields, overrides, origin=where))
    else:
        for label, item in _json_items(text, fmt, where, reading):
            try:
                fields = _story_fields(item, "story")
                if "body" not in fields:
                    raise ReadError("no story text: the object has no 'body' or 'text' field")
                reading.stories.append(_finish(fields, overrides, origin=label))
            except ReadError as exc:
                reading.failures.append((label, exc.reason))
        if not reading.stories and not reading.failures:
            raise ReadError("no stories: the JSON holds no story objects")
    return reading


def first_line_title(body: str) -> str:
    """A title read off the first line of a story's text, cut at a word if it is long."""
    for line in body.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= TITLE_CHARS:
                return line
            cut = line[:TITLE_CHARS].rsplit(" ", 1)[0]
            return cut.rstrip(",;:") + "…"
    return ""


def parse_published(value: Any) -> date:
    """A publication date from the forms feeds use: ISO dates and times, "10 December 2024"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ReadError(f"published: cannot read {value!r} as a date (use YYYY-MM-DD)")
    raw = value.strip()
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw.replace(",", " "))
    cleaned = " ".join(cleaned.split())
    for pattern in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%Y/%m/%d", "%a %d %b %Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ReadError(f"published: cannot read {raw!r} as a date (use YYYY-MM-DD)")


# -- metadata ---------------------------------------------------------------------------


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        text, _ = decode_text(path.read_bytes())
        meta = json.loads(text)
    except ReadError as exc:
        raise ReadError(f"metadata sidecar {path.name}: {exc.reason}") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"metadata sidecar {path.name}: malformed JSON ({exc.msg}, line {exc.lineno})"
        ) from exc
    except OSError as exc:
        raise ReadError(f"metadata sidecar {path.name}: {exc.strerror or exc}") from exc
    if not isinstance(meta, dict):
        raise ReadError(f"metadata sidecar {path.name}: expected a JSON object")
    return meta


def _story_fields(item: Any, what: str) -> dict[str, Any]:
    """Our fields from a JSON object or front matter, checked; unknown keys are ignored."""
    if not isinstance(item, Mapping):
        raise ReadError(f"the {what} is not a JSON object")
    fields: dict[str, Any] = {}
    for key, value in item.items():
        if not isinstance(key, str):
            continue
        lowered = key.strip().lower()
        if lowered in _BODY_KEYS and "body" not in fields:
            if not isinstance(value, str):
                raise ReadError(f"'{key}' is not text")
            fields["body"] = value
            continue
        name = _KEYS.get(lowered)
        if name is None or name in fields or _absent(value):
            continue
        if name == "published":
            fields[name] = parse_published(value)
        elif name == "byline" and isinstance(value, list):
            fields[name] = ", ".join(str(v).strip() for v in value if str(v).strip())
        elif isinstance(value, str):
            if value.strip():
                fields[name] = " ".join(value.split())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            fields[name] = str(value)
        else:
            raise ReadError(f"'{key}' is not text")
    return fields


def _absent(value: Any) -> bool:
    """An empty or null metadata value: the field is simply not given."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in ("", "null", "~", "none")
    return isinstance(value, list | dict) and not value


def _finish(fields: dict[str, Any], overrides: dict[str, Any], *, origin: str) -> StoryInput:
    merged = {**fields, **{k: v for k, v in overrides.items() if k != "body"}}
    body = merged.get("body", "")
    if not body.strip():
        raise ReadError("no story text")
    story = StoryInput(
        body=body,
        title=merged.get("title") or first_line_title(body),
        outlet=merged.get("outlet", ""),
        url=merged.get("url"),
        published=merged.get("published"),
        byline=merged.get("byline"),
        origin=origin,
    )
    return story


def with_defaults(
    story: StoryInput, *, outlet: str | None = None, published: date | None = None
) -> StoryInput:
    """Fill what a story's file did not say with the run's defaults (``--outlet``...)."""
    changes: dict[str, Any] = {}
    if outlet and not story.outlet:
        changes["outlet"] = outlet
    if published and story.published is None:
        changes["published"] = published
    return replace(story, **changes) if changes else story


# -- Markdown ---------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` front matter (simple ``key: value`` lines) from a Markdown story."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    if not closing:
        raise ReadError("front matter opened with '---' on line 1 is never closed")
    meta: dict[str, str] = {}
    last_key: str | None = None
    for number, line in enumerate(lines[1:closing], start=2):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") and last_key is not None:
            # A YAML list under the last key (authors, tags): keep items comma-joined.
            item = _unquote(stripped[2:].strip())
            meta[last_key] = f"{meta[last_key]}, {item}" if meta.get(last_key) else item
            continue
        key, sep, value = stripped.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            raise ReadError(f"front matter line {number}: expected 'key: value', got {stripped!r}")
        last_key = key.strip()
        meta[last_key] = _unquote(value.strip())
    return meta, "".join(lines[closing + 1 :])


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"') if value[0] == '"' else inner.replace("''", "'")
    return value


def _read_markdown(text: str) -> dict[str, Any]:
    raw_meta, rest = split_front_matter(text)
    fields = _story_fields(raw_meta, "front matter") if raw_meta else {}
    paragraphs, heading = _markdown_paragraphs(rest)
    if heading and "title" not in fields:
        fields["title"] = heading
    elif heading:
        # A heading repeating the front-matter title is the headline, not story text.
        if " ".join(heading.split()) != fields["title"]:
            paragraphs.insert(0, heading)
    fields["body"] = "\n\n".join(paragraphs)
    return fields


def _markdown_paragraphs(text: str) -> tuple[list[str], str | None]:
    """Plain-text paragraphs of a Markdown body, and its first top-level heading."""
    paragraphs: list[str] = []
    heading: str | None = None
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            joined = _inline(" ".join(current))
            if joined:
                paragraphs.append(joined)
            current.clear()

    for line in text.splitlines():
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or _LINK_DEFINITION.match(line):
            continue
        if not line.strip():
            flush()
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            flush()
            title = _inline(atx.group(2))
            if heading is None and len(atx.group(1)) == 1 and not paragraphs:
                heading = title
            elif title:
                paragraphs.append(title)
            continue
        if current and _SETEXT_RULE.match(line) and not _LIST_MARKER.match(current[-1]):
            title = _inline(" ".join(current))
            current.clear()
            if heading is None and line.strip().startswith("=") and not paragraphs:
                heading = title
            elif title:
                paragraphs.append(title)
            continue
        if _THEMATIC_BREAK.match(line):
            flush()
            continue
        line = _QUOTE_MARKER.sub("", line)
        if _LIST_MARKER.match(line):
            # Each list item reads as its own paragraph.
            flush()
            line = _LIST_MARKER.sub("", line)
        current.append(line.strip())
    flush()
    return paragraphs, heading


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


# -- HTML -------------------------------------------------------------------------------


def _read_html(text: str) -> dict[str, Any]:
    import trafilatura  # heavy (lxml, htmldate); only pages need it

    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure is one bad file
        raise ReadError(f"malformed HTML: {exc}") from exc
    body_text = getattr(doc, "text", None) if doc is not None else None
    if not body_text or not body_text.strip():
        raise ReadError("no article text found in the HTML page")
    fields: dict[str, Any] = {}
    title = _clean(getattr(doc, "title", None))
    lines = [" ".join(line.split()) for line in body_text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # the headline, repeated at the top of the article
    byline = _clean(getattr(doc, "author", None))
    while lines and _is_page_furniture(lines[0], byline):
        lines = lines[1:]
    if not lines:
        raise ReadError("no article text found in the HTML page (only a headline)")
    fields["body"] = "\n\n".join(lines)
    if title:
        fields["title"] = title
    for ours, theirs in (("byline", "author"), ("outlet", "sitename"), ("url", "url")):
        value = _clean(getattr(doc, theirs, None))
        if value:
            fields[ours] = value
    found_date = getattr(doc, "date", None)
    if found_date:
        try:
            fields["published"] = parse_published(found_date)
        except ReadError:
            pass  # a page's guessed date is a hint; a story without one is still a story
    return fields


_FURNITURE = re.compile(r"^(?:by\s+\S|(?:published|updated|posted|last updated)\b)", re.IGNORECASE)


def _is_page_furniture(line: str, byline: str | None) -> bool:
    """A byline or time stamp the page printed above the story's first paragraph."""
    if len(line) > 100 or line.endswith((".", "!", "?", '"', "\u201d")):
        return False  # a sentence: story text, even when it starts with "By"
    return bool(_FURNITURE.match(line)) or (byline is not None and line == byline)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# -- JSON -------------------------------------------------------------------------------


def _json_items(
    text: str, fmt: Format, where: str, reading: FileReading
) -> Iterator[tuple[str, Any]]:
    """(label, object) for each story object in a JSON or JSON Lines text."""
    if fmt is Format.JSONL:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            label = f"{where}:{number}"
            try:
                yield label, json.loads(line)
            except json.JSONDecodeError as exc:
                reading.failures.append((label, f"malformed JSON ({exc.msg}, column {exc.colno})"))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"malformed JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        ) from exc
    if isinstance(data, dict):
        for key in ("stories", "articles", "items"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield where, data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield f"{where}[{index}]", item
    else:
        raise ReadError("expected a story object or a list of story objects")


def _too_big(size: int, limit: int) -> str:
    return (
        f"too big: {_megabytes(size)} is over the {_megabytes(limit)} limit for one file "
        "(raise it with --max-size if this really is a story file)"
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
