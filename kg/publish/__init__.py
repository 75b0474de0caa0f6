"""Replacing an output folder all at once, one writer at a time.

``kg build`` writes several files that only make sense together (the RDF export, the
tables, the page and the manifest that describes them), and ``kg analyze`` writes a whole
``analysis/`` folder. Written in place, a failed or interrupted run would leave a mix of
old and new files, or empty ones. This module makes each replacement all or nothing:

- **Staging.** The new content is written into a staging folder beside the target, on the
  same file system: ``PARENT/.NAME.kg-stage-PID-RANDOM/new/NAME/`` (its wrapper also holds
  a small journal, ``journal.json``, and the old content once it is moved aside). Only when
  every file is written are the files and folders flushed to disk (``fsync``) and the
  staging folder put in place.
- **The swap.** On Linux the staging folder and the target are exchanged in one step
  (``renameat2(RENAME_EXCHANGE)``): a reader of the target sees the old content or the new,
  never a mix and never nothing. Where that call does not exist (another system, an old C
  library, a file system without it) the old folder is renamed aside and the new one renamed
  in: two steps, so for a moment the target is missing, and a run killed just then leaves
  it missing until the next run puts the old content back (see *Recovery*).
- **What the new content does not replace.** An output folder may hold more than one
  command's files: ``.oxigraph/`` (the query store, a cache keyed by a hash of the export,
  so a store of the old export is never taken for the new one and may simply carry over),
  ``analysis/`` (from ``kg analyze``), ``view-*.html`` pages (from ``kg view``) and the
  user's own files. A replacement names the entries it owns (every file ``kg build`` can
  write, whether or not this run writes it, so a ``graph.nq`` of an earlier run with other
  formats does not outlive it); after the swap every other entry of the old folder is moved
  into the new one, by rename, so nothing is copied or lost. Until that is done (a few
  renames) a reader may find the new export without them, never an old build file beside
  a new one. ``analysis/`` is replaced whole: nothing of an earlier analysis carries over.
  If an entry cannot be moved (the new folder already has one of that name, other than a
  newer query store) the old folder is kept, hidden beside the target, rather than deleted.
- **One writer** (:mod:`kg.publish.lock`). A replacement holds an exclusive ``flock`` on
  ``PARENT/.NAME.kg-lock`` from before its inputs are read until the swap is done; the
  file holds the writer's pid and command. A second ``kg build`` or ``kg analyze`` of the same folder fails at once
  with ``OUT is being written by another kg build (pid N)`` rather than waiting: the user
  sees the clash and no work is done twice. The kernel drops the lock when its holder
  dies, even by ``kill -9``. The lock file is removed when the writer is done.
- **Failures.** Any error while staging (a full disk, a read-only folder, an interrupt)
  removes the staging folder and leaves the target exactly as it was; the error is one
  line naming the target and the reason (``OutputError``). Interrupts (``SIGINT``,
  ``SIGTERM``, ``SIGHUP``, ``SIGQUIT``) are held back during the swap itself, so a run is
  interrupted before the swap or after it, not in the middle.
- **Recovery.** The next writer of the same target, holding the lock (so no live writer
  owns them), settles the staging folders that killed runs left: a folder holding the
  previous content where the target is missing is renamed back; entries still to carry over
  are moved; the rest is deleted. The journal records the staging folder's inode, which
  tells a never-published staging folder from the old content exchanged into its place.
  A killed writer's lock file stays until then too; it is unlocked, so it stops no one.
- **Limits.** The folder holding the target must be writable (the staging folder and the
  lock live there). A mount point cannot be renamed, and replacing the current folder (or
  one holding it) would move the user's shell out of it: both are refused with a message.
  A symbolic link to a folder is followed and kept; the folder it points to is replaced.

Nothing here prints or exits; errors are ``OutputError`` (a ``KGError``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import show_path
from kg.publish.errors import Interrupted, OutputBusy, OutputError
from kg.publish.lock import CAN_LOCK, release_lock, take_lock

__all__ = ["Interrupted", "Output", "OutputBusy", "OutputError", "exchange", "flush_files", "locked", "recover", "show_path"]


#: The query store's folder inside an output folder (``kg.sparql.store.STORE_DIR``; not imported,
#: the store module loads pyoxigraph). A newer one found in the new folder wins.
CACHE_DIR = ".oxigraph"
#: In a staging wrapper: the journal (what is staged), the folder holding the new content
#: (named as the target, one level down so no target name can clash with these) and where
#: the old content is renamed aside when it cannot be exchanged.
JOURNAL = "journal.json"
_NEW = "new"
_PREVIOUS = "previous"
_STAGE = ".kg-stage-"
_STAGE_RE = re.compile(r"\.kg-stage-(\d+)-[0-9a-f]{8}$")
_LOCK = ".kg-lock"
_DEFERRED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def _reason(e: OSError) -> str:
    return (e.strerror or str(e) or type(e).__name__).splitlines()[0]


def _side(name: str, suffix: str) -> str:
    """The name of a file or folder kept beside NAME: ``.NAME`` + ``suffix``, with NAME
    shortened and a hash of it added when it is too long to leave room for the suffix."""
    raw = os.fsencode(name)
    if len(raw) > 200:
        name = f"{os.fsdecode(raw[:100])}~{hashlib.sha1(raw).hexdigest()[:12]}"
    return f".{name}{suffix}"


# ---------------------------------------------------------------------- low-level steps
def _renameat2():
    """glibc's ``renameat2``, or None where it is missing."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at the top: `kg --help` imports this module

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Swap the folders ``a`` and ``b`` in one step; False where the system cannot do that
    (the caller then renames in two steps). Other failures raise ``OSError``."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), os.fsdecode(b))


