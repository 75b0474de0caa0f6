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
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, quote

from kg.errors import QueryError
from kg.sparql.query import (
    TURTLE_PREFIXES,
    UPDATE_REFUSED,
    bundled_queries,
    check_limits,
    compact_iri,
    is_update,
    normalize_newlines,
)
from kg.sparql.serve_pool import MB, Limits, Outcome, QueryPool

#: Result formats of SELECT/ASK: media type → format name of ``kg.sparql.query``.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Graph formats of CONSTRUCT/DESCRIBE: media type → format name of ``kg.sparql.query``.
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
#: Format name → Content-Type sent.
CONTENT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: ``format=``/``output=`` parameter values → (results format, graph format).
_FORMAT_PARAM: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "n3": (None, "turtle"),
    "nt": (None, "nt"),
    "json-ld": (None, "jsonld"),
    "rdf+xml": (None, "rdfxml"),
}
MAX_BODY = 1 << 20  # bytes of a POST body
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
REQUEST_TIMEOUT = 10.0  # seconds to send a request head, and again its body
BACKLOG = 2048


# ---------------------------------------------------------------------- content negotiation
def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((media, q, i))
    return out


def negotiate(accept: str, offers: Mapping[str, str]) -> tuple[str | None, bool]:
    """The format of ``offers`` (media type → format) the ``Accept`` header prefers, and
    whether it was chosen by name (False: only through a wildcard, or nothing matched).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    ('xml', True)
    >>> negotiate("*/*", RESULT_TYPES)
    ('json', False)
    """
    best: tuple[float, int, int] | None = None
    choice: str | None = None
    named = False
    order = list(offers)
    for media, q, pos in _parse_accept(accept or "*/*"):
        if q <= 0:
            continue
        if media in offers:
            candidates, exact = [media], True
        elif media == "*/*":
            candidates, exact = order, False
        elif media.endswith("/*"):
            candidates, exact = [m for m in order if m.startswith(media[:-1])], False
        else:
            continue
        for m in candidates:
            key = (-q, 0 if exact else 1, pos * 100 + order.index(m))
            if best is None or key < best:
                best, choice, named = key, offers[m], exact
    return choice, named


# ---------------------------------------------------------------------- who may ask
def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def exposure_warning(host: str) -> str | None:
    """A warning for a server bound where other machines can reach it (None on loopback).

    >>> exposure_warning("127.0.0.1") is None
    True
    """
    if _is_loopback(host):
        return None
    where = "every network interface" if _is_wildcard(host) else host
    return (
        f"listening on {where}: other machines can query this endpoint, and it has no "
        "authentication; use --host 127.0.0.1 unless you mean it"
    )


