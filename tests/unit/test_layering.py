"""The core is usable without the terminal UI: importing it never pulls in Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import tracker.store, tracker.cli, tracker.vocab, tracker.models\n"
        "for name in ('tracker.extract', 'tracker.matching', 'tracker.export', 'tracker.ingest'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "    except ModuleNotFoundError as exc:\n"
        "        if exc.name != name:\n"
        "            raise\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


HEAVY = ("sqlalchemy", "sqlmodel", "textual", "numpy", "onnxruntime", "trafilatura")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    import json

    return set(json.loads(result.stdout))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    """`tracker --help` and every command's parsing pay for Typer, not for what commands run.

    Each command imports the store, the extractor, Rich or Textual inside its own body.
    """
    loaded = _loaded_after("import tracker.cli")
    assert _heavy(loaded) == []
    assert not {"rich", "tracker.store.core", "tracker.extract", "tracker.ingest.readers"} & loaded


def test_cheap_packages_load_only_what_is_used() -> None:
    # The command line reads its defaults from these without loading the engines.
    loaded = _loaded_after(
        "import tracker.store, tracker.ingest, tracker.matching, tracker.export\n"
        "from tracker.ingest.formats import Format, MAX_FILE_BYTES\n"
        "from tracker.matching.thresholds import LINK_THRESHOLD\n"
        "from tracker.export import FORMATS"
    )
    assert _heavy(loaded) == []
    assert "rapidfuzz" not in loaded


def test_lazy_package_names_are_what_they_were() -> None:
    """Every name a package offers resolves, whichever of its modules loaded first."""
    code = (
        "import importlib, pkgutil, types\n"
        "for name in ('tracker.store', 'tracker.ingest', 'tracker.matching'):\n"
        "    package = importlib.import_module(name)\n"
        "    for info in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{name}.{info.name}')\n"
        "    for attr in package.__all__:\n"
        "        value = getattr(package, attr)\n"
        "        if isinstance(value, types.ModuleType) and attr != 'health':\n"
        "            raise SystemExit(f'{name}.{attr} is a module, not what it offers')\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip() == "ok"


def _loaded_by_command(args: list[str]) -> set[str]:
    """The top-level packages a whole ``tracker ARGS`` run imports, its output piped."""
    code = (
        "import sys, json\n"
        f"sys.argv = ['tracker', *{args!r}]\n"
        "from tracker.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    import json

    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_loads_neither_rich_nor_the_database() -> None:
    loaded = _loaded_by_command(["--help"])
    assert not {"rich", "pydantic", *HEAVY} & loaded


def test_status_and_claims_load_the_store_and_nothing_else_heavy(tmp_path: Path) -> None:
    from tests.conftest import FakeClaim, add_fake_story
    from tracker import store as st

    url = f"sqlite:///{tmp_path / 't.db'}"
    s = st.Store.open(url)
    add_fake_story(s, [FakeClaim("Qatar spoke with HTS")])
    claim_id = st.list_claims(s, limit=1)[0].id
    s.close()
    for args in (["claims", "--limit", "1"], ["status", str(claim_id), "confirmed"]):
        loaded = _loaded_by_command([*args, "--db", url])
        assert "sqlalchemy" in loaded
        assert not {"rich", "textual", "alembic", "numpy", "onnxruntime", "rapidfuzz"} & loaded
