"""Built-in Python rules: what a line pattern cannot say."""

from .bio import AuthorBox
from .comments import CommentThread
from .header import BeforeTitle
from .menus import MenuRun
from .repeated import RepeatedBlocks
from .title import RepeatedTitle

BUILTIN_RULES = [CommentThread, BeforeTitle, RepeatedTitle, AuthorBox, RepeatedBlocks, MenuRun]

__all__ = ["BUILTIN_RULES", "AuthorBox", "BeforeTitle", "CommentThread", "MenuRun", "RepeatedBlocks", "RepeatedTitle"]
