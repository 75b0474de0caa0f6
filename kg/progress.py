"""Progress of long steps: what the library reports and how.

A long step (a stage of ``kg build``, the load of the query store, a SHACL check…) tells
its caller how far it has come by calling a function the caller handed in::

    progress(stage: str, done: int, total: int | None) -> None

- ``stage`` names the step (``"extract"``, ``"merge"``, ``"load store (MB)"``…).
- A stage starts with ``done == 0``; ``done`` then grows as work is done.
- ``total`` is the amount of work when it is known in advance, else ``None`` (the caller
  can show elapsed time instead of a fraction).
- A stage has ended when a call has ``total`` set and ``done >= total``; a stage whose
  total was unknown ends with ``(stage, k, k)``, ``k`` the work it counted (0 if none).

The library never prints: it only calls the function, and only if one was given (every
``progress`` parameter defaults to ``None``). Whether and how anything is shown is the
command line's business (``kg.cli.progress`` draws a line on a terminal).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

__all__ = ["ProgressFn", "ReadCounter", "Step", "begin", "end", "reading", "report", "stage"]


class ProgressFn(Protocol):
    """The callback a long step reports to (see the module docstring)."""

    def __call__(self, stage: str, done: int, total: int | None) -> None: ...


def report(progress: ProgressFn | None, stage: str, done: int, total: int | None) -> None:
    """Call ``progress`` if there is one."""
    if progress is not None:
        progress(stage, done, total)


def begin(progress: ProgressFn | None, name: str, total: int | None = None) -> None:
    """Report that stage ``name`` starts (for code that cannot wrap the stage in :func:`stage`)."""
    report(progress, name, 0, total)


def end(progress: ProgressFn | None, name: str, done: int = 0) -> None:
    """Report that stage ``name`` has ended, after ``done`` units of work."""
    report(progress, name, done, done)


class Step:
    """The count of a running stage (:func:`stage` makes one): ``step(done)`` reports
    ``done`` units so far, once per change, held below the total (see ``__call__``)."""

    __slots__ = ("_progress", "done", "name", "total")

    def __init__(self, progress: ProgressFn | None, name: str, total: int | None):
        self._progress = progress
        self.name = name
        self.total = total
        self.done = 0

    def __call__(self, done: int) -> None:
        # a stage with a known total ends only in ``stage``'s exit, so a step that
        # reaches its total early is shown as running until it really is finished
        if self.total is not None and done >= self.total:
            done = max(self.total - 1, 0)
        if done == self.done:
            return
        self.done = done
        if self._progress is not None:
            self._progress(self.name, done, self.total)


@contextmanager
def stage(progress: ProgressFn | None, name: str, total: int | None = None) -> Iterator[Step]:
    """Report the start of stage ``name`` now and its end when the block finishes
    (not when it raises: a failed stage has no end to show).

    The block gets a :class:`Step` to report progress with; without ``progress``
    every report is dropped, so library code calls it unconditionally.
    """
    step = Step(progress, name, total)
    report(progress, name, 0, total)
    yield step
    last = total if total is not None else step.done
    report(progress, name, last, last)


class ReadCounter(io.RawIOBase):
    """A binary file whose reads report progress in MB (``2**20`` bytes): handed to a
    parser that takes a file object (pyoxigraph's ``bulk_load`` and ``parse`` have no
    progress callback of their own), it tells how far the parser has read.

    ``at_end`` is called once, when a read finds the end of the file: a loader that
    still has work to do then (indexing what it parsed) can be shown doing it.
    """

    MB = 1 << 20

    def __init__(
        self, raw: BinaryIO, step: Callable[[int], None], at_end: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self._raw = raw
        self._step = step
        self._at_end = at_end
        self.bytes = 0
        self.ended = False

    @staticmethod
    def total_mb(size: int) -> int:
        """The stage total for a file of ``size`` bytes: its MB, rounded up (1 at least)."""
        return max(1, -(-size // ReadCounter.MB))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)
        if n:
            self.bytes += n
            self._step(self.bytes // self.MB)
        elif len(buffer) and not self.ended:
            self.ended = True
            if self._at_end is not None:
                self._at_end()
        return n or 0


@contextmanager
def reading(path: Path, progress: ProgressFn | None, name: str, then: str | None = None) -> Iterator[ReadCounter]:
    """``path`` open for reading as a :class:`ReadCounter`: stage ``name`` counts the MB
    read; with ``then``, the end of the file ends it and starts stage ``then`` (the
    reader's caller still at work on what it read), which ends with the block."""
    total = ReadCounter.total_mb(path.stat().st_size)

    def read_all() -> None:
        end(progress, name, total)
        if then is not None:
            begin(progress, then)

    with path.open("rb") as f:
        begin(progress, name, total)
        reader = ReadCounter(f, Step(progress, name, total), at_end=read_all)
        yield reader
        if not reader.ended:  # a parser that stopped before it saw the end of the file
            read_all()
        if then is not None:
            end(progress, then)
