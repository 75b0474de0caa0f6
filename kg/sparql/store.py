"""The query store: an Oxigraph database kept on disk next to an RDF export.

``kg build`` writes the graph as text (``graph.ttl``; ``graph.nq`` or ``graph.trig`` with
one named graph per document where those are written). Parsing a large export again for
every query would cost seconds, so the first query bulk-loads it into an Oxigraph
(RocksDB) database under ``OUTDIR/.oxigraph/`` and later queries open that database
directly. The database is a cache, not an export: it is never compared, shipped or
needed, and deleting ``OUTDIR/.oxigraph/`` at any time only costs one reload.

Which export is loaded
----------------------

The first of ``graph.nq``, ``graph.trig``, ``graph.ttl``, ``graph.nt``, ``graph.jsonld``
found in OUTDIR (``EXPORTS``): quads win, so a query can ask ``GRAPH ?g { … }`` about one document. The
default graph always holds every triple of the export once: for a quad export it is the
set union of all its graphs, copied in when the store is built. (Oxigraph's own "union
default graph" mode repeats a triple once per graph that holds it, which would inflate
every ``COUNT``.)

When the store is rebuilt
-------------------------

``OUTDIR/.oxigraph/current.json`` records the export the store was built from: its file
name and SHA-256, and the pyoxigraph version. Every open hashes the export (about 40 ms
for the 16 MB export of 2,000 stories): the same SHA-256 → the store is used as it is;
otherwise (or another pyoxigraph, or a different export file) → a new store is built.
Size and modification time are not trusted: an edit in place can keep both.

A damaged store is rebuilt
--------------------------

A store that fails to open (a truncated or missing file under ``.oxigraph/``), or opens
but lacks the quad its record names as a probe (a truncated manifest opens as an empty
database), or a ``current.json`` that is not valid JSON, is rebuilt from the export at
once; ``StoreInfo.notice`` then says so in one line, for the caller to show. A store
that fails later, while a query reads it, raises ``StoreDamaged``; ``kg query`` then
rebuilds it and runs the query again.

Concurrency
-----------

A store is never written after it is published, so any number of processes read it at
once, each through ``Store.read_only``. A new store is built in a private directory
while holding ``.oxigraph/build.lock`` (one builder at a time; a second one waits, then
finds the store already built), renamed into place as ``store-<hash>`` (a hash of the
export's SHA-256, its file name, the layout and the pyoxigraph version; ``--rebuild``
adds a random suffix) and announced by replacing ``current.json`` atomically. An export
that changes back to earlier bytes finds its earlier store if it is still there.
Readers hold a shared ``flock`` on ``store-<…>.lock`` while the store is open; a
builder deletes an older store only when it can take that lock exclusively, so a store
in use (by ``kg serve``, say) is left until a later build. Where ``flock`` does not exist
(Windows) old stores are kept.

If OUTDIR cannot be written, the export is loaded into an in-memory store instead (slower
to open, same answers).

Progress
--------

A ``progress`` callback (:mod:`kg.progress`) hears of a load: pyoxigraph's ``bulk_load``
takes no callback, but reads a file object, so a reader that counts MB is handed to it
(``LOAD_STAGE``, then ``WRITE_STAGE`` while it writes its last batch; the ``UNION_…``
stages for a quad export's default graph; ``INDEX_STAGE`` for the optimisation and count).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import pyoxigraph as ox

from kg.errors import QueryError, error_text
from kg.progress import ProgressFn, stage
from kg.sparql.store_load import (  # noqa: F401  (the stages: imported from here by callers)
    INDEX_STAGE,
    LOAD_STAGE,
    UNION_STAGE,
    UNION_WRITE_STAGE,
    WRITE_STAGE,
    _check_probe,
    _count,
    _probe,
    load_export,
)

try:  # POSIX only; without it old stores are never deleted, which is safe
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: Name of the cache directory inside an output directory.
STORE_DIR = ".oxigraph"
#: Export files a store can be built from, in order of preference.
EXPORTS: tuple[tuple[str, ox.RdfFormat], ...] = (
    ("graph.nq", ox.RdfFormat.N_QUADS),
    ("graph.trig", ox.RdfFormat.TRIG),
    ("graph.ttl", ox.RdfFormat.TURTLE),
    ("graph.nt", ox.RdfFormat.N_TRIPLES),
    ("graph.jsonld", ox.RdfFormat.JSON_LD),
)
#: Bumped when the way a store is built changes, so older stores are rebuilt.
LAYOUT = 2
_POINTER = "current.json"
_BUILD_LOCK = "build.lock"


@dataclass(frozen=True)
class StoreInfo:
    """Where a store comes from and where it lives.

    Attributes:
        export: The export file it was loaded from.
        sha256: SHA-256 of that file (hex).
        triples: Number of triples in the default graph.
        quads: Number of quads in named graphs (0 for a triple export).
        path: The database directory, or None for an in-memory store.
        built: True if this call built the store, False if it reused one.
        notice: One line saying that a damaged store was found and rebuilt, else "".
    """

    export: Path
    sha256: str
    triples: int
    quads: int
    path: Path | None
    built: bool
    notice: str = ""


class StoreDamaged(QueryError):
    """The store fails while it is read (RocksDB reports corruption)."""


def find_export(outdir: str | Path) -> tuple[Path, ox.RdfFormat]:
    """The export a store of ``outdir`` is built from (see ``EXPORTS``).

    Raises:
        QueryError: ``outdir`` is not a directory or holds no RDF export.
    """
    out = Path(outdir)
    if not out.is_dir():
        raise QueryError(f"{out}: not a directory (run `kg build -o {out}` first)")
    for name, fmt in EXPORTS:
        path = out / name
        if path.is_file():
            return path, fmt
    raise QueryError(f"{out}: no RDF export (graph.ttl) in this directory (run `kg build -o {out}` first)")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_pointer(cache: Path, notices: list[str] | None = None) -> dict | None:
    """The record of the current store; None if there is none. A record that exists but
    is not a JSON object is reported in ``notices`` (the store is then rebuilt)."""
    try:
        data = json.loads((cache / _POINTER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        if notices is not None:
            notices.append(f"{cache / _POINTER}: the record of the query store is damaged ({error_text(e, 120)})")
        return None
    if not isinstance(data, dict):
        if notices is not None:
            notices.append(f"{cache / _POINTER}: the record of the query store is damaged (not an object)")
        return None
    return data


def _write_pointer(cache: Path, data: dict) -> None:
    tmp = cache / f".{_POINTER}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, cache / _POINTER)


def _matches(pointer: dict | None, export: Path, sha: str) -> bool:
    """Whether ``pointer`` describes a store of ``export`` whose content hashes to ``sha``."""
    if not pointer or pointer.get("layout") != LAYOUT or pointer.get("pyoxigraph") != ox.__version__:
        return False
    if (
        pointer.get("export") != export.name
        or not (export.parent / STORE_DIR / str(pointer.get("store"))).is_dir()
    ):
        return False
    return pointer.get("sha256") == sha


@contextlib.contextmanager
def _flock(path: Path, mode: int, *, blocking: bool = True):
    """Hold ``flock(mode)`` on ``path`` (created if missing); yields False if a
    non-blocking request was refused. Without fcntl it always yields True."""
    if fcntl is None:  # pragma: no cover - Windows
        yield True
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, mode | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _cleanup(cache: Path, keep: str) -> None:
    """Delete unfinished builds and stores nobody holds, except ``keep``. Called with
    the build lock held, so no unfinished build belongs to a live builder."""
    for entry in sorted(cache.iterdir()):
        if entry.name.startswith("build-") and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith("store-") and entry.is_dir() and entry.name != keep:
            if fcntl is None:  # pragma: no cover - cannot tell whether it is in use
                continue
            lock = cache / f"{entry.name}.lock"
            with _flock(lock, fcntl.LOCK_EX, blocking=False) as got:
                if got:
                    shutil.rmtree(entry, ignore_errors=True)
                    lock.unlink(missing_ok=True)


def _store_name(export: Path, sha: str) -> str:
    # The name changes with anything that changes the database: content, file (format),
    # layout and pyoxigraph version. A published store is never modified.
    tag = hashlib.sha256(f"{sha}|{export.name}|{LAYOUT}|{ox.__version__}".encode()).hexdigest()[:16]
    return f"store-{tag}"


def _publish(
    cache: Path, export: Path, fmt: ox.RdfFormat, sha: str, name: str, counts: tuple, probe: str
) -> dict:
    pointer = {
        "layout": LAYOUT,
        "pyoxigraph": ox.__version__,
        "export": export.name,
        "format": fmt.name,
        "sha256": sha,
        "store": name,
        "triples": counts[0],
        "quads": counts[1],
        "probe": probe,
    }
    _write_pointer(cache, pointer)
    _cleanup(cache, keep=name)
    return pointer


def _build(
    cache: Path, export: Path, fmt: ox.RdfFormat, sha: str, rebuild: bool, progress: ProgressFn | None = None
) -> tuple[dict, bool]:
    """Publish a store of ``export``: one already made for the same bytes (an export
    changed and changed back), else (or if ``rebuild``) a new one built in a private
    directory. A rebuilt store gets a name of its own, so a process still reading the
    one it replaces is not disturbed."""
    name = _store_name(export, sha)
    if rebuild:
        name = f"{name}-{uuid.uuid4().hex[:8]}"
    target = cache / name
    if target.is_dir():
        try:
            old = ox.Store.read_only(str(target))
            found = _publish(cache, export, fmt, sha, name, _count(old), _probe(old))
            del old
            return found, False
        except (OSError, RuntimeError):  # damaged: build it again under another name
            name = f"{name}-{uuid.uuid4().hex[:8]}"
            target = cache / name
    tmp = cache / f"build-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        store = ox.Store(str(tmp))
        try:
            load_export(store, export, fmt, progress)
            with stage(progress, INDEX_STAGE):
                store.optimize()
                counts = _count(store)
                probe = _probe(store)
                store.flush()
        finally:
            del store  # closes the database before it is moved
        os.rename(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return _publish(cache, export, fmt, sha, name, counts, probe), True


class StoreWriteError(QueryError):
    """The store cannot be written (read-only or full output directory)."""


def ensure_store(
    outdir: str | Path, *, rebuild: bool = False, notices: list[str] | None = None,
    progress: ProgressFn | None = None,
) -> tuple[dict, bool]:
    """Make sure ``OUTDIR/.oxigraph`` holds a store of the current export (by content:
    the export is hashed on every call). Building one is reported to ``progress``
    (see the module docstring); reusing one reports nothing.

    Returns:
        The store's record (the content of ``current.json``) and whether this call built
        the store. A damaged record is reported in ``notices``.

    Raises:
        QueryError: no export or an invalid export; ``StoreWriteError`` if the store
            cannot be written.
    """
    export, fmt = find_export(outdir)
    cache = export.parent / STORE_DIR
    sha = _sha256(export)
    pointer = _read_pointer(cache)
    if not rebuild and _matches(pointer, export, sha):
        return pointer, False
    try:
        cache.mkdir(exist_ok=True)
        with _flock(cache / _BUILD_LOCK, fcntl.LOCK_EX if fcntl else 0):
            pointer = _read_pointer(cache, notices)
            if not rebuild and _matches(pointer, export, sha):  # built while we waited
                return pointer, False
            return _build(cache, export, fmt, sha, rebuild, progress)
    except OSError as e:
        raise StoreWriteError(f"{cache}: cannot write the query store: {e.strerror or e}") from None


class GraphStore:
    """An open, read-only store of an output directory (a context manager).

    >>> # with GraphStore.open("output") as gs: gs.store.query("ASK { ?s ?p ?o }")
    """

    def __init__(self, store: ox.Store, info: StoreInfo, lock: contextlib.ExitStack | None = None):
        self.store = store
        self.info = info
        self._lock = lock

    @classmethod
    def open(
        cls, outdir: str | Path, *, rebuild: bool = False, memory_fallback: bool = True,
        progress: ProgressFn | None = None,
    ) -> GraphStore:
        """Open the store of ``outdir``, building it first if it is missing or stale.

        Args:
            outdir: An output directory of ``kg build``.
            rebuild: Build a new store even if the current one is up to date.
            memory_fallback: If the store cannot be written (read-only OUTDIR), load the
                export into memory instead of failing.
            progress: Told of the stages of a load (see the module docstring).

        Raises:
            QueryError: no export in ``outdir``, an invalid export, or (without
                ``memory_fallback``) a store that cannot be written or opened.
        """
        export, fmt = find_export(outdir)
        cache = export.parent / STORE_DIR
        notices: list[str] = []
        for _attempt in range(4):
            try:
                pointer, built = ensure_store(outdir, rebuild=rebuild, notices=notices, progress=progress)
            except StoreWriteError:
                if not memory_fallback:
                    raise
                return cls.in_memory(export, fmt, progress)
            rebuild = False
            path = cache / str(pointer["store"])
            stack = contextlib.ExitStack()
            if fcntl is not None:
                stack.enter_context(_flock(cache / f"{path.name}.lock", fcntl.LOCK_SH))
            if not path.is_dir():  # deleted by a builder before we took the lock
                stack.close()
                continue
            try:
                store = ox.Store.read_only(str(path))
                problem = _check_probe(store, pointer)
            except (OSError, RuntimeError) as e:
                problem = error_text(e, 120)
            if problem:
                stack.close()
                if built:  # a store this call built is damaged at once: no point in looping
                    raise StoreDamaged(f"{path}: the query store cannot be opened: {problem}")
                notices.append(f"{path}: the query store is damaged ({problem})")
                rebuild = True
                continue
            notice = ""
            if notices:
                notice = f"{notices[-1]}; rebuilt it from {export.name}"
            info = StoreInfo(
                export=export,
                sha256=str(pointer["sha256"]),
                triples=int(pointer["triples"]),
                quads=int(pointer["quads"]),
                path=path,
                built=built,
                notice=notice,
            )
            return cls(store, info, stack)
        raise QueryError(f"{cache}: the query store keeps changing; try again")

    @classmethod
    def in_memory(
        cls, export: Path, fmt: ox.RdfFormat | None = None, progress: ProgressFn | None = None
    ) -> GraphStore:
        """Load ``export`` into a new in-memory store (no cache on disk), telling
        ``progress`` how far it has come."""
        if fmt is None:
            fmt = ox.RdfFormat.from_extension(export.suffix.lstrip("."))
            if fmt is None:
                raise QueryError(f"{export}: unknown RDF format")
        store = ox.Store()
        load_export(store, export, fmt, progress)
        with stage(progress, INDEX_STAGE):
            triples, quads = _count(store)
        return cls(store, StoreInfo(export, _sha256(export), triples, quads, None, True))

    def close(self) -> None:
        """Release the store (and the shared lock that keeps it from being deleted)."""
        self.store = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clear_store(outdir: str | Path) -> bool:
    """Delete ``OUTDIR/.oxigraph`` (the cache); True if there was one."""
    cache = Path(outdir) / STORE_DIR
    if not cache.exists():
        return False
    shutil.rmtree(cache)
    return True
