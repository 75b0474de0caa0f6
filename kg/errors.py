"""The exception tree of kg.

``KGError`` is the root; the CLI turns any of them into a one-line message.

- ``ConfigError``: a setting or settings file is wrong.
- ``ResourceError``: a file under ``data/`` (lexicon, gazetteer, rule file) is malformed;
  the message names ``file:line``.
- ``InputError``: an input document cannot be read; the message names the file and the
  reason, and the run goes on with the other files.
- ``QueryError``: a SPARQL query or an output directory to query is unusable.

``show_path`` writes a path for such a message and ``error_text`` the reason an exception
gives: always one line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def show_path(path: str | os.PathLike[str]) -> str:
    """A path as one line of valid text: bytes that are not UTF-8 shown as ``\\xff``,
    control characters (a newline in a name) as ``\\n``, ``\\x1b``….

    >>> show_path("a\\udcffb\\n.txt")
    'a\\\\xffb\\\\n.txt'
    """
    text = path.as_posix() if isinstance(path, Path) else os.fspath(path)
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate that no file system decoding made
        raw = text.encode("utf-8", "surrogatepass")
    return _CONTROL_RE.sub(_escape, raw.decode("utf-8", "backslashreplace"))


def error_text(e: BaseException, limit: int = 300) -> str:
    """An exception's message as one short line (a parser's list of expected tokens or a
    storage engine's message can run to thousands of characters)."""
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


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
