"""Corpus scale: stream many documents from files, WARC, JSONL or Parquet into JSONL,
Parquet or a tree of files, on every core (`runner`), resumably (`parts`), or on a
Ray cluster (`extractor.corpus.ray`, an optional extra). Engines share `work.clean_item`.
"""

from .inputs import InputSpec, iter_items
from .runner import RunConfig, run_corpus
from .schema import COLUMNS, arrow_schema, flat_row
from .work import Item, clean_item

__all__ = [
    "COLUMNS",
    "InputSpec",
    "Item",
    "RunConfig",
    "arrow_schema",
    "clean_item",
    "flat_row",
    "iter_items",
    "run_corpus",
]
