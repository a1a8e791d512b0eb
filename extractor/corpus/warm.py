"""Imported once by the pool's fork server: loads the pipeline and its lazily loaded models,
so every worker forked from it starts warm (and shares that memory copy-on-write)."""

from __future__ import annotations

from ..pipeline import Extractor, Options


def warm_up(extractor: Extractor | None = None) -> None:
    """Load the pipeline's lazily loaded parts (`Extractor.warm_up`) and compile the default rules."""
    (extractor or Extractor(Options(plugins=False))).warm_up()


warm_up()
