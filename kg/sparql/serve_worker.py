"""A query worker process of ``kg serve`` (``worker_main``) and its driver on the server's
event loop (``Worker``).

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

The server side (``Worker.run``, on the event loop of the HTTP server) watches each
running query every 50 ms and stops its worker (SIGKILL) when it runs over the time
limit or its resident memory grows by more than ``max_memory`` bytes, raising
``WorkerStopped`` with the reason; ``kg.sparql.serve_pool`` starts a fresh one in the
background and answers 503. A worker that dies by itself is reported from its standard
error: an allocation refused under ``RLIMIT_AS`` (memory), a stack overflow (stack),
anything else (crash).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from kg.errors import QueryError
from kg.sparql.sandbox import memory_of

MB = 1 << 20
_STACK = 256 * MB
_POLL = 0.05


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
        # the folder holding the kg package, so the worker imports this very kg
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self._stderr.clear()
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from kg.sparql.serve_worker import worker_main; worker_main()",
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
