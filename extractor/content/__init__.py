"""The content scorer: decides block by block what is article after the pattern rules ran."""

from .scorer import FAVOR_LEVELS, score_blocks

__all__ = ["FAVOR_LEVELS", "score_blocks"]
