"""From arguments to story files: folders, globs, stdin, and arguments that name nothing."""

from __future__ import annotations

from pathlib import Path

from tracker.ingest import expand_paths


def make_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a.txt").write_text("A")
    (root / "a.meta.json").write_text("{}")
    (root / "b" / "c.html").write_text("<p>c</p>")
    (root / "b" / "d.jsonl").write_text("{}")
    (root / "README.md").write_text("about these stories")
    (root / ".hidden.txt").write_text("x")
    (root / "photo.jpg").write_bytes(b"\xff\xd8")
    (root / "e.md").write_text("e")


def test_folder_walk_keeps_story_files_in_path_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    expansion = expand_paths([str(tmp_path)])
    assert expansion.failures == []
    assert [p.relative_to(tmp_path).as_posix() for p in expansion.files if p] == [
        "a.txt",
        "b/c.html",
        "b/d.jsonl",
        "e.md",
    ]


def test_glob_expands_and_each_file_appears_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    expansion = expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "a.txt"), str(tmp_path)])
    names = [p.name for p in expansion.files if p]
    assert names.count("a.txt") == 1
    assert names[0] == "a.txt"
    assert "c.html" in names


def test_explicit_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    odd = tmp_path / "story.wire"
    odd.write_text("text")
    assert expand_paths([str(odd)]).files == [odd]


def test_stdin_dash_is_kept_once(tmp_path: Path) -> None:
    assert expand_paths(["-", "-"]).files == [None]


def test_arguments_naming_nothing_are_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK")
    expansion = expand_paths(
        [str(tmp_path / "missing.txt"), str(empty), str(tmp_path / "*.nothing")]
    )
    assert expansion.files == []
    reasons = dict(expansion.failures)
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert reasons[str(empty)].startswith("folder holds no story files")
    assert reasons[str(tmp_path / "*.nothing")] == "no story files match this pattern"
