"""The exception tree of kg.

``KGError`` is the root; the CLI turns any of them into a one-line message.

- ``ConfigError``: a setting or settings file is wrong.
- ``ResourceError``: a file under ``data/`` (lexicon, gazetteer, rule file) is malformed;
  the message names ``file:line``.
- ``InputError``: an input document cannot be read; the message names the file and the
  reason, and the run goes on with the other files.
- ``QueryError``: a SPARQL query or an output directory to query is unusable.
"""


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class ConfigError(KGError):
    """A setting or settings file is invalid."""


class ResourceError(KGError):
    """A data file (lexicon, gazetteer, rules) is malformed or missing."""


class InputError(KGError):
    """An input file cannot be read; ``path`` names it and ``reason`` says why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryError(KGError):
    """A query cannot be run."""
