"""One writer per output folder: an exclusive ``flock`` on ``PARENT/.NAME.kg-lock``.

The lock is taken without waiting: a second ``kg build`` or ``kg analyze`` of the same
folder fails at once with ``OUT is being written by another kg build (pid N)``, so the
user sees the clash and no work is done twice. The file holds the writer's pid and
command for that message. The kernel drops the lock when its holder dies, even by
``kill -9``; :func:`kg.publish.locked` takes and releases it around a replacement.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kg.publish.errors import OutputBusy

try:  # POSIX only; without it two writers are not kept apart
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: Whether writers are kept apart here; without it recovery must not touch the staging
#: folders of a live writer (see ``kg.publish.Output.recover``).
CAN_LOCK = fcntl is not None

#: Lock files this process holds open. A forked child (a worker of ``--workers N``) shares
#: each open file, and with it the lock: it closes its copies at once, so that workers
#: outliving a killed parent do not keep the folder locked.
_HELD: set[int] = set()


def _forget_locks_in_child() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def take_lock(lock: Path, shown: str, command: str) -> int:
    """Open and lock ``lock`` exclusively without waiting; write our pid into it."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        if fcntl is None:  # pragma: no cover - Windows: no lock, the pid is informative only
            break
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise OutputBusy(f"{shown} is being written by another {holder}") from None
        except BaseException:
            os.close(fd)
            raise
        try:  # the holder before us may have removed the file after we opened it
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    _HELD.add(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {command}\n".encode())
    except BaseException:
        _HELD.discard(fd)
        os.close(fd)
        raise
    return fd


def _read_holder(fd: int) -> str:
    """'kg build (pid N)' from a lock file's content, as far as it can be read."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace")
    except OSError:
        text = ""
    pid, _sep, command = text.strip().partition(" ")
    command = command if command.startswith("kg ") and command.isprintable() else "kg command"
    return f"{command} (pid {pid})" if pid.isdigit() else f"{command} (pid unknown)"


def release_lock(lock: Path, fd: int) -> None:
    """Remove the lock file while still holding it (a waiting opener then finds a new
    file), then let the lock go."""
    with contextlib.suppress(OSError):
        os.unlink(lock)
    _HELD.discard(fd)
    os.close(fd)
