"""The query workers of ``kg serve`` and the fair queue in front of them.

Queries run in worker processes, never in the server: Oxigraph cannot cancel a running
query, and a query can take all the memory there is or (deep enough) overflow a
parser's stack and abort its process. A worker:

- puts a seccomp filter on itself before it reads a query, so that it cannot open a
  network socket (``kg.sparql.sandbox.deny_network``: SERVICE cannot reach anything even if
  it got past ``kg.sparql.query.check_query``, which runs in the worker too);
- caps its address space (``RLIMIT_AS``) well above the memory limit, as a ceiling;
- runs each query on a thread with a 256 MB stack, so that the parsers' recursion
  has room far beyond the query limits (64 K characters, 100 nested brackets);
- answers one request per line of standard input with a JSON header line and the
  body on standard output.

The server (``QueryPool``, on the event loop of the HTTP server) watches each running
query every 50 ms and stops its worker (SIGKILL; a fresh one is started in the
background) when it runs over the time limit or its resident memory grows by more
than ``max_memory`` bytes; the answer says which (503). A worker that dies by itself
is reported from its standard error: an allocation refused under ``RLIMIT_AS`` (503,
memory), a stack overflow (400), anything else (500).

Fair scheduling
---------------

Clients are told apart by their IP address.

- A client runs at most ``per_client`` queries at once (default: half the workers, at
  least one); its other requests wait.
- A free worker goes to the waiting request of the client that has used the least
  worker time lately (worker-seconds, halved every 30 s; a query that had to be
  stopped counts as the whole time limit), so a client sending slow queries waits
  behind clients sending quick ones.
- A query that runs past ``slow_after`` seconds (default 1 s) is long: its thread's
  CPU priority drops (nice 10), so quick queries on the other workers keep their
  speed on a busy machine. At most ``workers - 1`` long queries run at once: one
  worker always stays for quick ones, and a query that turns long while the others
  are taken is stopped (503 with ``Retry-After``).
- One spare worker is kept started (``spare``), so a stopped worker is replaced at
  once rather than after a new process has loaded (the stopped one becomes the spare).
- A request waits at most ``queue_timeout`` for a worker (default: 5 s, or the time
  limit if shorter), and is refused at once if ``max_waiting`` requests already wait,
  or ``max_waiting_per_client`` of its client's do (503 with ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError
from kg.sparql.sandbox import memory_of

MB = 1 << 20
_STACK = 256 * MB
_POLL = 0.05
_HALF_LIFE = 30.0
_NICE_LONG = 10


@dataclass
class Limits:
    """What a query may take (see the module docstring)."""

    workers: int = 2
    timeout: float = 30.0
    max_rows: int = 10_000
    max_memory: int = 1024 * MB
    per_client: int = 0  # 0: half the workers, at least one
    slow_after: float = 1.0
    queue_timeout: float = 0.0  # 0: 5 s, or the time limit if shorter
    max_waiting: int = 64
    max_waiting_per_client: int = 8
    spare: bool = True  # keep one more worker started, to replace a stopped one at once
    start_timeout: float = 120.0

    def __post_init__(self) -> None:
        self.workers = max(1, int(self.workers))
        if self.per_client <= 0:
            self.per_client = max(1, self.workers // 2)
        if self.queue_timeout <= 0:
            self.queue_timeout = min(5.0, self.timeout)

    @property
    def max_long(self) -> int:
        return max(1, self.workers - 1)


@dataclass
class Outcome:
    """What became of one request: ``status`` 200 with the worker's header and body, or
    an error status with a one-line ``message`` (and ``retry_after`` seconds for 503)."""

    status: int
    message: str = ""
    header: dict = field(default_factory=dict)
    body: bytes = b""
    retry_after: int = 0


# ---------------------------------------------------------------------- the worker process
def _answer_status(e: QueryError) -> int:
    from kg.sparql.query import UpdateRefused

    return 403 if isinstance(e, UpdateRefused) else 400


def worker_main() -> None:  # pragma: no cover - runs in the worker process
    """Entry point of a worker process (see the module docstring)."""
    from kg.sparql.sandbox import deny_network, limit_address_space

    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # stray prints go to stderr, never into the protocol
    config = json.loads(sys.argv[1])
    # Before anything starts a thread: the filter covers only threads started after it.
    network = deny_network() if config.get("deny_network", True) else "not asked"

    import threading

    import pyoxigraph as ox

    from kg.sparql.query import SERVICE_REFUSED, execute, format_graph, format_result

    if config.get("store"):
        store = ox.Store.read_only(config["store"])
    else:
        from kg.sparql.store import GraphStore

        store = GraphStore.in_memory(Path(config["export"])).store
    vm = (memory_of(os.getpid()) or (0, 0))[0]
    ceiling = None
    if config.get("max_memory"):
        # Far above the limit the server enforces on resident memory: address space
        # also counts the query thread's stack and allocator reservations never touched.
        ceiling = limit_address_space(vm + 2 * int(config["max_memory"]) + _STACK + 512 * MB)

    def answer(req: dict) -> tuple[dict, bytes]:
        try:
            result = execute(
                store,
                req["query"],
                limit=req["max_rows"],
                default_graphs=req.get("default_graphs", ()),
                named_graphs=req.get("named_graphs", ()),
            )
            if result.kind == "graph":
                fmt = req["graph_format"]
                body = format_graph(result, fmt)
            else:
                fmt = req["results_format"]
                body = format_result(result, fmt)
            n = len(result.triples) if result.kind == "graph" else len(result.rows)
            header = {
                "status": 200,
                "format": fmt,
                "kind": result.kind,
                "rows": n,
                "truncated": result.truncated,
            }
        except QueryError as e:
            message = str(e)
            if network is None and "os error 13" in message:
                # The store is readable: a refused socket is the only "permission denied" here.
                message = f"query: {SERVICE_REFUSED} (it tried to open a network connection)"
            body, header = "", {"status": _answer_status(e), "message": message}
        except Exception as e:  # noqa: BLE001 - report, keep serving
            body, header = "", {"status": 500, "message": f"{type(e).__name__}: {e}".splitlines()[0]}
        return header, body.encode("utf-8")

    def loop() -> None:
        ready = {"network": network, "ceiling": ceiling, "tid": threading.get_native_id()}
        out.write(b"ready " + json.dumps(ready).encode("utf-8") + b"\n")
        for line in sys.stdin.buffer:
            header, data = answer(json.loads(line))
            header["length"] = len(data)
            out.write(json.dumps(header).encode("utf-8") + b"\n" + data)

    # The parsers recurse once or more per nesting level of the query: a large stack
    # keeps them far from overflowing on anything under the query limits.
    threading.stack_size(_STACK)
    thread = threading.Thread(target=loop, name="queries")
    thread.start()
    thread.join()


# ---------------------------------------------------------------------- the server side
class WorkerStopped(Exception):
    """The worker was stopped, or died; ``reason`` is ``time``, ``memory``, ``long``,
    ``stack`` or ``crash``."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class Worker:
    """One worker process, driven from the event loop."""

    def __init__(self, config: dict, number: int):
        self.config = config
        self.number = number
        self.proc: asyncio.subprocess.Process | None = None
        self.tid = 0
        self.base_rss = 0
        self.network: str | None = "not started"
        self.reniced = False
        self._stderr: deque[str] = deque(maxlen=20)
        self._stderr_task: asyncio.Task | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None and self.proc.returncode is None else None

    async def start(self, timeout: float) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self._stderr.clear()
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from kg.sparql.serve_pool import worker_main; worker_main()",
            json.dumps(self.config),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
            limit=1 << 24,
        )
        self._stderr_task = asyncio.ensure_future(self._drain_stderr(self.proc))
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        except TimeoutError:
            line = b""
        if not line.startswith(b"ready "):
            self.kill()
            tail = " ".join(self._stderr)[-300:]
            raise WorkerStopped("crash", f"the query worker did not start{': ' + tail if tail else ''}")
        ready = json.loads(line[6:])
        self.tid, self.network, self.reniced = int(ready["tid"]), ready["network"], False
        self.base_rss = (memory_of(self.proc.pid) or (0, 0))[1]

    async def _drain_stderr(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stderr is not None
        while line := await proc.stderr.readline():
            self._stderr.append(line.decode("utf-8", "replace").rstrip())

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(Exception):
                proc.stdin.close()

    async def wait_dead(self, proc: asyncio.subprocess.Process | None) -> None:
        if proc is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(proc.wait(), 5)
            if self._stderr_task is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._stderr_task, 1)

    def renice(self, value: int) -> bool:
        """Set the nice value of the query thread; False if not allowed."""
        if not self.tid or self.pid is None:
            return False
        try:
            os.setpriority(os.PRIO_PROCESS, self.tid, value)
        except OSError:
            return False
        return True

    def crash_reason(self) -> WorkerStopped:
        text = " ".join(self._stderr)
        code = self.proc.returncode if self.proc is not None else None
        if "memory allocation of" in text:
            return WorkerStopped("memory")
        if "overflowed its stack" in text or "Fatal Python error: Segmentation" in text:
            return WorkerStopped("stack")
        how = f"signal {-code}" if isinstance(code, int) and code < 0 else f"exit status {code}"
        return WorkerStopped("crash", how)

    async def run(
        self, req: dict, *, timeout: float, max_memory: int, long_after: float, on_long: Callable[[], bool]
    ) -> tuple[dict, bytes]:
        """Send ``req`` and wait for the answer while watching time and memory.

        ``on_long()`` is called once when the query runs past ``long_after`` seconds;
        if it returns False the query is stopped.

        Raises:
            WorkerStopped: over a limit, or the worker died.
        """
        proc = self.proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(req).encode("utf-8") + b"\n")
            await proc.stdin.drain()
        except (BrokenPipeError, ConnectionResetError, OSError):
            await self.wait_dead(proc)
            raise self.crash_reason() from None
        reading = asyncio.ensure_future(self._read_answer(proc))
        start = time.monotonic()
        long_seen = False
        try:
            while True:
                done, _ = await asyncio.wait({reading}, timeout=_POLL)
                if done:
                    return reading.result()
                elapsed = time.monotonic() - start
                if elapsed > timeout:
                    raise WorkerStopped("time")
                mem = memory_of(proc.pid)
                if max_memory and mem is not None and mem[1] - self.base_rss > max_memory:
                    raise WorkerStopped("memory")
                if not long_seen and elapsed > long_after:
                    long_seen = True
                    if not on_long():
                        raise WorkerStopped("long")
        except WorkerStopped:
            reading.cancel()
            self.kill()
            raise
        except asyncio.CancelledError:  # the client went away, or the server stops
            reading.cancel()
            self.kill()
            raise
        except (asyncio.IncompleteReadError, ValueError, ConnectionResetError):
            self.proc = proc
            await self.wait_dead(proc)
            stopped = self.crash_reason()
            self.kill()
            raise stopped from None

    @staticmethod
    async def _read_answer(proc: asyncio.subprocess.Process) -> tuple[dict, bytes]:
        assert proc.stdout is not None
        line = await proc.stdout.readuntil(b"\n")
        header = json.loads(line)
        body = await proc.stdout.readexactly(int(header.get("length", 0)))
        return header, body


