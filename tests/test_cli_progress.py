"""Tests of kg.cli.progress: the progress line is drawn only on a terminal without
--quiet, shows the stage, its count and elapsed time, and leaves long stages behind.

click's CliRunner cannot fake a terminal, so the renderer is driven directly with a
stream whose isatty() is True and a clock the test moves by hand."""

from __future__ import annotations

import io
import time

from kg.cli.progress import Progress, StageLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def line(**kw) -> tuple[StageLine, Terminal, Clock]:
    stream, clock = Terminal(), Clock()
    return StageLine(stream, clock=clock, tick=0, interval=0, width=200, **kw), stream, clock


def test_progress_draws_only_on_a_terminal_without_quiet() -> None:
    assert isinstance(Progress(stream=Terminal()).callback, StageLine)
    assert Progress(quiet=True, stream=Terminal()).callback is None
    pipe = io.StringIO()  # a pipe, a file, a CI log
    progress = Progress(stream=pipe)
    assert progress.callback is None

    def say(msg: str) -> None:
        pipe.write(msg)

    assert progress.above(say) is say
    with progress:
        pass
    assert pipe.getvalue() == ""


def test_a_stage_with_a_total_shows_count_percent_and_time() -> None:
    draw, term, clock = line()
    draw("extract", 0, 2000)
    assert term.getvalue() == "\rkg: extract  0/2,000    0%  0:00\x1b[K"
    clock.now += 75
    draw("extract", 1234, 2000)
    assert term.getvalue().endswith("\rkg: extract  1,234/2,000   61%  1:15\x1b[K")
    clock.now += 3600
    assert draw.line() == "kg: extract  1,234/2,000   61%  1:01:15"


def test_a_stage_without_a_total_shows_elapsed_time_and_its_count() -> None:
    draw, term, clock = line()
    draw("merge", 0, None)
    clock.now += 12
    assert draw.line() == "kg: merge  0:12"
    draw("merge", 40, None)
    assert term.getvalue().endswith("\rkg: merge  40  0:12\x1b[K")


def test_a_long_stage_stays_on_screen_a_short_one_is_erased() -> None:
    draw, term, clock = line()
    draw("extract", 0, 3)
    clock.now += 2
    draw("extract", 3, 3)  # ended after two seconds: kept, with a new line
    assert term.getvalue().endswith("\rkg: extract  3/3  100%  0:02\x1b[K\n")
    kept = term.getvalue()
    draw("tables", 0, None)
    clock.now += 0.2
    draw("tables", 0, 0)  # a fifth of a second: erased
    assert term.getvalue()[len(kept):] == "\rkg: tables  0:00\x1b[K\r\x1b[K"
    draw("merge", 0, None)
    clock.now += 5
    draw("rdf", 0, None)  # a new stage ends the one before
    assert "\rkg: merge  0:05\x1b[K\n" in term.getvalue()
    assert term.getvalue().endswith("\rkg: rdf  0:00\x1b[K")


def test_close_erases_an_unfinished_stage_and_clear_makes_room_for_a_message() -> None:
    draw, term, clock = line()
    progress = Progress(stream=term)
    progress.callback = draw
    say = progress.above(lambda msg: term.write(msg + "\n"))
    draw("read", 0, None)
    say("kg: a.txt: skipped: not text")
    assert term.getvalue() == "\rkg: read  0:00\x1b[K\r\x1b[Kkg: a.txt: skipped: not text\n"
    draw("read", 0, None)  # drawn again after the message
    clock.now += 30
    progress.close()  # an error follows: the line goes, even after 30 s
    assert term.getvalue().endswith("kg: a.txt: skipped: not text\n\rkg: read  0:00\x1b[K\r\x1b[K")


def test_the_line_fits_the_terminal() -> None:
    stream = Terminal()
    draw = StageLine(stream, clock=Clock(), tick=0, width=20)
    draw("a stage with a long name", 5, 10)
    drawn = stream.getvalue().removeprefix("\r").removesuffix("\x1b[K")
    assert drawn == "kg: a stage with a "
    assert len(drawn) == 19


def test_redraws_are_throttled() -> None:
    stream, clock = Terminal(), Clock()
    draw = StageLine(stream, clock=clock, tick=0, interval=0.1)
    draw("extract", 0, 1000)
    for i in range(1, 500):
        draw("extract", i, 1000)  # no time passes: not drawn
    assert stream.getvalue().count("\r") == 1
    clock.now += 0.2
    draw("extract", 500, 1000)
    assert stream.getvalue().count("\r") == 2 and "500/1,000" in stream.getvalue()


def test_elapsed_time_ticks_while_the_library_is_silent() -> None:
    """A stage that reports nothing (the merge) is redrawn by the thread."""
    stream = Terminal()
    draw = StageLine(stream, tick=0.01)
    draw("merge", 0, None)
    deadline = time.monotonic() + 10
    while stream.getvalue().count("\rkg: merge") < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    draw.close()
    assert stream.getvalue().count("\rkg: merge") >= 4
    after = stream.getvalue()
    time.sleep(0.05)
    assert stream.getvalue() == after  # closed: nothing more is drawn
    assert after.endswith("\r\x1b[K")