def _fsync(path: str | os.PathLike, directory: bool = False) -> None:
    if directory and os.name != "posix":  # pragma: no cover - folders cannot be opened there
        return
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_files(folder: str | os.PathLike, names: Iterable[str]) -> None:
    """Flush the files ``names`` of ``folder`` to disk now. A writer of a staging folder
    may call it as each file is done (``kg.export.stage`` does, in the process that wrote
    it, side by side with the other's work), so that the flush before the swap, which
    still flushes everything, finds little left to write."""
    for name in names:
        _fsync(os.path.join(folder, name))


def _fsync_tree(root: Path) -> None:
    """Flush every file, then every folder (deepest first), so the content is on disk
    before the rename that publishes it."""
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            _fsync(os.path.join(dirpath, f))
    for dirpath, _dirs, _files in os.walk(root, topdown=False):
        _fsync(dirpath, directory=True)


def _crash_point(step: str) -> None:
    """Called between the steps of a replacement; the tests stop a process here to check
    that every intermediate state is recovered."""


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold interrupts back for the few renames of a swap."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        except KeyboardInterrupt as e:  # the interrupt held back, delivered now
            raise Interrupted() from e


def _same_inode(path: Path, inode: int | None) -> bool:
    try:
        return inode is not None and os.lstat(path).st_ino == inode
    except OSError:
        return False


def _carry(old: Path, target: Path, owned: frozenset[str] | None) -> bool:
    """Move the entries of ``old`` that the new content does not own into ``target``.
    True if every one found its place (or was an old query store a newer one replaces)."""
    if owned is None or not old.is_dir() or old.is_symlink():
        return True
    complete = True
    for entry in sorted(os.listdir(old)):
        if entry in owned:
            continue
        dest = target / entry
        if os.path.lexists(dest):
            complete = complete and entry == CACHE_DIR
            continue
        try:
            os.rename(old / entry, dest)
        except OSError:
            complete = False
            continue
        _crash_point("carry")
    _fsync(target, directory=True)
    return complete


