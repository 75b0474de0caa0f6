"""Tests of kg.forked: tasks shared among lanes by cost, run side by side in forked
children, with their results, failures, deaths and warnings brought back to the parent."""

from __future__ import annotations

import errno
import os
import signal
import warnings
from pathlib import Path

import pytest

import kg.forked
from kg.errors import ConfigError
from kg.forked import ChildTraceback, Task, plan, side_by_side

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def run(tasks: list[Task], lanes: list[list[int]]) -> dict[int, object]:
    got: dict[int, object] = {}

    def done(i: int, result: object, seconds: float) -> None:
        assert i not in got and seconds >= 0
        got[i] = result

    side_by_side(tasks, lanes, done)
    return got


def gone(pid: int) -> bool:
    """True when ``pid`` was waited for: a zombie still answers signal 0."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# ---------------------------------------------------------------------- plan
def test_plan_gives_the_costliest_lane_the_least_it_can_and_keeps_task_order() -> None:
    costs = [0.27, 0.43, 0.73, 0.14, 0.01, 0.62]
    lanes = plan(costs, 2, pinned=[5])
    assert lanes == [[1, 4, 5], [0, 2, 3]]  # 1.06 here, 1.14 in the child
    assert sorted(i for lane in lanes for i in lane) == list(range(6))
    assert plan(costs, 2, pinned=[5]) == lanes  # the same every time
    assert plan(costs, 1, pinned=[5]) == [list(range(6))]
    assert plan([1.0, 1.0], 4) == [[0], [1], [], []]  # more lanes than tasks: empty lanes
    # tasks kept together go to one lane as one task, to lane 0 with a pinned one
    assert plan(costs, 2, pinned=[5], together=[(1, 2)]) == [[0, 3, 4, 5], [1, 2]]
    assert plan(costs, 2, together=[(1, 2)]) == [[1, 2], [0, 3, 4, 5]]
    assert plan(costs, 3, pinned=[2], together=[(1, 2)]) == [[1, 2], [5], [0, 3, 4]]


def test_idle_cpus_are_the_available_ones_less_the_load(monkeypatch) -> None:
    monkeypatch.setattr(kg.forked, "available_cpus", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.5, 1.0, 0.5))
    assert kg.forked.idle_cpus() == 2.5


# ---------------------------------------------------------------------- results
def test_every_task_runs_once_in_its_lane_and_reports_here() -> None:
    tasks = [Task(f"t{i}", lambda i=i: (i, os.getpid())) for i in range(5)]
    got = run(tasks, [[0, 3], [1, 4], [2]])
    assert sorted(got) == [0, 1, 2, 3, 4]
    pids = {i: pid for i, (_i, pid) in got.items()}
    assert pids[0] == pids[3] == os.getpid()
    assert pids[1] == pids[4] != os.getpid()
    assert pids[2] not in (os.getpid(), pids[1])
    assert all(gone(pids[i]) for i in (1, 2))


def test_a_child_writes_files_the_parent_reads(tmp_path: Path) -> None:
    tasks = [Task("a", lambda: (tmp_path / "a").write_text("from a") and ["a"]),
             Task("b", lambda: (tmp_path / "b").write_text("from b") and ["b"])]
    assert run(tasks, [[0], [1]]) == {0: ["a"], 1: ["b"]}
    assert (tmp_path / "b").read_text() == "from b"


def test_without_fork_every_lane_runs_here(monkeypatch) -> None:
    monkeypatch.setattr(kg.forked, "can_fork", lambda: False)
    tasks = [Task(f"t{i}", os.getpid) for i in range(3)]
    assert run(tasks, [[0], [1], [2]]) == {0: os.getpid(), 1: os.getpid(), 2: os.getpid()}


def test_a_lane_whose_child_cannot_be_forked_runs_here(monkeypatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    monkeypatch.setattr(os, "fork", no_fork)
    tasks = [Task(f"t{i}", os.getpid) for i in range(3)]
    assert run(tasks, [[0], [1, 2]]) == {0: os.getpid(), 1: os.getpid(), 2: os.getpid()}
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds  # the pipe made for it is closed


# ---------------------------------------------------------------------- failures
def _full_disk() -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "graph.ttl")


def test_a_childs_exception_is_raised_here_as_it_was() -> None:
    tasks = [Task("here", lambda: 1), Task("there", _full_disk)]
    with pytest.raises(OSError) as caught:
        run(tasks, [[0], [1]])
    e = caught.value
    assert (type(e), e.errno, e.strerror, e.filename) == (OSError, errno.ENOSPC, "No space left on device", "graph.ttl")
    assert isinstance(e.__cause__, ChildTraceback)  # the child's traceback, for a bug report
    assert str(e.__cause__).startswith("in the process writing there (pid ")
    assert "in _full_disk" in str(e.__cause__)

    def config() -> None:
        raise ConfigError("lang must be one of zh, en, not 'fr'")

    with pytest.raises(ConfigError, match="^lang must be one of zh, en, not 'fr'$"):
        run([Task("a", lambda: 1), Task("b", config)], [[0], [1]])


class _Unpicklable(Exception):
    def __init__(self, a: str, b: str) -> None:  # pickling calls it with one argument
        super().__init__(f"{a} {b}")


def test_an_exception_that_does_not_pickle_comes_back_as_a_runtime_error() -> None:
    def fail() -> None:
        raise _Unpicklable("broken", "writer")

    with pytest.raises(RuntimeError, match=r"^_Unpicklable: broken writer$"):
        run([Task("a", lambda: 1), Task("b", fail)], [[0], [1]])


def test_a_child_that_dies_is_reported_and_waited_for(tmp_path: Path) -> None:
    def die() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ChildProcessError, match=r"^the process writing b, c \(pid \d+\) was killed by SIGKILL$"):
        run([Task("a", lambda: 1), Task("b", die), Task("c", lambda: 1)], [[0], [1, 2]])
    assert gone(int((tmp_path / "pid").read_text()))

    def leave() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()))
        os._exit(3)

    with pytest.raises(ChildProcessError, match=r"^the process writing b \(pid \d+\) ended with exit status 3$"):
        run([Task("a", lambda: 1), Task("b", leave)], [[0], [1]])
    assert gone(int((tmp_path / "pid").read_text()))


def test_a_failure_here_kills_the_children_and_waits_for_them(tmp_path: Path) -> None:
    import time

    def slow() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()))
        time.sleep(60)
        (tmp_path / "finished").write_text("")

    def fail() -> None:
        while not (tmp_path / "pid").exists():  # the child is running
            time.sleep(0.01)
        raise ValueError("here")

    with pytest.raises(ValueError, match="^here$"):
        run([Task("a", fail), Task("b", slow)], [[0], [1]])
    assert gone(int((tmp_path / "pid").read_text()))
    assert not (tmp_path / "finished").exists()  # killed, not waited for to the end


def test_an_interrupt_in_the_child_is_an_interrupt_here() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([Task("a", lambda: 1), Task("b", interrupted)], [[0], [1]])


def test_a_childs_warnings_are_issued_here() -> None:
    def warn() -> int:
        warnings.warn("rounded the coordinates", UserWarning, stacklevel=1)
        return 2

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert run([Task("a", lambda: 1), Task("b", warn)], [[0], [1]]) == {0: 1, 1: 2}
    assert [(w.category, str(w.message)) for w in caught] == [(UserWarning, "rounded the coordinates")]


def test_a_child_leaves_interrupts_to_the_parent_and_writes_nothing_to_the_terminal(capfd) -> None:
    def noisy() -> str:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C reaches both: the parent's to handle
        print("noise")
        os.write(1, b"")  # the file descriptors themselves are left alone
        return "done"

    assert run([Task("a", lambda: 1), Task("b", noisy)], [[0], [1]]) == {0: 1, 1: "done"}
    assert capfd.readouterr() == ("", "")

    def terminated() -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    with pytest.raises(ChildProcessError, match=r"was killed by SIGTERM$"):
        run([Task("a", lambda: 1), Task("b", terminated)], [[0], [1]])
