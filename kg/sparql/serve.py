"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (``kg serve``).

``make_server(outdir, host, port)`` opens the query store, binds the port and returns a
``SparqlServer``: an ASGI application served by uvicorn, in front of a pool of query
worker processes (``kg.sparql.serve_pool``). Pages:

- ``/sparql``: the SPARQL 1.1 Protocol. ``GET ?query=…``; ``POST`` with
  ``application/x-www-form-urlencoded`` (``query=…``) or ``application/sparql-query``
  (the query as the body); ``default-graph-uri`` and ``named-graph-uri`` are honoured.
  Results by the ``Accept`` header: ``application/sparql-results+json`` (the default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values``; graphs
  (CONSTRUCT, DESCRIBE) as ``text/turtle`` (the default), ``application/n-triples``,
  ``application/ld+json`` or ``application/rdf+xml``. When ``Accept`` names no type we
  serve (or only ``*/*``), a ``format``/``output`` parameter (``json``, ``xml``, ``csv``,
  ``tsv``, ``turtle``…) chooses. ``GET /sparql`` without a query gives the SPARQL 1.1
  Service Description of the endpoint (Turtle, or another graph format by ``Accept``).
- ``/``: an HTML page with a query box, the bundled queries as examples and the results
  as a table; every value is HTML-escaped; no script, no external resource.

Safe for a local server
-----------------------

- Read-only: SPARQL Update is refused with 403 in every form (``update=``,
  ``application/sparql-update``, ``query=INSERT …``), in the words ``kg query`` uses;
  the store is also opened read-only.
- SERVICE (a federated query, which would make this server fetch other URLs) is refused
  with 400 from a parse of the query (``kg.sparql.query.check_query``), and the workers cannot
  open a network socket at all (``kg.sparql.sandbox``).
- The ``Host`` header must name the address the server is bound to (on a loopback
  address: ``localhost``, ``127.0.0.1`` or ``[::1]``; on ``0.0.0.0``: an IP address or
  this machine's name), so a web page cannot reach the server by DNS rebinding (403).
- No cross-origin access unless asked: a request with an ``Origin`` header other than the
  server's own is refused (403) and no ``Access-Control-Allow-Origin`` is sent, unless
  the origin was given with ``cors`` (``--cors ORIGIN``; ``*`` allows any).
- Limits (``kg.sparql.serve_pool.Limits``): query length and bracket nesting checked before
  any parser runs (400); time (503 after ``timeout``), memory (503 when a query's worker
  grows by more than ``max_memory``), result size (``max_rows``, with
  ``X-Result-Limit`` and ``X-Result-Truncated`` headers), and fair scheduling between
  clients (503 with ``Retry-After`` when busy).
- HTTP: a client must send its request head, and its body, within ``request_timeout``
  seconds (10) or the connection is closed; idle keep-alive connections close after 5 s;
  the listen backlog is 2048; bodies are limited to 1 MB; no tracebacks in the log (one
  line per request); Ctrl-C stops the workers and exits.

The server serves the store as it was when it started; restart it after ``kg build``.
It listens on 127.0.0.1 unless told otherwise: it has no authentication.

This module holds the HTTP server (uvicorn, its socket and deadlines) and ``make_server``;
the parts live in their own modules, and their names stay importable from here:
``kg.sparql.serve_protocol`` (content negotiation, ``Host`` rules, the Service
Description), ``kg.sparql.serve_app`` (the ASGI application), ``kg.sparql.serve_page``
(the HTML query page), ``kg.sparql.serve_pool`` and ``kg.sparql.serve_worker`` (the query
workers and the fair queue in front of them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import QueryError
from kg.progress import ProgressFn
from kg.sparql.serve_app import MAX_BODY, REQUEST_TIMEOUT, SparqlApp
from kg.sparql.serve_page import render_answer, render_page
from kg.sparql.serve_pool import MB, Limits, QueryPool
from kg.sparql.serve_protocol import (
    CONTENT_TYPES,
    GRAPH_TYPES,
    RESULT_TYPES,
    Answer,
    allowed_hosts,
    exposure_warning,
    host_allowed,
    is_wildcard,
    negotiate,
    service_description,
)

__all__ = [
    "BACKLOG",
    "CONTENT_TYPES",
    "GRAPH_TYPES",
    "MAX_BODY",
    "REQUEST_TIMEOUT",
    "RESULT_TYPES",
    "Answer",
    "SparqlApp",
    "SparqlServer",
    "allowed_hosts",
    "exposure_warning",
    "host_allowed",
    "make_server",
    "negotiate",
    "render_answer",
    "render_page",
    "service_description",
]

BACKLOG = 2048


# ---------------------------------------------------------------------- the HTTP server
def _guarded_protocol(request_timeout: float) -> type:
    """uvicorn's HTTP/1.1 protocol with a deadline for each request head: a connection
    that has not sent a complete head ``request_timeout`` seconds after it opened, or
    after its last answer, is closed (uvicorn itself waits for ever, so each slow or
    silent client would hold a connection)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11Protocol(H11Protocol):
        _kg_timer: asyncio.TimerHandle | None = None

        def _kg_arm(self) -> None:
            self._kg_disarm()
            self._kg_timer = self.loop.call_later(request_timeout, self._kg_expire)

        def _kg_disarm(self) -> None:
            if self._kg_timer is not None:
                self._kg_timer.cancel()
                self._kg_timer = None

        def _kg_expire(self) -> None:
            self._kg_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()  # no complete request head in time

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._kg_arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._kg_arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._kg_disarm()
            super().connection_lost(exc)

    return GuardedH11Protocol


class _LogForwarder(logging.Handler):
    """uvicorn's own warnings as one line each in our log (no tracebacks)."""

    def __init__(self, log: Callable[[str], None] | None):
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if self.log is not None:
            with contextlib.suppress(Exception):
                self.log(record.getMessage().splitlines()[0])


class SparqlServer:
    """The endpoint: a bound socket, the ASGI app and its query pool. Call
    ``serve_forever()`` (it blocks; in the main thread Ctrl-C and SIGTERM stop it), and
    ``shutdown()`` from another thread, then ``server_close()``."""

    def __init__(self, sock: socket.socket, app: SparqlApp, graph, request_timeout: float):
        import uvicorn

        self.socket = sock
        self.app = app
        self.graph = graph
        self.server_address = sock.getsockname()[:2]
        self.service = app.pool
        self.notice = graph.info.notice
        self._ready = threading.Event()
        self._done = threading.Event()
        config = uvicorn.Config(
            app,
            loop="asyncio",
            http=_guarded_protocol(request_timeout),
            lifespan="on",
            log_config=None,
            access_log=False,
            proxy_headers=False,  # X-Forwarded-For would let a client choose its own address
            server_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
            h11_max_incomplete_event_size=MAX_BODY,
            backlog=BACKLOG,
        )
        self._uvicorn = uvicorn.Server(config)

    @property
    def triples(self) -> int:
        return self.graph.info.triples

    def serve_forever(self) -> None:
        """Serve until ``shutdown()`` (or a signal, in the main thread).

        Raises:
            QueryError: the query workers could not start.
        """
        previous = self.app.on_ready

        def ready() -> None:
            self._ready.set()
            if previous is not None:
                previous()

        self.app.on_ready = ready
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._done.set()
            self.service.close_now()
        if self.app.startup_error:
            raise QueryError(self.app.startup_error)

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Wait until the workers are up and requests are served (False on timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._ready.is_set() and self._uvicorn.started:
                return True
            if self._done.is_set():
                return False
            time.sleep(0.02)
        return False

    def shutdown(self) -> None:
        """Ask ``serve_forever`` to return, and wait for it (from another thread)."""
        self._uvicorn.should_exit = True
        self._done.wait(30)

    def server_close(self) -> None:
        """Close the socket, stop the workers and release the store."""
        with contextlib.suppress(OSError):
            self.socket.close()
        self.service.close_now()
        self.graph.close()


def make_server(
    outdir: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 2,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    max_memory: int = 1024 * MB,
    cors: Sequence[str] = (),
    log: Callable[[str], None] | None = None,
    limits: Limits | None = None,
    request_timeout: float = REQUEST_TIMEOUT,
    on_ready: Callable[[], None] | None = None,
    progress: ProgressFn | None = None,
) -> SparqlServer:
    """A server for ``outdir`` bound to ``host:port`` (port 0: a free port), its store
    built (or rebuilt, if damaged: ``server.notice`` says so) and its port bound; the
    workers start when ``serve_forever()`` runs, which calls ``on_ready()`` once they are
    up. ``limits`` overrides ``workers``, ``timeout``, ``max_rows`` and ``max_memory``.
    Building the store is reported to ``progress`` (see :mod:`kg.sparql.store`).

    Raises:
        QueryError: no usable export in ``outdir``.
        OSError: the address cannot be bound.
    """
    from kg.sparql.store import GraphStore

    if limits is None:
        limits = Limits(workers=workers, timeout=timeout, max_rows=max_rows, max_memory=max_memory)
    graph = GraphStore.open(Path(outdir), progress=progress)
    try:
        family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
        # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say so, and
        # without it every answer waits 40 ms for the client's delayed ACK (Nagle).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.bind((host.strip("[]"), port))  # bind first: a busy port fails fast
            sock.listen(BACKLOG)
        except BaseException:
            sock.close()
            raise
    except BaseException:
        graph.close()
        raise
    info = graph.info
    pool = QueryPool(info.path, info.export, limits)
    app = SparqlApp(
        pool,
        triples=info.triples,
        quads=info.quads,
        hosts=allowed_hosts(host),
        any_ip=is_wildcard(host),
        cors=cors,
        log=log,
        request_timeout=request_timeout,
        on_ready=on_ready,
    )
    uv_logger = logging.getLogger("uvicorn")
    uv_logger.handlers = [_LogForwarder(log)]
    uv_logger.propagate = False
    return SparqlServer(sock, app, graph, request_timeout)
