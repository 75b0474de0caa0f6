"""Running a few tasks side by side: some in this process, the others in forked children.

``kg build`` writes its exports one after another once the merge is done (the tables,
the RDF, the page, the map, the store's copy of the merged corpus); each is a function
of the merged extraction alone, and together they take a second or two of one core that
a second core could halve. A forked child starts with the parent's memory as it is,
the merged extraction included, so nothing has to be pickled or sent to it: only what
its tasks return (a list of file names) and how long they took come back, through a pipe.

:func:`side_by_side` runs the tasks of lane 0 here and those of each other lane in a
child of its own, and hands every task's result to a callback in this process, in the
order they become known (a child's are read between this process's own tasks and while
waiting for the children at the end). :func:`plan` shares tasks among lanes by their
measured costs.

What makes this safe to use inside a build:

- **A failure is the same failure.** A task that raises in a child sends its exception
  back (pickled) and the parent raises that exception, its cause the child's traceback
  (:class:`ChildTraceback`, printed above it): an ``OSError`` of a full disk becomes the
  same one-line ``OutputError`` in :mod:`kg.publish` whichever process met it. An
  exception that does not survive pickling comes back as a ``RuntimeError`` naming its
  type and message.
- **A child that dies is noticed.** The pipe ends without the child's last word when it
  is killed or crashes; its status is read and a ``ChildProcessError`` (an ``OSError``:
  one line, ``OutputError`` in a build) names how it ended.
- **Nothing is left behind.** Every child is waited for (no zombies) before
  :func:`side_by_side` returns or raises; when this process fails or is interrupted
  first, the children still running are killed (``SIGKILL``) and waited for, so nothing
  writes into a staging folder that is being removed. On Linux a child is also killed
  when its parent dies (``PR_SET_PDEATHSIG``).
- **The child touches nothing of the parent's but memory.** It runs its tasks, sends its
  messages and leaves with ``os._exit``: no ``finally`` block, ``atexit`` function or
  destructor of the parent's runs in it, so the parent's lock, staging folder, open
  database connections and buffered output stay the parent's. It never calls the
  progress callback or writes to the terminal (its standard output and error go to
  ``os.devnull``): warnings its tasks issue are sent back and issued again in the parent.
  Interrupts are left to the parent, which kills the child when it is interrupted.

Where ``os.fork`` is missing (Windows) every lane's tasks run here, one after another.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

__all__ = ["ChildTraceback", "Task", "available_cpus", "can_fork", "idle_cpus", "plan", "resident_bytes",
           "side_by_side"]


class Task(NamedTuple):
    """A named piece of work; ``run()`` returns a result that pickles."""

    name: str
    run: Callable[[], Any]


def can_fork() -> bool:
    return hasattr(os, "fork")


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def idle_cpus() -> float:
    """About how many CPUs stand idle: those this process may run on less the load
    average of the last minute (the processes running or waiting to, this one included).
    The CPUs available where the system keeps no load average."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return available_cpus() - load


def plan(costs: Sequence[float], lanes: int, pinned: Sequence[int] = (),
         together: Sequence[Sequence[int]] = ()) -> list[list[int]]:
    """Task indices shared among ``lanes`` lanes so that the costliest lane costs little:
    the ``pinned`` tasks in lane 0 (this process), then the others from the costliest
    down, each to the lane that costs least so far (the first of equals). The tasks of a
    group of ``together`` go to one lane as one task of their summed cost (to lane 0 if
    one of them is pinned). Each lane's tasks keep their order in ``costs``. The same
    costs always give the same plan."""
    lanes = max(1, lanes)
    grouped = {i for group in together for i in group}
    units = [list(group) for group in together if group] + [[i] for i in range(len(costs)) if i not in grouped]
    out: list[list[int]] = [[] for _ in range(lanes)]
    load = [0.0] * lanes
    free = []
    for unit in units:
        if any(i in pinned for i in unit):
            out[0] += unit
            load[0] += sum(costs[i] for i in unit)
        else:
            free.append(unit)
    for unit in sorted(free, key=lambda u: (-sum(costs[i] for i in u), min(u))):
        lane = min(range(lanes), key=lambda k: (load[k], k))
        out[lane] += unit
        load[lane] += sum(costs[i] for i in unit)
    return [sorted(lane) for lane in out]


