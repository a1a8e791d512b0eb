"""Built-in Python rules: what a line pattern cannot say."""

from .bio import AuthorBox
from .comments import CommentThread
from .header import BeforeTitle
from .menus import MenuRun
from .repeated import RepeatedBlocks
from .scorer import ContentScore
from .title import RepeatedTitle

BUILTIN_RULES = [CommentThread, BeforeTitle, RepeatedTitle, AuthorBox, RepeatedBlocks, MenuRun, ContentScore]

__all__ = [
    "BUILTIN_RULES",
    "AuthorBox",
    "BeforeTitle",
    "CommentThread",
    "ContentScore",
    "MenuRun",
    "RepeatedBlocks",
    "RepeatedTitle",
]
