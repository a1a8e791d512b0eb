"""Imported once by the pool's fork server: loads the pipeline and its lazily loaded models,
so every worker forked from it starts warm (and shares that memory copy-on-write)."""

from __future__ import annotations

from ..pipeline import Extractor, Options

#: A page cleaned once so that every lazily loaded part of the pipeline is loaded.
WARM_UP_PAGE = (
    "A short page to warm up the worker.\n\n"
    "This paragraph is long enough to be kept, and it makes every part of the pipeline run once."
)


def warm_up(extractor: Extractor | None = None) -> None:
    """Clean `WARM_UP_PAGE` (loads the language model and compiles the default rules)."""
    (extractor or Extractor(Options(plugins=False))).extract_safely(WARM_UP_PAGE, input_type="text")


warm_up()
