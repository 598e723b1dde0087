"""The core is usable without the terminal UI: importing it never pulls in Textual."""

from __future__ import annotations

import subprocess
import sys


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
