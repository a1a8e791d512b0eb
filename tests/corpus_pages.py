"""Pages and worker functions for the corpus tests (written for these tests, not from a benchmark)."""

from __future__ import annotations

import os
import time

from extractor.corpus.work import Encoded, Item, Spec, clean_and_encode
from extractor.pipeline import Extractor

TOPICS = ["harbour", "orchard", "glacier", "library", "railway", "bakery", "vineyard", "observatory"]


def text_page(n: int) -> str:
    """A raw-text news page: menu, headline, byline, a body unique to `n`, share and footer lines."""
    topic = TOPICS[n % len(TOPICS)]
    body = "\n\n".join(
        f"Paragraph {k} of story {n}: the {topic} committee met on a grey morning to discuss "
        f"plan number {n * 7 + k}, and residents spoke at length about how the changes would "
        f"affect their daily routines, their budgets and the character of the town."
        for k in range(1, 5)
    )
    return (
        "Home\nNews\nSport\nWeather\nContact\n\n"
        f"The {topic} question, part {n}\n\n"
        "By Jane Doe\nMarch 3, 2024\n\n"
        f"{body}\n\n"
        "Share on Facebook\nShare on X\nCopy link\n\n"
        "Subscribe to our newsletter\n\n"
        "© 2024 Example Gazette. All rights reserved.\n"
    )


def slow_or_crashing_work(extractor: Extractor, item: Item, spec: Spec) -> Encoded:
    """The real per-record work, except that ids ending in 'hang' hang and ids ending in 'crash' kill the worker."""
    if item.id.endswith("hang"):
        time.sleep(3600)
    if item.id.endswith("crash"):
        os._exit(3)
    return clean_and_encode(extractor, item, spec)
