"""The per-document step as Dask tasks, on a local cluster or on a remote one.

``extract_dask(documents, tools, progress, failures)`` is what ``kg build --engine dask``
runs in place of the loop or the process pool of :func:`kg.pipeline.extract_all`, with the
same result:

- The documents are cut into shards of consecutive documents of about
  :data:`SHARD_CHARS` characters (:func:`shard_bounds`; the same documents always give
  the same shards). Each shard is one task; its documents travel in the task, texts
  included, so the workers need no access to the input files.
- A worker loads the resources once, the first time one of its tasks needs them, and
  keeps them under a key made of the settings and the data source (:func:`worker_tools`);
  the built-in data comes from the worker's own installed kg, an overlay folder
  (``--data-dir``) or a user dictionary from the same path on the worker.
- A task returns its documents' results packed (:func:`kg.extract.document.pack`,
  about 2 bytes per input character) or, for a document whose extraction raised, a
  one-line reason, as the process pool does. The client unpacks them with the documents
  it holds, shard after shard in input order, whatever order the tasks finish in, so the
  merge sees exactly what a serial run gives it and the exports are byte-identical.
- Only a window of shards is in flight at a time (a few per worker thread), and a bounded
  number is ahead of the first shard not yet unpacked, so the texts sent and the packed
  results waiting to be unpacked stay bounded on large inputs.

The merge is split (:mod:`kg.merge`): asked for it (``summary``), each task also returns
its shard's summary for the merge (:func:`kg.merge.partial`, made from the results before
they are packed; pickled, some three fifths of their size), and the client combines them as they come
in; only the final step (:func:`kg.merge.finalize`: identity over the whole corpus, ids,
measures) runs in the client. The results themselves still come back whole: the exports
read every document's sentences, mentions and entities, and the store keeps them.

Dask is an optional dependency (``pip install 'kg[dask]'``); without it the engine is a
one-line ``ConfigError``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from kg.config import Settings
from kg.errors import ConfigError, KGError, ResourceError, error_text
from kg.extract.document import Packed, Tools, extract_document, make_tools, pack, unpack
from kg.merge import Partial, combine, partial
from kg.model import DocExtraction, Document

#: Characters of text per task (about a hundred news stories): large enough that the cost
#: of a task (scheduling, sending the shard: milliseconds) is small beside its extraction
#: (half a second or so), small enough that the workers finish at nearly the same time on
#: a corpus of a few thousand stories.
SHARD_CHARS = 50_000
#: Workers of the local cluster when the settings ask for one process (the default).
LOCAL_WORKERS = 2
#: The local cluster's workers are processes (False: threads of this process, which start
#: in a fraction of the time but share one interpreter lock; the tests use them).
LOCAL_PROCESSES = True
#: Seconds allowed to reach a scheduler given by address.
CONNECT_TIMEOUT = 20
#: Shards in flight per worker thread, and shards submitted but not yet unpacked (running,
#: or finished and waiting for an earlier shard) per worker thread: the bound on the texts
#: and results held at once, loose enough that one slow shard does not idle the others.
WINDOW_PER_THREAD = 3
AHEAD_PER_THREAD = 12

MISSING = "engine dask needs Dask: pip install 'kg[dask]'"


class EngineError(KGError):
    """The cluster could not be reached, or a task failed as a whole (a worker died or
    could not load the resources); a document's own failure is not one of these."""


def require_dask() -> None:
    """Raise a one-line ``ConfigError`` when Dask's distributed scheduler is not installed."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None or importlib.util.find_spec("dask") is None:
        raise ConfigError(MISSING)


def shard_bounds(documents: Sequence[Document], max_chars: int = SHARD_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` index ranges of consecutive documents of at most ``max_chars``
    characters each (a longer document is a shard of its own); a function of the
    documents alone, so a corpus is always cut the same way.

    >>> shard_bounds([Document("a", "xx"), Document("b", "xxx"), Document("c", "x")], 4)
    [(0, 1), (1, 3)]
    """
    bounds: list[tuple[int, int]] = []
    start, size = 0, 0
    for i, doc in enumerate(documents):
        if i > start and size + len(doc.text) > max_chars:
            bounds.append((start, i))
            start, size = i, 0
        size += len(doc.text)
    if start < len(documents):
        bounds.append((start, len(documents)))
    return bounds