def allowed_hosts(host: str) -> frozenset[str] | None:
    """Host names the ``Host`` header may carry for a server bound to ``host``; None
    means any IP address is accepted as well (a server on every interface)."""
    names = {host.lower().strip("[]")}
    if _is_loopback(host):
        return frozenset(names | {"localhost", "127.0.0.1", "::1"})
    names |= {"localhost", "127.0.0.1", "::1"}
    with contextlib.suppress(OSError):
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def _host_name(header: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` → ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str | None, names: frozenset[str], any_ip: bool) -> bool:
    """Whether a ``Host`` header names this server (see ``allowed_hosts``).

    >>> host_allowed("localhost:8000", allowed_hosts("127.0.0.1"), False)
    True
    >>> host_allowed("evil.example:8000", allowed_hosts("127.0.0.1"), False)
    False
    """
    if header is None:  # HTTP/1.0 without Host: no browser sends that
        return True
    name = _host_name(header)
    if name in names:
        return True
    if any_ip:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


# ---------------------------------------------------------------------- answers
@dataclass
class Answer:
    """What the endpoint sends back."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = ""


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
    return Answer(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or {})


_SD = "http://www.w3.org/ns/sparql-service-description#"


def service_description(endpoint: str, triples: int, quads: int, limits: Limits) -> str:
    """The SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    formats = ", ".join(
        f"formats:{f}"
        for f in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        )
    )
    named = f' ;\n        rdfs:comment "{quads} quads in one named graph per document"' if quads else ""
    # A quad export's default graph holds the union of its document graphs (kg.sparql.store).
    union = "    sd:feature sd:UnionDefaultGraph ;\n" if quads else ""
    comment = (
        f"Read-only kg graph: SPARQL Update and SERVICE are refused; each query may run "
        f"{limits.timeout:g} s, use {limits.max_memory // MB} MB and return {limits.max_rows} rows."
    )
    return f"""@prefix sd: <{_SD}> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
{union}    sd:resultFormat {formats} ;
    rdfs:comment "{comment}" ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; void:triples {triples} ]{named}
    ] .
"""


# ---------------------------------------------------------------------- the application
Send = Callable[[dict], Awaitable[None]]
Receive = Callable[[], Awaitable[dict]]


class _BadRequest(Exception):
    def __init__(self, answer: Answer):
        super().__init__(answer.status)
        self.answer = answer


@dataclass
class _Request:
    method: str
    path: str
    client: str
    headers: dict[str, str]
    params: dict[str, list[str]]


class SparqlApp:
    """The ASGI application: routes, checks, and the query pool's answers."""

    def __init__(
        self,
        pool: QueryPool,
        *,
        triples: int,
        quads: int,
        hosts: frozenset[str],
        any_ip: bool,
        cors: Sequence[str] = (),
        log: Callable[[str], None] | None = None,
        request_timeout: float = REQUEST_TIMEOUT,
        on_ready: Callable[[], None] | None = None,
    ):
        self.pool = pool
        self.triples = triples
        self.quads = quads
        self.hosts = hosts
        self.any_ip = any_ip
        self.cors = tuple(o.rstrip("/") for o in cors)
        self.log = log
        self.request_timeout = request_timeout
        self.on_ready = on_ready
        self.startup_error: str | None = None

    @property
    def max_rows(self) -> int:
        return self.pool.limits.max_rows

    # -------------------------------------------------------------- ASGI
    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.pool.start()
                except Exception as e:  # noqa: BLE001 - reported by serve_forever
                    self.startup_error = f"the query workers did not start: {e}"
                    await send({"type": "lifespan.startup.failed", "message": self.startup_error})
                    return
                await send({"type": "lifespan.startup.complete"})
                if self.on_ready is not None:
                    self.on_ready()
            elif message["type"] == "lifespan.shutdown":
                await self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: dict, receive: Receive, send: Send) -> None:
        started = time.monotonic()
        client = (scope.get("client") or ("-", 0))[0]
        method = scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            answer = await self._handle(scope, receive, client, method, headers)
        except _BadRequest as e:
            answer = e.answer
        except asyncio.CancelledError:
            # The server is stopping (uvicorn cancels what is still running after its
            # grace period): the query's worker is gone; say so instead of a bare 500.
            answer = _error(HTTPStatus.SERVICE_UNAVAILABLE, "the server is stopping", {"Retry-After": "5"})
        except Exception as e:  # noqa: BLE001 - one line in the log, 500 to the client
            answer = _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(e).__name__}: {e}")
        answer.headers.update(self._cors_headers(headers))
        await self._send(send, answer, head=method == "HEAD")
        if self.log is not None:
            note = ""
            if answer.status >= 400:
                note = " " + answer.body.decode("utf-8", "replace").strip()[:160]
            ms = (time.monotonic() - started) * 1000
            line = f'{client} "{method} {scope["path"]}" {answer.status} {len(answer.body)} {ms:.0f} ms{note}'
            self.log(_CONTROL.sub("?", line))  # a client's text cannot break or colour the log

    @staticmethod
    async def _send(send: Send, answer: Answer, *, head: bool) -> None:
        headers = [
            (b"content-type", answer.content_type.encode("latin-1")),
            (b"content-length", str(len(answer.body)).encode("latin-1")),
            (b"server", b"kg-sparql"),
            (b"x-content-type-options", b"nosniff"),
        ]
        headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else answer.body})

    # -------------------------------------------------------------- checks
    def _origin_allowed(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is None:
            return True
        origin = origin.rstrip("/")
        if origin.lower() == f"http://{headers.get('host', '')}".lower():
            return True  # the query page posting to its own server
        return "*" in self.cors or origin in self.cors

    def _cors_headers(self, headers: dict[str, str]) -> dict[str, str]:
        origin = headers.get("origin")
        if not self.cors or origin is None:
            return {}
        out = {
            "Vary": "Accept, Origin",
            "Access-Control-Expose-Headers": "X-Result-Limit, X-Result-Truncated",
        }
        if "*" in self.cors:
            out["Access-Control-Allow-Origin"] = "*"
        elif origin.rstrip("/") in self.cors:
            out["Access-Control-Allow-Origin"] = origin.rstrip("/")
        else:
            return {}
        return out

    async def _read_body(self, receive: Receive, headers: dict[str, str]) -> bytes:
        try:
            declared = int(headers.get("content-length") or 0)
        except ValueError:
            declared = -1
        if declared < 0 or declared > MAX_BODY:
            raise _BadRequest(
                _error(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body must be under {MAX_BODY} bytes"
                )
            )
        deadline = time.monotonic() + self.request_timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise _BadRequest(
                    _error(
                        HTTPStatus.REQUEST_TIMEOUT, f"the request body took over {self.request_timeout:g} s"
                    )
                ) from None
            if message["type"] == "http.disconnect":
                raise _BadRequest(_error(HTTPStatus.BAD_REQUEST, "the client went away"))
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                raise _BadRequest(
                    _error(
                        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"the request body must be under {MAX_BODY} bytes",
                    )
                )
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _params(self, scope: dict, receive: Receive, method: str, headers: dict[str, str]) -> dict:
        try:
            query_string = scope.get("query_string", b"").decode("utf-8")
        except UnicodeDecodeError:
            raise _BadRequest(_error(HTTPStatus.BAD_REQUEST, "the URL is not UTF-8")) from None
        params = parse_qs(query_string, keep_blank_values=True)
        if method != "POST":
            return params
        body = await self._read_body(receive, headers)
        ctype = (headers.get("content-type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _BadRequest(_error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")) from None
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            params.setdefault("update", []).append(text)
        elif body:
            raise _BadRequest(
                _error(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST a query as application/x-www-form-urlencoded or application/sparql-query",
                )
            )
        return params

    # -------------------------------------------------------------- routes
    async def _handle(
        self, scope: dict, receive: Receive, client: str, method: str, headers: dict[str, str]
    ) -> Answer:
        if not host_allowed(headers.get("host"), self.hosts, self.any_ip):
            return _error(
                HTTPStatus.FORBIDDEN,
                f"Host {headers.get('host')!r} is not this server's name (a DNS rebinding attempt?)",
            )
        if not self._origin_allowed(headers):
            return _error(
                HTTPStatus.FORBIDDEN,
                f"cross-origin requests from {headers.get('origin')} are not accepted "
                "(start kg serve with --cors ORIGIN to allow them)",
            )
        path = scope["path"]
        if path not in ("/sparql", "/"):
            return _error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page /")
        if method == "OPTIONS":
            return Answer(
                HTTPStatus.NO_CONTENT,
                "text/plain",
                b"",
                {
                    "Allow": "GET, HEAD, POST, OPTIONS",
                    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Content-Type, Accept",
                    "Access-Control-Max-Age": "86400",
                },
            )
        if method not in ("GET", "HEAD", "POST"):
            return _error(
                HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"}
            )
        params = await self._params(scope, receive, method, headers)
        if "update" in params:
            return _error(HTTPStatus.FORBIDDEN, f"query: {UPDATE_REFUSED}")
        request = _Request(method, path, client, headers, params)
        if path == "/":
            return await self._page(request, receive)
        return await self._sparql(request, receive)

    async def _run(
        self, request: _Request, text: str, results: str, graph: str, receive: Receive | None
    ) -> Answer:
        """Check and run one query; never raises for a bad query."""
        text = normalize_newlines(text)
        try:
            check_limits(text)  # before anything parses it
        except QueryError as e:
            return _error(HTTPStatus.BAD_REQUEST, str(e))
        if is_update(text):
            return _error(HTTPStatus.FORBIDDEN, f"query: {UPDATE_REFUSED}")
        req = {
            "query": text,
            "results_format": results,
            "graph_format": graph,
            "default_graphs": request.params.get("default-graph-uri", []),
            "named_graphs": request.params.get("named-graph-uri", []),
        }
        outcome = await self._run_unless_gone(request.client, req, receive)
        if outcome is None:
            return _error(499, "the client went away")
        if outcome.status != 200:
            extra = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
            return _error(outcome.status, outcome.message, extra)
        header = outcome.header
        fmt = header["format"]
        return Answer(
            200,
            f"{CONTENT_TYPES[fmt]}; charset=utf-8",
            outcome.body,
            {
                "X-Result-Limit": str(self.max_rows),
                "X-Result-Truncated": "true" if header.get("truncated") else "false",
                "Vary": "Accept",
            },
            kind=header.get("kind", ""),
        )

    async def _run_unless_gone(self, client: str, req: dict, receive: Receive | None) -> Outcome | None:
        """The pool's answer, or None if the client disconnected first (its query is
        then stopped, so a client that gives up does not keep a worker busy)."""
        running = asyncio.ensure_future(self.pool.run(client, req))
        if receive is None:
            return await running
        try:
            while True:
                gone = asyncio.ensure_future(receive())  # a GET's first message is its empty body
                try:
                    done, _ = await asyncio.wait({running, gone}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    if not gone.done():
                        gone.cancel()
                if running in done:
                    return running.result()
                if gone.result().get("type") == "http.disconnect":
                    running.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await running
                    return None
        finally:
            if not running.done():
                running.cancel()

    async def _sparql(self, request: _Request, receive: Receive) -> Answer:
        params = request.params
        queries = params.get("query", [])
        accept = request.headers.get("accept") or "*/*"
        if not queries and request.method in ("GET", "HEAD"):
            return self._description(request, accept)
        if len(queries) != 1 or not queries[0].strip():
            return _error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=…)")
        results, results_named = negotiate(accept, RESULT_TYPES)
        graph, graph_named = negotiate(accept, GRAPH_TYPES)
        for key in ("format", "output", "results"):
            for value in params.get(key, []):
                r, g = _FORMAT_PARAM.get(value.strip().lower(), (None, None))
                if r and not results_named:
                    results, results_named = r, True
                if g and not graph_named:
                    graph, graph_named = g, True
        return await self._run(request, queries[0], results or "json", graph or "turtle", receive)

    def _description(self, request: _Request, accept: str) -> Answer:
        import pyoxigraph as ox

        host = request.headers.get("host") or "localhost"
        turtle = service_description(f"http://{host}/sparql", self.triples, self.quads, self.pool.limits)
        fmt, _named = negotiate(accept, GRAPH_TYPES)
        fmt = fmt or "turtle"
        if fmt == "turtle":
            body = turtle.encode("utf-8")
        else:
            target = {
                "nt": ox.RdfFormat.N_TRIPLES,
                "jsonld": ox.RdfFormat.JSON_LD,
                "rdfxml": ox.RdfFormat.RDF_XML,
            }[fmt]
            quads = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
            prefixes = TURTLE_PREFIXES if target == ox.RdfFormat.RDF_XML else None
            body = ox.serialize([q.triple for q in quads], format=target, prefixes=prefixes)
        return Answer(200, f"{CONTENT_TYPES[fmt]}; charset=utf-8", body, {"Vary": "Accept"})

    async def _page(self, request: _Request, receive: Receive) -> Answer:
        try:
            examples = bundled_queries()
        except QueryError:
            examples = []
        text = (request.params.get("query") or [""])[0]
        example = (request.params.get("example") or [""])[0]
        if example and not text:
            text = next((q.text for q in examples if q.name == example), "")
        result_html = ""
        if text.strip():
            answer = await self._run(request, text, "json", "turtle", receive)
            result_html = render_answer(answer, self.max_rows)
        body = render_page(text or _DEFAULT_QUERY, result_html, examples, self.triples)
        return Answer(
            200,
            "text/html; charset=utf-8",
            body.encode("utf-8"),
            {
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
                "X-Frame-Options": "DENY",
            },
        )


_DEFAULT_QUERY = """SELECT ?type (COUNT(?entity) AS ?entities)
WHERE { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }
GROUP BY ?type
ORDER BY DESC(?entities)
"""

_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 0.9em; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.error { color: #a00; white-space: pre-wrap; }
.note { color: #555; }
pre { background: #f7f7f7; padding: 0.5em; overflow: auto; }
"""


def _cell(binding: dict | None) -> str:
    if not binding:
        return ""
    kind, value = binding.get("type"), str(binding.get("value", ""))
    if kind == "uri":
        describe = "/?query=" + quote(f"DESCRIBE <{value}>", safe="")
        return f'<a href="{html.escape(describe, quote=True)}">{html.escape(compact_iri(value))}</a>'
    if kind == "bnode":
        return html.escape(f"_:{value}")
    return html.escape(value)


def render_answer(answer: Answer, max_rows: int) -> str:
    """The HTML of a query's results (table, boolean, graph or error), escaped."""
    if answer.status != 200:
        return f'<p class="error">{html.escape(answer.body.decode("utf-8", "replace").strip())}</p>'
    truncated = answer.headers.get("X-Result-Truncated") == "true"
    note = f'<p class="note">Only the first {max_rows} results are shown.</p>' if truncated else ""
    if answer.kind == "graph":
        return f"{note}<pre>{html.escape(answer.body.decode('utf-8'))}</pre>"
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return f"<p><strong>{'true' if doc['boolean'] else 'false'}</strong></p>"
    variables = doc["head"]["vars"]
    rows = doc["results"]["bindings"]
    head = "".join(f"<th>{html.escape(v)}</th>" for v in variables)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(v))}</td>" for v in variables) + "</tr>" for r in rows
    )
    count = f'<p class="note">{len(rows)} row{"" if len(rows) == 1 else "s"}</p>'
    return f"{note}{count}<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def render_page(query_text: str, result_html: str, examples: list, triples: int) -> str:
    """The query page: form, example links, results."""
    links = " · ".join(
        f'<a href="/?example={quote(q.name)}" title="{html.escape(q.question, quote=True)}">{html.escape(q.name)}</a>'
        for q in examples
    )
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>kg SPARQL</title>
<style>{_CSS}</style>
</head>
<body>
<h1>kg SPARQL</h1>
<p class="note">{triples} triples. Prefixes kg:, id:, schema:, skos:, prov:, dcterms:, geo:, xsd:, rdfs:, rdf:, owl:
are bound. The protocol endpoint is <code>/sparql</code>.</p>
<form method="post" action="/">
<textarea name="query" rows="14">{html.escape(query_text)}</textarea>
<p><button type="submit">Run</button></p>
</form>
<p>Examples: {links}</p>
{result_html}
</body>
</html>
"""


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
) -> SparqlServer:
    """A server for ``outdir`` bound to ``host:port`` (port 0: a free port), its store
    built (or rebuilt, if damaged: ``server.notice`` says so) and its port bound; the
    workers start when ``serve_forever()`` runs, which calls ``on_ready()`` once they are
    up. ``limits`` overrides ``workers``, ``timeout``, ``max_rows`` and ``max_memory``.

    Raises:
        QueryError: no usable export in ``outdir``.
        OSError: the address cannot be bound.
    """
    from kg.sparql.store import GraphStore

    if limits is None:
        limits = Limits(workers=workers, timeout=timeout, max_rows=max_rows, max_memory=max_memory)
    graph = GraphStore.open(Path(outdir))
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
        any_ip=_is_wildcard(host),
        cors=cors,
        log=log,
        request_timeout=request_timeout,
        on_ready=on_ready,
    )
    uv_logger = logging.getLogger("uvicorn")
    uv_logger.handlers = [_LogForwarder(log)]
    uv_logger.propagate = False
    return SparqlServer(sock, app, graph, request_timeout)
