"""Main-content selection for HTML pages: which blocks are the page's body."""

from .select import select_content

__all__ = ["select_content"]
