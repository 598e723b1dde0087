"""Package namespaces that load a submodule only when one of its names is first used.

``tracker ingest`` should not pay for the matching engine, nor ``tracker --help`` for
SQLAlchemy. A package lists what it offers and where each name lives; ``from
tracker.store import set_status`` then imports ``tracker.store.claims`` and nothing else
(PEP 562). Type checkers read the same names from an ``if TYPE_CHECKING:`` block.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str], submodules: Collection[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``exports`` map name -> module.

    Names in ``submodules`` are modules of the package offered as such (``store.health``).
    A function named like its own module (``matching.clusters``) cannot be lazy: the
    import system binds the module's name on the package when it loads the module, so
    such a package imports that function eagerly.
    """

    def __getattr__(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        where = exports.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where), name)
        namespace = importlib.import_module(package)
        setattr(namespace, name, value)  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(exports) | set(submodules) | set(vars(importlib.import_module(package))))

    return __getattr__, __dir__