def resident_bytes() -> int:
    """The memory this process holds now (its resident set), or its peak where the system
    does not tell the present size."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes there, KiB elsewhere


Done = Callable[[int, Any, float], None]


def side_by_side(tasks: Sequence[Task], lanes: Sequence[Sequence[int]], done: Done) -> None:
    """Run ``tasks[i]`` for each ``i`` of ``lanes[0]`` here and the tasks of every other
    lane in a forked child of its own, each lane's in its order; ``done(i, result,
    seconds)`` is called here once per task. Returns when every task is done; raises the
    first failure seen (this process's own, a child's exception, or a child's death)
    after every child has ended (see the module docstring). A lane whose child cannot be
    forked (``fork`` failing for want of memory or processes) runs here after lane 0."""
    if not can_fork():
        lanes = [[i for lane in lanes for i in lane]]
    children: list[_Child] = []
    here = list(lanes[0]) if lanes else []
    try:
        for lane in lanes[1:]:
            if not lane:
                continue
            try:
                children.append(_Child.start(tasks, lane))
            except OSError:  # no process can be made now (too many, no memory): the lane runs here
                here += lane
        for i in here:
            t = time.perf_counter()
            result = tasks[i].run()
            done(i, result, time.perf_counter() - t)
            _pump(children, done, block=False)
        _pump(children, done, block=True)
    finally:
        for child in children:
            child.stop()


# ---------------------------------------------------------------------- the pipe
_HEAD = struct.Struct(">Q")


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEAD.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _portable(e: BaseException) -> BaseException:
    """``e`` if it comes back whole from pickling, else a ``RuntimeError`` saying what it was."""
    try:
        pickle.loads(pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL))
        return e
    except Exception:  # noqa: BLE001 - any failure to pickle or unpickle
        return RuntimeError(f"{type(e).__name__}: {e}".splitlines()[0])


class ChildTraceback(Exception):
    """The traceback of a child's failure, as text: the cause of the exception raised
    here in its place (a traceback does not pickle), shown above it when it is printed."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _Child:
    """A forked child running one lane, seen from the parent."""

    def __init__(self, pid: int, fd: int, names: list[str]) -> None:
        self.pid = pid
        self.fd = fd
        self.names = names
        self.buffer = bytearray()
        self.finished = False  # its last message came
        self.status: int | None = None  # its wait status, once waited for

    @classmethod
    def start(cls, tasks: Sequence[Task], lane: Sequence[int]) -> _Child:
        parent = os.getpid()
        die_with_parent = _death_signal()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is left for the child to repeat
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        r, w = os.pipe()
        try:
            pid = os.fork()
        except BaseException:
            os.close(r)
            os.close(w)
            raise
        if pid == 0:  # the child: it never returns from here
            code = 1
            try:
                os.close(r)
                die_with_parent()
                if os.getppid() != parent:  # the parent died before the request was made
                    os._exit(1)
                _settle_child()
                _run_lane(tasks, lane, w)
                code = 0
            finally:  # whatever happened (a task's failure was sent already), nothing escapes
                os._exit(code)
        os.close(w)
        return cls(pid, r, [tasks[i].name for i in lane])

    def read(self) -> list[tuple]:
        """The messages that have arrived (reads once; the caller knows the pipe is ready)."""
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.close()
            return [("end",)]
        self.buffer += chunk
        out = []
        while len(self.buffer) >= _HEAD.size:
            (size,) = _HEAD.unpack_from(self.buffer)
            if len(self.buffer) < _HEAD.size + size:
                break
            out.append(pickle.loads(bytes(self.buffer[_HEAD.size : _HEAD.size + size])))
            del self.buffer[: _HEAD.size + size]
        return out

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def wait(self) -> int:
        if self.status is None:
            try:
                _pid, self.status = os.waitpid(self.pid, 0)
            except ChildProcessError:  # waited for elsewhere (a SIGCHLD handler set to ignore)
                self.status = 0
        return self.status

    def stop(self) -> None:
        """Kill the child if it still runs and wait for it; close the pipe."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait()
        self.close()

    def death(self) -> ChildProcessError:
        """The error of a child that ended without its last message."""
        status = self.wait()
        what = f"the process writing {', '.join(self.names)} (pid {self.pid})"
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = f"signal {sig}"
            return ChildProcessError(f"{what} was killed by {name}")
        return ChildProcessError(f"{what} ended with exit status {os.waitstatus_to_exitcode(status)}")


def _pump(children: list[_Child], done: Done, *, block: bool) -> None:
    """Hand the children's finished tasks to ``done``; raise a child's failure. With
    ``block``, until every child has finished, else only what has arrived."""
    while True:
        live = [c for c in children if c.fd >= 0]
        if not live:
            return
        ready, _w, _x = select.select([c.fd for c in live], [], [], None if block else 0)
        if not ready:
            return
        for child in live:
            if child.fd not in ready:
                continue
            for message in child.read():
                kind = message[0]
                for w in message[-1] if kind in ("done", "error") else ():
                    warnings.warn_explicit(*w)
                if kind == "done":
                    _kind, i, result, seconds, _w = message
                    done(i, result, seconds)
                elif kind == "ok":
                    child.finished = True
                elif kind == "error":
                    _kind, error, trace, _w = message
                    child.stop()
                    raise error from ChildTraceback(f"in the process writing {', '.join(child.names)} "
                                                    f"(pid {child.pid}):\n{trace}")
                elif kind == "end":
                    if not child.finished:
                        raise child.death()
                    child.wait()


# ---------------------------------------------------------------------- in the child
def _run_lane(tasks: Sequence[Task], lane: Sequence[int], fd: int) -> None:
    with warnings.catch_warnings(record=True) as caught:
        for i in lane:
            t = time.perf_counter()
            try:
                result = tasks[i].run()
            except BaseException as e:  # noqa: BLE001 - the parent raises it
                _send(fd, ("error", _portable(e), traceback.format_exc(), _warned(caught)))
                return
            _send(fd, ("done", i, result, time.perf_counter() - t, _warned(caught)))
    _send(fd, ("ok",))


def _settle_child() -> None:
    """What a child changes of what it inherited before it runs its tasks.

    Interrupts are the parent's to handle: Ctrl-C reaches both, and the parent, interrupted,
    kills the child; a ``SIGTERM`` sent to the child alone ends it (the parent reports how).
    Its standard output and error are new files on ``os.devnull``: the inherited ones may
    have been locked by another thread of the parent (the progress line's) at the fork, and
    the child must not write over that line anyway; its warnings and failures go back
    through the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - until os._exit


def _warned(caught: list[warnings.WarningMessage]) -> list[tuple]:
    """The warnings caught since the last call, as ``warn_explicit``'s arguments."""
    out = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    caught.clear()
    return out


def _death_signal() -> Callable[[], None]:
    """A function that makes the calling process get ``SIGKILL`` when its parent dies
    (Linux's ``prctl(PR_SET_PDEATHSIG)``), or that does nothing elsewhere. Looked up in
    the parent, so the child only calls it."""
    if not sys.platform.startswith("linux"):
        return lambda: None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError, ImportError):
        return lambda: None
    pr_set_pdeathsig = 1
    return lambda: prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
