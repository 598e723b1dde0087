"""From what the user typed to the files to read: folders, globs and ``-`` for stdin."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.ingest.readers import STDIN, SUFFIXES, format_of, is_sidecar


@dataclass(slots=True)
class Expansion:
    """The files to read, in order, and the arguments that named nothing readable."""

    files: list[Path | None] = field(default_factory=list)  # None stands for stdin
    failures: list[tuple[str, str]] = field(default_factory=list)


_GLOB_CHARS = frozenset("*?[")
_KNOWN = ", ".join(sorted(SUFFIXES))


def expand_paths(arguments: Sequence[str]) -> Expansion:
    """Turn arguments into story files: a file as named, a folder walked, a glob expanded.

    Folders and globs yield only files whose names we read (``.txt``, ``.md``, ``.html``,
    ``.json``, ``.jsonl``...), never hidden files, ``.meta.json`` sidecars or a folder's
    README, sorted by
    path so that a run is repeatable (and an original sorts before its correction). A file
    named explicitly is read whatever its name. Each file appears once.
    """
    out = Expansion()
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.files.append(path)

    stdin_taken = False
    for argument in arguments:
        if argument == STDIN:
            if not stdin_taken:
                out.files.append(None)
                stdin_taken = True
            continue
        path = Path(argument).expanduser()
        if path.is_dir():
            found = _walk(path)
            if not found:
                out.failures.append(
                    (argument, f"folder holds no story files (looked for {_KNOWN})")
                )
            for item in found:
                add(item)
        elif path.exists():
            add(path)
        elif _GLOB_CHARS & set(argument):
            matches = sorted(
                Path(m) for m in glob.glob(os.path.expanduser(argument), recursive=True)
            )
            stories = [m for m in matches if m.is_file() and _wanted(m)]
            for folder in (m for m in matches if m.is_dir()):
                stories.extend(_walk(folder))
            if not stories:
                out.failures.append((argument, "no story files match this pattern"))
            for item in stories:
                add(item)
        else:
            out.failures.append((argument, "no such file or folder"))
    return out


# A folder's own notes are not stories: a README next to the stories describes them.
_NOT_STORIES = ("readme.", "license.", "changelog.")


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return (
        not name.startswith(".")
        and not name.startswith(_NOT_STORIES)
        and format_of(path) is not None
        and not is_sidecar(path)
    )


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, name) for name in names if _wanted(Path(root, name)))
    return sorted(found)
