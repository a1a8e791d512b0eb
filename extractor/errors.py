"""The documented error types. Anything else escaping the library is a bug."""


class ExtractorError(Exception):
    """Base class of every error the extractor raises on purpose."""


class InputError(ExtractorError):
    """A document cannot be read: binary, undecodable, empty or too large."""


class RulePackError(ExtractorError):
    """A rule pack is malformed; the message names the file, line and rule code."""
