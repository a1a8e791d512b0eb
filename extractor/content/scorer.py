"""Score blocks: the probability that each is part of the page's main content."""

from __future__ import annotations

from ..model import Block
from .features import with_neighbours
from .model import ContentModel, load_model
from .page import page_context, page_features
from .stopwords import stoplist

FAVOR_LEVELS = ("precision", "balanced", "recall")


def score_blocks(blocks: list[Block], language: str | None, model: ContentModel | None = None) -> list[float]:
    """Content probability of each block (in order), from its shape and its neighbours."""
    if not blocks:
        return []
    model = model or load_model()
    stops = stoplist(language)
    first = model.block.probabilities(with_neighbours(page_features(blocks, stops)))
    sizes = [float(len(b.text)) for b in blocks]
    return model.context.probabilities(page_context(first, sizes))


def threshold(favor: str, model: ContentModel | None = None) -> float:
    """The probability a block needs to be kept under a `favor` setting."""
    model = model or load_model()
    return model.thresholds.get(favor, model.thresholds["balanced"])


#: Language identification for stop words reads at most this much of the page's longest blocks.
LANGUAGE_SAMPLE_CHARS = 800


def page_language(blocks: list[Block]) -> str | None:
    """The page's language, guessed from a sample of its longest blocks (cheap, and free of menus)."""
    from ..metadata import detect_language

    sample, size = [], 0
    for block in sorted(blocks, key=lambda b: len(b.text), reverse=True):
        sample.append(block.text)
        size += len(block.text)
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
    return detect_language("\n".join(sample))