@dataclass
class _Waiter:
    client: str
    seq: int
    future: asyncio.Future


class QueryPool:
    """The workers and the fair queue in front of them (see the module docstring).
    Every method runs on one event loop."""

    def __init__(self, store_path: Path | None, export: Path, limits: Limits, *, deny_network: bool = True):
        self.limits = limits
        config = {
            "store": str(store_path) if store_path else None,
            "export": str(export),
            "max_memory": limits.max_memory,
            "deny_network": deny_network,
        }
        #: Every worker process: ``limits.workers`` at work and (``limits.spare``) one spare.
        self.workers = [Worker(config, i) for i in range(limits.workers + (1 if limits.spare else 0))]
        self._free: list[Worker] = []
        self._spare: Worker | None = None
        self._waiting: list[_Waiter] = []
        self._running: dict[str, int] = defaultdict(int)
        self._usage: dict[str, tuple[float, float]] = {}  # client → (worker-seconds, when)
        self._long = 0
        self._seq = 0
        self._closed = False
        self._restarts: set[asyncio.Task] = set()
        self.stats: dict[str, int] = defaultdict(int)

    # ------------------------------------------------------------------ life
    async def start(self) -> None:
        """Start every worker (in parallel); raises WorkerStopped if one cannot start."""
        await asyncio.gather(*(w.start(self.limits.start_timeout) for w in self.workers))
        self._free = list(self.workers[: self.limits.workers])
        self._spare = self.workers[-1] if self.limits.spare else None

    @property
    def network(self) -> str | None:
        """None if the workers are kept off the network, else why they are not."""
        return next((w.network for w in self.workers if w.network is not None), None)

    async def close(self) -> None:
        self._closed = True
        for t in list(self._restarts):
            t.cancel()
        for waiter in self._waiting:
            if not waiter.future.done():
                waiter.future.cancel()
        procs = [w.proc for w in self.workers]
        for w in self.workers:
            w.kill()
        for w, p in zip(self.workers, procs, strict=True):
            await w.wait_dead(p)

    def close_now(self) -> None:
        """Kill every worker without waiting (from any thread, at exit)."""
        self._closed = True
        for w in self.workers:
            w.kill()

    def _restart(self, worker: Worker) -> None:
        """Replace a stopped worker: by the spare at once if there is one, while the
        stopped one starts again (it becomes the spare, or goes back to work)."""
        if self._spare is not None and self._spare.pid is not None and not self._closed:
            self._free.append(self._spare)
            self._spare = None
            self._dispatch()

        async def again() -> None:
            proc = worker.proc
            worker.kill()
            await worker.wait_dead(proc)
            while not self._closed:
                try:
                    await worker.start(self.limits.start_timeout)
                    break
                except WorkerStopped:
                    await asyncio.sleep(1.0)
            if self._closed:
                worker.kill()
                return
            if self.limits.spare and self._spare is None:
                self._spare = worker
            else:
                self._free.append(worker)
                self._dispatch()

        task = asyncio.ensure_future(again())
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)

    # ------------------------------------------------------------------ scheduling
    def usage(self, client: str) -> float:
        spent, when = self._usage.get(client, (0.0, 0.0))
        return spent * 0.5 ** ((time.monotonic() - when) / _HALF_LIFE)

    def _charge(self, client: str, seconds: float) -> None:
        self._usage[client] = (self.usage(client) + seconds, time.monotonic())
        if len(self._usage) > 10_000:  # forget the quietest clients
            for c in sorted(self._usage, key=self.usage)[:5_000]:
                if not self._running.get(c):
                    del self._usage[c]

    def _dispatch(self) -> None:
        while self._free and self._waiting:
            eligible = [w for w in self._waiting if self._running[w.client] < self.limits.per_client]
            if not eligible:
                return
            pick = min(eligible, key=lambda w: (self.usage(w.client), w.seq))
            self._waiting.remove(pick)
            if pick.future.done():  # cancelled meanwhile
                continue
            self._running[pick.client] += 1
            pick.future.set_result(self._free.pop())

    def _busy(self, message: str) -> Outcome:
        self.stats["busy"] += 1
        return Outcome(503, message, retry_after=max(1, round(self.limits.queue_timeout)))

    async def _acquire(self, client: str) -> Worker | Outcome:
        if sum(1 for w in self._waiting if w.client == client) >= self.limits.max_waiting_per_client:
            return self._busy(
                f"this client already has {self.limits.max_waiting_per_client} queries waiting; try again later"
            )
        if len(self._waiting) >= self.limits.max_waiting:
            return self._busy(f"the server is busy ({len(self._waiting)} queries waiting); try again later")
        self._seq += 1
        waiter = _Waiter(client, self._seq, asyncio.get_running_loop().create_future())
        self._waiting.append(waiter)
        self._dispatch()
        try:
            return await asyncio.wait_for(asyncio.shield(waiter.future), self.limits.queue_timeout)
        except TimeoutError:
            if waiter.future.done() and not waiter.future.cancelled():
                return waiter.future.result()  # handed a worker just as the wait ran out
            waiter.future.cancel()
            with contextlib.suppress(ValueError):
                self._waiting.remove(waiter)
            return self._busy(
                f"all {self.limits.workers} query workers stayed busy for {self.limits.queue_timeout:g} s; try again later"
            )
        except asyncio.CancelledError:
            if waiter.future.done() and not waiter.future.cancelled():
                self._release(waiter.future.result(), client, 0.0, healthy=True)
            else:
                waiter.future.cancel()
                with contextlib.suppress(ValueError):
                    self._waiting.remove(waiter)
            raise

    def _release(self, worker: Worker, client: str, seconds: float, *, healthy: bool) -> None:
        self._running[client] -= 1
        if not self._running[client]:
            del self._running[client]
        self._charge(client, seconds)
        if worker.reniced:
            self._long -= 1
            worker.reniced = False
            if healthy and not worker.renice(0):  # not allowed back up: start a fresh one
                healthy = False
        if healthy and not self._closed:
            self._free.append(worker)
            self._dispatch()
        elif not self._closed:
            self._restart(worker)

    async def run(self, client: str, req: dict) -> Outcome:
        """Run one request (the worker protocol's JSON) for ``client``."""
        for _attempt in range(len(self.workers) + 1):  # skip workers that died while idle
            got = await self._acquire(client)
            if isinstance(got, Outcome):
                return got
            if got.pid is not None:
                break
            self._release(got, client, 0.0, healthy=False)  # died while idle: start a new one
        else:
            return Outcome(500, "the query workers keep stopping; see the server's log")
        worker = got
        limits = self.limits
        start = time.monotonic()

        def on_long() -> bool:
            if self._long >= limits.max_long:
                return False
            self._long += 1
            worker.reniced = True
            worker.renice(_NICE_LONG)
            return True

        healthy = False
        try:
            header, body = await worker.run(
                {**req, "max_rows": limits.max_rows},
                timeout=limits.timeout,
                max_memory=limits.max_memory,
                long_after=limits.slow_after,
                on_long=on_long,
            )
            healthy = True
        except WorkerStopped as e:
            self.stats[e.reason] += 1
            return self._stopped(e)
        finally:
            # A query that had to be stopped costs its client the whole time limit, so
            # that client waits behind the others next time.
            spent = time.monotonic() - start if healthy else max(limits.timeout, time.monotonic() - start)
            self._release(worker, client, spent, healthy=healthy)
        if header.get("status") != 200:
            return Outcome(int(header.get("status", 500)), str(header.get("message", "query failed")))
        return Outcome(200, header=header, body=body)

    def _stopped(self, e: WorkerStopped) -> Outcome:
        limits = self.limits
        retry = max(1, round(limits.queue_timeout))
        if e.reason == "time":
            return Outcome(
                503, f"the query ran longer than the time limit of {limits.timeout:g} s and was stopped"
            )
        if e.reason == "memory":
            return Outcome(
                503,
                f"the query used more memory than the limit of {limits.max_memory // MB} MB and was stopped",
            )
        if e.reason == "long":
            return Outcome(
                503,
                f"the query was stopped after {limits.slow_after:g} s: {self._long} long queries are running"
                " and the last worker is kept for short ones; try again later",
                retry_after=retry,
            )
        if e.reason == "stack":
            return Outcome(400, "the query is nested too deeply for the parser (its worker ran out of stack)")
        detail = f" ({e.detail})" if e.detail else ""
        return Outcome(500, f"the query worker stopped{detail}; a new one is starting")