def _read_journal(wrapper: Path) -> dict | None:
    try:
        data = json.loads((wrapper / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("target"), str) else None


def _write_journal(wrapper: Path, data: dict) -> None:
    tmp = wrapper / f".{JOURNAL}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, sort_keys=True))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, wrapper / JOURNAL)
    _fsync(wrapper, directory=True)


def _settle(wrapper: Path, journal: dict | None) -> bool:
    """Finish or undo what the replacement staged in ``wrapper`` and delete it.

    The previous content, if it was renamed aside and the target is missing, goes back;
    old content (renamed aside or exchanged into the staging folder's place) gives its
    entries to the target; a staging folder never published is dropped. Returns False if
    the wrapper was kept because something in it could not be placed."""
    if journal is None:  # stopped before its journal was written: nothing was published
        shutil.rmtree(wrapper, ignore_errors=True)
        return True
    name = journal["target"]
    owned = None if journal.get("owned") is None else frozenset(journal["owned"])
    target = wrapper.parent / name
    staged = wrapper / _NEW / name
    previous = wrapper / _PREVIOUS
    if not os.path.lexists(target) and previous.is_dir():
        os.rename(previous, target)
        _fsync(wrapper.parent, directory=True)
    complete = True
    if os.path.lexists(target):
        for old in (previous, staged):
            if os.path.isdir(old) and not _same_inode(old, journal.get("inode")):
                complete = _carry(old, target, owned) and complete
    _crash_point("carried")
    if complete:
        shutil.rmtree(wrapper, ignore_errors=True)
    return complete


def _wrappers(folder: Path) -> Iterator[tuple[Path, dict | None]]:
    """Staging wrappers directly in ``folder`` with their journals."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for n in names:
        if _STAGE_RE.search(n) and n.startswith("."):
            p = folder / n
            if p.is_dir() and not p.is_symlink():
                yield p, _read_journal(p)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# ---------------------------------------------------------------------- the public part
class Output:
    """An output folder held by this process (see :func:`locked`)."""

    def __init__(self, path: Path, shown: str, command: str):
        self.path = path
        self.shown = shown
        self.command = command
        #: Wrappers left in place because an old entry could not be moved (see module doc).
        self.kept: list[Path] = []

    def recover(self) -> None:
        """Settle what killed runs left beside this folder and inside it (sub-targets
        such as ``analysis/``). Called with the lock held, so no live writer owns them."""
        for wrapper, journal in _wrappers(self.path.parent):
            if journal is not None and journal["target"] != self.path.name:
                continue  # another folder's, under that folder's lock
            if journal is None and not wrapper.name.startswith(_side(self.path.name, _STAGE)):  # not ours
                continue
            if not CAN_LOCK and self._foreign(wrapper):  # pragma: no cover - no lock to rely on
                continue
            if not _settle(wrapper, journal):
                self.kept.append(wrapper)
        if self.path.is_dir():
            for wrapper, journal in _wrappers(self.path):
                if not CAN_LOCK and self._foreign(wrapper):  # pragma: no cover
                    continue
                if not _settle(wrapper, journal):
                    self.kept.append(wrapper)

    @staticmethod
    def _foreign(wrapper: Path) -> bool:
        m = _STAGE_RE.search(wrapper.name)
        return bool(m) and int(m.group(1)) != os.getpid() and _pid_alive(int(m.group(1)))

    @contextlib.contextmanager
    def replacing(self, sub: str | None = None, *, owned: Iterable[str] | None = None) -> Iterator[Path]:
        """Yield an empty staging folder whose content replaces this folder (or its
        subfolder ``sub``) when the block ends without an error.

        ``owned``: names of the entries the new content replaces even where it does not
        write them; every other entry of the old folder moves into the new one. None:
        nothing of the old folder carries over. On an error the staging folder is removed
        and the target is left as it was; an ``OSError`` becomes an ``OutputError``.
        """
        target = self.path / sub if sub else self.path
        shown = show_path(target)
        existed = os.path.lexists(target)
        wrapper: Path | None = None
        try:
            if sub:
                self.path.mkdir(parents=True, exist_ok=True)
            wrapper = target.parent / _side(target.name, f"{_STAGE}{os.getpid()}-{secrets.token_hex(4)}")
            wrapper.mkdir()
            (wrapper / _NEW).mkdir()
            stage = wrapper / _NEW / target.name
            stage.mkdir()
            journal = {
                "target": target.name,
                "pid": os.getpid(),
                "command": self.command,
                "owned": None if owned is None else sorted(set(owned)),
                "inode": os.lstat(stage).st_ino,
            }
            _write_journal(wrapper, journal)
            _crash_point("staged")
            yield stage
            if journal["owned"] is not None:  # whatever this run wrote is its own too
                journal["owned"] = sorted(set(journal["owned"]) | set(os.listdir(stage)))
            _fsync_tree(stage)
            _write_journal(wrapper, journal)
            _crash_point("synced")
        except OSError as e:
            if wrapper is not None:
                shutil.rmtree(wrapper, ignore_errors=True)
            kept = "left as it was" if existed else "not created"
            raise OutputError(f"{shown}: cannot write: {_reason(e)}; {shown} was {kept}") from e
        except BaseException:
            if wrapper is not None:
                shutil.rmtree(wrapper, ignore_errors=True)
            raise
        with _signals_deferred():
            try:
                self._swap(stage, target, wrapper / _PREVIOUS)
            except OSError as e:
                with contextlib.suppress(OSError):  # else the next run puts it back
                    _settle(wrapper, journal)  # the old content, if it was renamed aside, goes back
                raise OutputError(f"{shown}: cannot replace: {_reason(e)}; {shown} was left as it was") from e
            _crash_point("swapped")
            if not _settle(wrapper, journal):
                self.kept.append(wrapper)

    @staticmethod
    def _swap(stage: Path, target: Path, previous: Path) -> None:
        """Put ``stage`` at ``target``; the old content, if any, ends up inside the wrapper
        (at ``stage``'s path after an exchange, at ``previous`` otherwise)."""
        if not os.path.lexists(target):
            os.rename(stage, target)
        elif not exchange(stage, target):
            os.rename(target, previous)
            _crash_point("aside")
            try:
                os.rename(stage, target)
            except OSError:
                os.rename(previous, target)
                raise
        _fsync(target.parent, directory=True)


def _check_target(path: Path, shown: str) -> None:
    if os.path.lexists(path) and not path.is_dir():
        raise OutputError(f"{shown}: not a folder")
    if path.is_dir() and os.path.ismount(path):
        raise OutputError(f"{shown}: a mount point cannot be replaced; write to a folder inside it")
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return
    if cwd == path or path in cwd.parents:
        raise OutputError(
            f"{shown}: holds the current folder, which replacing it would move; write to another folder"
        )


@contextlib.contextmanager
def locked(outdir: str | os.PathLike, command: str = "kg build") -> Iterator[Output]:
    """Hold ``outdir`` for writing: take its lock (or raise ``OutputBusy`` at once), settle
    what killed runs left, yield an :class:`Output` to stage replacements with.

    A symbolic link is followed: the folder it points to is replaced and the link kept.
    The folders above ``outdir`` are created if missing.
    """
    shown = show_path(outdir)
    path = Path(os.path.realpath(outdir))  # one folder reached by two paths has one lock
    _check_target(path, shown)
    lock = path.parent / _side(path.name, _LOCK)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = take_lock(lock, shown, command)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {_reason(e)}") from e
    try:
        out = Output(path, shown, command)
        try:
            out.recover()
        except OSError as e:
            raise OutputError(f"{shown}: cannot settle an earlier interrupted run: {_reason(e)}") from e
        yield out
    finally:
        release_lock(lock, fd)


def recover(outdir: str | os.PathLike, command: str = "kg build") -> list[Path]:
    """Settle what killed runs left beside and inside ``outdir`` (taking its lock);
    return the wrappers kept because something in them could not be placed."""
    with locked(outdir, command) as out:
        return list(out.kept)
