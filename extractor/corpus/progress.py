"""A progress line on stderr: records done and the rate (the total of a stream is unknown)."""

from __future__ import annotations

import time


class ProgressBar:
    """A rich progress display, or nothing when disabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.done = 0
        self.start = time.perf_counter()

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("cleaning {task.completed} records, {task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("clean", total=None, rate="")
        return self

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            self.bar.update(self.task, advance=n, rate=f"{rate:.1f} docs/s")

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()
