"""The review TUI (Textual). Imported only when the TUI runs: the store and CLI never need it.

from tracker.ui import make_app
make_app(store, config).run()
"""

from tracker.ui.app import TrackerApp, make_app

__all__ = ["TrackerApp", "make_app"]