# ------------------------------------------------------------------ worker side
_TOOLS: dict[tuple[str, str], tuple[Tools, threading.Lock]] = {}
_TOOLS_LOCK = threading.Lock()


def worker_tools(key: str, settings: Settings, data_dir: object, fingerprint: str = "") -> tuple[Tools, threading.Lock]:
    """The tools of this worker for ``key`` (the settings, the data source and the hash of
    its files' contents, ``fingerprint``), made on first use, and the lock a task holds
    while it uses them. Tools whose overlay or user dictionary read here hash differently
    from the client's (another copy of the files on this machine) are a ``ResourceError``:
    they would extract other names than a serial build. Several workers may share a process
    (a cluster of threads), so the cache is per worker; a worker keeps only the tools of
    the latest key, so a long-lived cluster serving builds with other settings does not
    accumulate them. A worker with several threads runs its tasks one at a time: the
    engines keep memo tables that are not made for concurrent use, and the interpreter
    lock would let the threads gain little anyway (one thread per worker process is the
    setting to use, see README)."""
    from distributed import get_worker

    try:
        worker = get_worker().address
    except ValueError:  # not in a worker (a task run in the client by a test or a debugger)
        worker = ""
    with _TOOLS_LOCK:
        entry = _TOOLS.get((worker, key))
        if entry is None:
            for old in [k for k in _TOOLS if k[0] == worker]:
                del _TOOLS[old]
            tools = make_tools(settings, data_dir)  # type: ignore[arg-type]
            if tools.resources.fingerprint != fingerprint:
                raise ResourceError(f"the data files given by {data_dir} differ on the Dask worker {worker or '?'} "
                                    "from the client's; the workers must read the same files")
            entry = _TOOLS[(worker, key)] = (tools, threading.Lock())
        return entry


def extract_shard(
    key: str, settings: Settings, data_dir: object, fingerprint: str, docs: Sequence[Document],
    start: int | None = None,
) -> tuple[list[Packed | str], Partial | None]:
    """The task: each document's packed extraction, or a one-line reason it failed; and,
    when ``start`` (the position of the shard's first document) is given, the merge's
    summary of the documents extracted (:func:`kg.merge.partial`), made here from the
    results before they are packed."""
    tools, lock = worker_tools(key, settings, data_dir, fingerprint)
    out: list[Packed | str] = []
    done: list[DocExtraction] = []
    positions: list[int] = []
    with lock:
        for i, doc in enumerate(docs):
            try:
                dx = extract_document(doc, tools)
            except Exception as e:  # noqa: BLE001 - one bad document must not end a corpus run
                out.append(f"document {doc.id}: extraction failed: {type(e).__name__}: {e}".splitlines()[0])
                continue
            out.append(pack(dx))
            if start is not None:
                done.append(dx)
                positions.append(start + i)
    return out, None if start is None else partial(done, positions=positions)


# ------------------------------------------------------------------ client side
@contextmanager
def connect(settings: Settings, processes: bool | None = None) -> Iterator[object]:
    """A ``distributed.Client`` of the scheduler at ``settings.scheduler``, or of a local
    cluster of ``settings.workers`` single-threaded worker processes (``LOCAL_WORKERS``
    when that is 1), closed on exit; ``processes`` overrides :data:`LOCAL_PROCESSES`."""
    require_dask()
    import logging

    from distributed import Client, LocalCluster

    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as e:
            raise EngineError(f"scheduler {settings.scheduler}: cannot connect: {error_text(e)}") from e
        try:
            yield client
        finally:
            client.close()
        return
    workers = settings.workers if settings.workers > 1 else LOCAL_WORKERS
    processes = LOCAL_PROCESSES if processes is None else processes
    try:
        # no dashboard, and the scheduler's small HTTP server on a free port (not 8787, which
        # another cluster may hold)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, silence_logs=logging.ERROR,
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    except (OSError, RuntimeError) as e:  # a worker process that could not start, no free port
        raise EngineError(f"the local Dask cluster did not start: {error_text(e)}") from e
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client


