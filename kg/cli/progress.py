"""Progress on a terminal: one line for the running stage, redrawn in place.

The library reports progress through a callback (:mod:`kg.progress`); this module is the
one place that shows it. :class:`Progress` is what a command uses: it draws only when
standard error is a terminal and ``--quiet`` is not given, so pipes, files and CI logs
get nothing at all (no carriage returns, no escape codes), only the command's messages.

A stage is drawn as ``kg: extract  1,234/2,000  62%  0:12`` (or ``kg: merge  0:12``
when its total is unknown); a background thread redraws it twice a second, so a long
step that reports nothing (the merge, the SHACL check) still shows its elapsed time. A
finished stage that took a second or more stays on the screen with its time; a shorter
one is erased, so quick commands leave no clutter.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Self, TextIO

__all__ = ["Progress", "StageLine"]


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class StageLine:
    """Draws progress reports (``stage, done, total``) on one line of ``stream``.

    Call it as the library's ``progress`` callback; ``clear()`` before writing anything
    else to the stream; ``close()`` at the end (it stops the redrawing thread). With
    ``tick=0`` no thread is started (the tests draw by hand).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 0.1,
        tick: float = 0.5,
        keep_after: float = 1.0,
        width: int | None = None,
    ):
        self.stream = stream
        self._clock = clock
        self._interval = interval
        self._tick = tick
        self._keep_after = keep_after
        self._width = width
        self._lock = threading.RLock()
        self._stage: str | None = None
        self._done = 0
        self._total: int | None = None
        self._known = False  # the stage's total was known when it started
        self._started = 0.0
        self._drawn = float("-inf")
        self._shown = False  # something is on the line now
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ the callback
    def __call__(self, stage: str, done: int, total: int | None) -> None:
        with self._lock:
            now = self._clock()
            if stage != self._stage:
                self._finish(now, keep=True)
                self._stage, self._started, self._known = stage, now, total is not None
                self._start_thread()
                self._drawn = float("-inf")
            self._done, self._total = done, total
            if total is not None and done >= total:
                self._finish(now, keep=True)
            elif now - self._drawn >= self._interval:
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text drawn for the running stage ("" when none runs)."""
        if self._stage is None:
            return ""
        now = self._clock() if now is None else now
        parts = [f"kg: {self._stage}"]
        if self._known and self._total is not None:
            pct = 100 * self._done // self._total if self._total else 100
            parts.append(f"{self._done:,}/{self._total:,}  {pct:3d}%")
        elif self._done:
            parts.append(f"{self._done:,}")
        parts.append(_clock(now - self._started))
        return "  ".join(parts)

    # ------------------------------------------------------------ drawing
    def _columns(self) -> int:
        return self._width or shutil.get_terminal_size((80, 24)).columns

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: progress is not worth an error
            pass

    def _draw(self, now: float) -> None:
        text = self.line(now)[: max(self._columns() - 1, 10)]
        self._write(f"\r{text}\x1b[K")
        self._shown = True
        self._drawn = now

    def _finish(self, now: float, *, keep: bool) -> None:
        """End the running stage: keep its last line if it took long enough, else erase it."""
        if self._stage is None:
            return
        if keep and now - self._started >= self._keep_after:
            self._draw(now)
            self._write("\n")
            self._shown = False
        else:
            self.clear()
        self._stage = None

    def clear(self) -> None:
        """Erase the line, so that a message can be written (the stage is drawn again later)."""
        with self._lock:
            if self._shown:
                self._write("\r\x1b[K")
                self._shown = False
                self._drawn = float("-inf")

    # ------------------------------------------------------------ the redrawing thread
    def _start_thread(self) -> None:
        if self._tick <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="kg-progress", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._tick):
            with self._lock:
                if self._stage is not None:
                    self._draw(self._clock())

    def close(self) -> None:
        """Stop redrawing and erase an unfinished stage (an error message may follow)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            self._finish(self._clock(), keep=False)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """The progress display of one command (a context manager).

    ``callback`` is the function to hand to the library: a :class:`StageLine` on
    ``stream`` (standard error by default) when it is a terminal and ``quiet`` is false,
    else ``None``, and then nothing is ever written.
    """

    def __init__(self, quiet: bool = False, stream: TextIO | None = None):
        stream = sys.stderr if stream is None else stream
        self.callback: StageLine | None = None if quiet or not _isatty(stream) else StageLine(stream)

    def above(self, report: Callable[..., None]) -> Callable[..., None]:
        """``report`` (a function printing a message) made to erase the progress line first."""
        if self.callback is None:
            return report
        line = self.callback

        def wrapped(*args: Any, **kwargs: Any) -> None:
            line.clear()
            report(*args, **kwargs)

        return wrapped

    def close(self) -> None:
        if self.callback is not None:
            self.callback.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
