"""Clusters of claims linked as the same claim across stories."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

__all__ = ["clusters"]


def clusters(pairs: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, Hashable]:
    """Map every claim in ``pairs`` to its cluster's representative (its smallest id).

    Claims joined by a chain of pairs share one cluster, as a reviewer would expect:
    if A is B and B is C, A is C.
    """
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    members: dict[Hashable, list[Hashable]] = {}
    for x in parent:
        members.setdefault(find(x), []).append(x)
    out: dict[Hashable, Hashable] = {}
    for group in members.values():
        rep = min(group, key=lambda v: (str(type(v)), v))
        for x in group:
            out[x] = rep
    return out
