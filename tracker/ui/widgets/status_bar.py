"""A story's review progress as a small bar: one coloured stretch per status."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tracker.store import StatusCounts
from tracker.vocab import ClaimStatus

ORDER = (
    ClaimStatus.CONFIRMED,
    ClaimStatus.DISPUTED,
    ClaimStatus.FALSE,
    ClaimStatus.UNCLEAR,
    ClaimStatus.NO_RESPONSE,
    ClaimStatus.PENDING,
)


def shares(counts: dict[ClaimStatus, int], width: int) -> list[tuple[ClaimStatus, int]]:
    """How many cells of a ``width``-cell bar each status gets (every non-zero one >= 1)."""
    total = sum(counts.values())
    if total == 0 or width <= 0:
        return []
    present = [s for s in ORDER if counts.get(s, 0) > 0]
    cells = {s: max(1, round(counts[s] * width / total)) for s in present}
    # Give or take cells from the largest stretch so the bar is exactly ``width`` long.
    while sum(cells.values()) != width and present:
        largest = max(present, key=lambda s: cells[s])
        step = 1 if sum(cells.values()) < width else -1
        if cells[largest] + step < 1:
            break
        cells[largest] += step
    return [(s, cells[s]) for s in present]


class StoryStatusBar(Widget):
    """Counts of a story's claims by status, drawn as a bar with a legend under it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"status-bar--{status.value}" for status in ClaimStatus
    } | {"status-bar--title"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: StatusCounts | None = None

    def show(self, counts: StatusCounts | None) -> None:
        """Draw these counts (None clears the bar)."""
        self.counts = counts
        self.refresh()

    def render(self) -> Text:
        """Three lines: the story and its total, the bar, the legend."""
        if self.counts is None:
            return Text()
        counts = self.counts
        width = max(self.content_size.width, 10)
        title = Text(
            f"{counts.total} claim{'' if counts.total == 1 else 's'} in "
            f"{counts.title or 'this story'}",
            style=self.get_component_rich_style("status-bar--title"),
        )
        title.truncate(width, overflow="ellipsis")
        bar = Text()
        for status, cells in shares(counts.counts, width):
            style = self.get_component_rich_style(f"status-bar--{status.value}")
            bar.append("█" * cells, style)
        legend = Text()
        for status in ORDER:
            if counts.counts.get(status, 0):
                if legend:
                    legend.append(" · ")
                label = f"{counts.counts[status]} {status.value.replace('_', ' ')}"
                legend.append(label, self.get_component_rich_style(f"status-bar--{status.value}"))
        legend.truncate(width, overflow="ellipsis")
        return Text("\n").join([title, bar, legend])
