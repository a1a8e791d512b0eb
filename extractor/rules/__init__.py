"""Rules: the base class, declarative packs, built-in Python rules, and the registry."""

from .base import Example, Rule
from .registry import RuleSet, is_selected

__all__ = ["Example", "Rule", "RuleSet", "is_selected"]