def extract_dask(
    documents: Sequence[Document],
    tools: Tools,
    progress: Callable[[int, int], None] | None = None,
    failures: list[tuple[Document, str]] | None = None,
    *,
    client: object | None = None,
    max_chars: int | None = None,
    summary: list[Partial] | None = None,
) -> list[DocExtraction]:
    """The per-document step over ``documents`` as Dask tasks; the result, the
    ``failures`` and the calls of ``progress(done, total)`` (one per document) are those
    of :func:`kg.pipeline.extract_all`. ``client`` is a connected ``distributed.Client``
    to use instead of the one ``tools.settings`` names; ``max_chars`` the size of a shard
    (default :data:`SHARD_CHARS`).

    With a list as ``summary``, each task also summarises its shard for the merge, the
    client combines the summaries as they come, and the summary of all the documents
    extracted (positions: their indices in ``documents``) is appended to the list:
    ``kg.merge.finalize(summary[0], resources, settings, result)`` is then
    ``kg.merge.merge(result, resources, settings)`` without reading the results again."""
    if not documents:
        if summary is not None:
            summary.append(Partial())
        return []
    if client is None:
        with connect(tools.settings) as own:
            return extract_dask(documents, tools, progress, failures, client=own, max_chars=max_chars,
                                summary=summary)
    from distributed import as_completed

    settings, data_dir, fingerprint = tools.settings, tools.resources.data_dir, tools.resources.fingerprint
    key = f"{settings!r}|{data_dir!r}|{fingerprint}"
    bounds = shard_bounds(documents, max_chars or SHARD_CHARS)
    out: list[DocExtraction] = []
    n, done = len(documents), 0
    index: dict[str, int] = {}  # future key -> shard number
    finished: dict[int, list[Packed | str]] = {}
    submitted = unpacked = 0
    pending = as_completed(loop=client.loop)  # type: ignore[attr-defined]
    whole = Partial()

    def fill() -> None:
        nonlocal submitted
        threads = sum(client.nthreads().values()) or 1  # type: ignore[attr-defined]
        while (submitted < len(bounds) and submitted - unpacked - len(finished) < WINDOW_PER_THREAD * threads
               and submitted - unpacked < AHEAD_PER_THREAD * threads):
            lo, hi = bounds[submitted]
            future = client.submit(extract_shard, key, settings, data_dir, fingerprint,  # type: ignore[attr-defined]
                                   documents[lo:hi], None if summary is None else lo, pure=False)
            index[future.key] = submitted
            pending.add(future)
            submitted += 1

    fill()
    for future in pending:
        number = index.pop(future.key)
        try:
            finished[number], part = future.result()
        except Exception as e:
            lo, hi = bounds[number]
            raise EngineError(f"dask task of documents {documents[lo].id} to {documents[hi - 1].id} failed: "
                              f"{type(e).__name__}: {error_text(e)}") from e
        future.release()
        if part is not None:  # in any order: combining is commutative
            whole = combine(whole, part)
        if progress:
            for _ in range(len(finished[number])):
                done += 1
                progress(done, n)
        while unpacked in finished:  # in input order, as soon as the shards before are in
            lo, hi = bounds[unpacked]
            for doc, result in zip(documents[lo:hi], finished.pop(unpacked), strict=True):
                if isinstance(result, str):
                    if failures is not None:
                        failures.append((doc, result))
                else:
                    out.append(unpack(result, doc))
            unpacked += 1
        fill()
    if summary is not None:
        summary.append(whole)
    return out
