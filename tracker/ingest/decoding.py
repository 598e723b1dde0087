"""Turning a file's bytes into text: UTF-8 first, then the encodings newsrooms still meet.

Wire copy and archives arrive as UTF-8, but also as Windows-1252 from old desks, Latin-1
from mail gateways, Windows-1256 or -1251 from Arabic and Russian services, Shift-JIS...
A file we cannot read as text is refused with a reason, never stored as mojibake.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from tracker.ingest.errors import ReadError

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in a story's text (tab, newlines, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# More than this share of control characters means the bytes are not prose.
_MAX_CONTROL_SHARE = 0.01
_CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if Python knows it."""
    found = _CHARSET_DECLARATION.search(data[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode a story file; return its text and the encoding used.

    Order: a byte-order mark, strict UTF-8, the charset the file declares (HTML), then
    the best guess among legacy encodings. A byte-order mark is not part of the text, so
    offsets into the result count the story's characters from its first letter.
    Raises :class:`ReadError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise ReadError("empty file: no story text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"not valid {encoding.upper()} despite its byte-order mark: {exc.reason}"
                ) from exc
            return _checked(text), encoding
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes), not a text story")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return _checked(data.decode(declared)), declared
        except (UnicodeDecodeError, LookupError):
            pass
    guessed = _guess_encoding(data)
    if guessed is None:
        raise ReadError("not UTF-8, and no common news encoding (Windows-1252, Latin-1...) fits")
    try:
        return _checked(data.decode(guessed)), guessed
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"cannot decode as {guessed}: {exc}") from exc


# When the detector cannot tell code pages apart (a short French or English story reads the
# same in Windows-1250, -1252 and -1257), the one Western desks actually use wins.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _guess_encoding(data: bytes) -> str | None:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    for preferred in _PREFERRED:
        if any(preferred in m.could_be_from_charset for m in tied):
            return preferred
    return best.encoding


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise ReadError("binary file (control characters), not a text story")
    if not text.strip():
        raise ReadError("empty file: no story text")
    return text
