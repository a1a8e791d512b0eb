"""Built-in Python rules: what a line pattern cannot say."""

from .bio import AuthorBox
from .comments import CommentThread
from .copies import RepeatedText
from .header import BeforeTitle
from .menus import MenuRun
from .repeated import RepeatedBlocks
from .scorer import ContentScore
from .selection import BoilerplateRegion, CommentSection, OutsideMainContent
from .title import RepeatedTitle

BUILTIN_RULES = [
    CommentThread,
    OutsideMainContent,
    CommentSection,
    BoilerplateRegion,
    BeforeTitle,
    RepeatedTitle,
    AuthorBox,
    RepeatedBlocks,
    MenuRun,
    ContentScore,
    RepeatedText,
]

__all__ = [
    "BUILTIN_RULES",
    "AuthorBox",
    "BeforeTitle",
    "BoilerplateRegion",
    "CommentSection",
    "CommentThread",
    "ContentScore",
    "MenuRun",
    "OutsideMainContent",
    "RepeatedBlocks",
    "RepeatedText",
    "RepeatedTitle",
]
