"""The ASGI application of ``kg serve``: routes (``/sparql``, ``/``), the checks on each
request (``Host``, ``Origin``, method, body size and time), and the answers of the query
pool (``kg.sparql.serve_pool``) turned into HTTP responses. The module docstring of
``kg.sparql.serve`` says what the endpoint accepts and refuses.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs

from kg.errors import QueryError
from kg.sparql.bundled import bundled_queries
from kg.sparql.check import UPDATE_REFUSED, check_limits, is_update, normalize_newlines
from kg.sparql.prefixes import TURTLE_PREFIXES
from kg.sparql.serve_page import DEFAULT_QUERY, render_answer, render_page
from kg.sparql.serve_pool import Outcome, QueryPool
from kg.sparql.serve_protocol import (
    CONTENT_TYPES,
    FORMAT_PARAM,
    GRAPH_TYPES,
    RESULT_TYPES,
    Answer,
    error_answer,
    host_allowed,
    negotiate,
    service_description,
)

MAX_BODY = 1 << 20  # bytes of a POST body
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
REQUEST_TIMEOUT = 10.0  # seconds to send a request head, and again its body


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
            answer = error_answer(
                HTTPStatus.SERVICE_UNAVAILABLE, "the server is stopping", {"Retry-After": "5"}
            )
        except Exception as e:  # noqa: BLE001 - one line in the log, 500 to the client
            answer = error_answer(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(e).__name__}: {e}"
            )
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
                error_answer(
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
                    error_answer(
                        HTTPStatus.REQUEST_TIMEOUT, f"the request body took over {self.request_timeout:g} s"
                    )
                ) from None
            if message["type"] == "http.disconnect":
                raise _BadRequest(error_answer(HTTPStatus.BAD_REQUEST, "the client went away"))
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                raise _BadRequest(
                    error_answer(
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
            raise _BadRequest(error_answer(HTTPStatus.BAD_REQUEST, "the URL is not UTF-8")) from None
        params = parse_qs(query_string, keep_blank_values=True)
        if method != "POST":
            return params
        body = await self._read_body(receive, headers)
        ctype = (headers.get("content-type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _BadRequest(error_answer(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")) from None
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            params.setdefault("update", []).append(text)
        elif body:
            raise _BadRequest(
                error_answer(
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
            return error_answer(
                HTTPStatus.FORBIDDEN,
                f"Host {headers.get('host')!r} is not this server's name (a DNS rebinding attempt?)",
            )
        if not self._origin_allowed(headers):
            return error_answer(
                HTTPStatus.FORBIDDEN,
                f"cross-origin requests from {headers.get('origin')} are not accepted "
                "(start kg serve with --cors ORIGIN to allow them)",
            )
        path = scope["path"]
        if path not in ("/sparql", "/"):
            return error_answer(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page /")
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
            return error_answer(
                HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"}
            )
        params = await self._params(scope, receive, method, headers)
        if "update" in params:
            return error_answer(HTTPStatus.FORBIDDEN, f"query: {UPDATE_REFUSED}")
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
            return error_answer(HTTPStatus.BAD_REQUEST, str(e))
        if is_update(text):
            return error_answer(HTTPStatus.FORBIDDEN, f"query: {UPDATE_REFUSED}")
        req = {
            "query": text,
            "results_format": results,
            "graph_format": graph,
            "default_graphs": request.params.get("default-graph-uri", []),
            "named_graphs": request.params.get("named-graph-uri", []),
        }
        outcome = await self._run_unless_gone(request.client, req, receive)
        if outcome is None:
            return error_answer(499, "the client went away")
        if outcome.status != 200:
            extra = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
            return error_answer(outcome.status, outcome.message, extra)
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
            return error_answer(HTTPStatus.BAD_REQUEST, "give exactly one query (query=…)")
        results, results_named = negotiate(accept, RESULT_TYPES)
        graph, graph_named = negotiate(accept, GRAPH_TYPES)
        for key in ("format", "output", "results"):
            for value in params.get(key, []):
                r, g = FORMAT_PARAM.get(value.strip().lower(), (None, None))
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
        body = render_page(text or DEFAULT_QUERY, result_html, examples, self.triples)
        return Answer(
            200,
            "text/html; charset=utf-8",
            body.encode("utf-8"),
            {
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
                "X-Frame-Options": "DENY",
            },
        )
