"""extractor: main-content extraction and boilerplate removal for web pages and raw page text."""

from .errors import ExtractorError, InputError, RulePackError
from .model import Block, Comment, Document, Metadata, Removal
from .pipeline import Extractor, Options, Result, extract
from .rules import Example, Rule

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Comment",
    "Document",
    "Example",
    "Extractor",
    "ExtractorError",
    "InputError",
    "Metadata",
    "Options",
    "Removal",
    "Result",
    "Rule",
    "RulePackError",
    "extract",
]
