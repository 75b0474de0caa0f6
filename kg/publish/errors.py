"""The errors of writing an output folder, apart so that :mod:`kg.publish.lock` and
:mod:`kg.publish` both raise them without importing each other."""

from __future__ import annotations

from kg.errors import KGError


class OutputError(KGError):
    """An output folder cannot be written or replaced; the message is one line."""


class OutputBusy(OutputError):
    """Another process is writing the same output folder."""


class Interrupted(KeyboardInterrupt):
    """An interrupt that arrived during the swap and was delivered after it:
    ``replaced`` is True, the new content is in place."""

    replaced = True
