"""The pool of query workers of ``kg serve``, the fair queue in front of them, and the
limits a query runs under (``Limits``).

Queries run in worker processes, never in the server (``kg.sparql.serve_worker`` says
why and how a worker is kept in a sandbox). ``QueryPool`` runs on the event loop of the
HTTP server: it hands each request to a free worker, and when a worker had to be stopped
(over the time or memory limit: 503) or died (a stack overflow: 400; anything else:
500), it starts a fresh one in the background.

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
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.sparql.serve_worker import MB, Worker, WorkerStopped, worker_main

__all__ = ["MB", "Limits", "Outcome", "QueryPool", "Worker", "WorkerStopped", "worker_main"]

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
