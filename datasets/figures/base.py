from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    key: str
    heading: str
    build: Callable
    template: str
    # The one line shown instead of the figure when the data sets hold nothing for it.
    empty: str
    # The most queries its builder makes, whatever the mission: the page's budget adds them.
    queries: int = 1
    # The page's query parameters the figure reads (the deployment map's year): a builder
    # that names some is called as build(mission, params), the others as build(mission).
    parameters: tuple = ()

    def data(self, mission, params):
        return self.build(mission, params) if self.parameters else self.build(mission)


def line_span(lines):
    """'line 5', 'lines 12–40' or 'lines 3, 9 and 12–40' for a file's line numbers."""
    numbers = sorted(set(lines))
    if not numbers:
        return ""
    runs, start, previous = [], numbers[0], numbers[0]
    for number in numbers[1:]:
        if number != previous + 1:
            runs.append((start, previous))
            start = number
        previous = number
    runs.append((start, previous))
    parts = [f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in runs]
    if len(parts) > 4:  # a long list of runs reads better as its span and count
        return f"{len(numbers):,} lines between {numbers[0]:,} and {numbers[-1]:,}"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    plural = len(numbers) > 1
    return f"line{'s' if plural else ''} {text}"
