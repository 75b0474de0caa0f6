"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (``kg serve``).

``make_server(outdir, host, port)`` returns a ``ThreadingHTTPServer`` (standard library)
with two pages:

- ``/sparql``: the SPARQL 1.1 Protocol. ``GET ?query=…``; ``POST`` with
  ``application/x-www-form-urlencoded`` (``query=…``) or ``application/sparql-query``
  (the query as the body); ``default-graph-uri`` and ``named-graph-uri`` are honoured.
  Results by the ``Accept`` header: ``application/sparql-results+json`` (the default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values``; graphs
  (CONSTRUCT, DESCRIBE) as ``text/turtle`` (the default), ``application/n-triples``,
  ``application/ld+json`` or ``application/rdf+xml``. When ``Accept`` names no type we
  serve (or only ``*/*``), a ``format``/``output`` parameter (``json``, ``xml``, ``csv``,
  ``tsv``, ``turtle``…) chooses. Responses carry ``Access-Control-Allow-Origin: *``.
- ``/``: an HTML page with a query box, the bundled queries as examples and the results
  as a table; every value is HTML-escaped; no script, no external resource.

Read-only and bounded
---------------------

- SPARQL Update is refused with 403, whether sent as ``update=``, as
  ``application/sparql-update`` or as ``query=INSERT …``; the store is also opened
  read-only, so nothing could be written anyway.
- ``SERVICE`` (federated queries, which would make this server fetch other URLs) is
  refused with 400. The check is lexical: the keyword outside strings, IRIs and comments.
- Time limit (``timeout``, default 30 s): queries run in worker processes (``workers``,
  default 2), each holding the store open read-only. Oxigraph cannot cancel a running
  query, so a query over its time is stopped by killing its worker process (SIGKILL);
  the client gets 503 and a fresh worker is started. A request that waits longer than
  the time limit for a free worker also gets 503.
- Result limit (``max_rows``, default 10,000 rows or triples): longer results are cut
  there; every response says ``X-Result-Limit: <n>`` and ``X-Result-Truncated: true``
  or ``false``, and the HTML page says so in words.

The server serves the store as it was when it started; restart it after ``kg build``.
It listens on 127.0.0.1 unless told otherwise: it has no authentication.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from queue import Empty, Queue
from urllib.parse import parse_qs, quote, urlsplit

from .errors import QueryError

#: Result formats of SELECT/ASK: media type → format name of ``kg.query``.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Graph formats of CONSTRUCT/DESCRIBE: media type → format name of ``kg.query``.
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
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


# ---------------------------------------------------------------------- request checks
_LEXICAL = re.compile(
    r"""(?sx)
      "{3}.*?"{3} | '{3}.*?'{3}            # long strings
    | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'   # strings
    | <[^<>"{}|^`\\\s]*>                   # IRIs
    | \#[^\n]*                             # comments
    """
)


def _blank_out(text: str) -> str:
    """``text`` with strings, IRIs and comments replaced by a space, so a keyword check
    only sees SPARQL syntax."""
    return _LEXICAL.sub(" ", text)


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request (its first keyword after the prologue).

    >>> is_update("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update('SELECT * { ?s ?p "DELETE" }')
    False
    """
    words = re.findall(r"[A-Za-z_][\w-]*:?", _blank_out(text))
    i = 0
    while i < len(words):
        w = words[i].upper()
        if w == "PREFIX":
            i += 2  # PREFIX name:  (the IRI is blanked out)
            continue
        if w == "BASE":
            i += 1
            continue
        return w in _UPDATE_WORDS
    return False


def uses_service(text: str) -> bool:
    """Whether ``text`` has a SERVICE clause (outside strings, IRIs and comments).

    >>> uses_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    False
    """
    # not a variable (?service), nor part of a prefixed name (ex:service, service:x)
    return re.search(r"(?i)(?<![?$:\w-])SERVICE(?![\w:-])", _blank_out(text)) is not None


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


# ---------------------------------------------------------------------- workers
class _Timeout(Exception):
    pass


class _WorkerGone(Exception):
    pass


def worker_main() -> None:  # pragma: no cover - runs in the worker process
    """Entry point of a worker process: open the store, then answer one request per line
    of standard input with a JSON header line and the body on standard output."""
    from .query import execute, format_graph, format_result
    from .store import GraphStore

    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # stray prints go to stderr, never into the protocol
    config = json.loads(sys.argv[1])
    import pyoxigraph as ox

    if config.get("store"):
        store = ox.Store.read_only(config["store"])
    else:
        store = GraphStore.in_memory(Path(config["export"])).store
    out.write(b"ready\n")
    for line in sys.stdin.buffer:
        req = json.loads(line)
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
            body, header = "", {"status": 400, "message": str(e)}
        except Exception as e:  # noqa: BLE001 - report, keep serving
            body, header = "", {"status": 500, "message": f"{type(e).__name__}: {e}".splitlines()[0]}
        data = body.encode("utf-8")
        header["length"] = len(data)
        out.write(json.dumps(header).encode("utf-8") + b"\n" + data)


class _Worker:
    """One worker process and its pipes."""

    def __init__(self, config: dict, start_timeout: float = 120.0):
        self.config = config
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self._buf = b""
        self._lock = threading.Lock()

    def ensure(self) -> None:
        with self._lock:
            if self.proc is not None and self.proc.poll() is None:
                return
            package_root = str(Path(__file__).resolve().parent.parent)
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
            self._buf = b""
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from kg.serve import worker_main; worker_main()",
                    json.dumps(self.config),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
            try:
                line = self._read_line(time.monotonic() + self.start_timeout)
            except _Timeout:
                line = b""
            if line != b"ready":
                self.kill()
                raise _WorkerGone("the query worker did not start")

    def _fill(self, deadline: float) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not sel.select(remaining):
                raise _Timeout
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise _WorkerGone("the query worker stopped")
        self._buf += chunk

    def _read_line(self, deadline: float) -> bytes:
        while b"\n" not in self._buf:
            self._fill(deadline)
        line, _, self._buf = self._buf.partition(b"\n")
        return line

    def _read_exact(self, n: int, deadline: float) -> bytes:
        while len(self._buf) < n:
            self._fill(deadline)
        data, self._buf = self._buf[:n], self._buf[n:]
        return data

    def request(self, req: dict, timeout: float) -> tuple[dict, bytes]:
        self.ensure()
        assert self.proc is not None and self.proc.stdin is not None
        deadline = time.monotonic() + timeout
        try:
            self.proc.stdin.write(json.dumps(req).encode("utf-8") + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise _WorkerGone(f"the query worker stopped: {e}") from None
        header = json.loads(self._read_line(deadline))
        body = self._read_exact(int(header.get("length", 0)), deadline)
        return header, body

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for f in (proc.stdin, proc.stdout):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass


@dataclass
class Answer:
    """What the endpoint sends back."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = ""


class QueryService:
    """Runs queries on the store of an output directory in worker processes, each with a
    time limit and a result limit (see the module docstring)."""

    def __init__(
        self, outdir: str | Path, *, workers: int = 2, timeout: float = 30.0, max_rows: int = 10_000
    ):
        from .store import GraphStore

        self.outdir = Path(outdir)
        self.timeout = float(timeout)
        self.max_rows = int(max_rows)
        # Held open for the server's life: builds the store if needed and keeps it from
        # being deleted by a later build while the workers read it.
        self.graph = GraphStore.open(self.outdir)
        info = self.graph.info
        config = {"store": str(info.path) if info.path else None, "export": str(info.export)}
        self._workers = [_Worker(config) for _ in range(max(1, workers))]
        self._idle: Queue[_Worker] = Queue()
        for w in self._workers:
            self._idle.put(w)
        self._closed = False

    def start(self) -> None:
        """Start the worker processes now rather than on the first queries."""
        threads = [threading.Thread(target=w.ensure, daemon=True) for w in self._workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    @property
    def triples(self) -> int:
        return self.graph.info.triples

    def _limit_headers(self, truncated: bool) -> dict[str, str]:
        return {"X-Result-Limit": str(self.max_rows), "X-Result-Truncated": "true" if truncated else "false"}

    def execute(
        self,
        text: str,
        *,
        results_format: str = "json",
        graph_format: str = "turtle",
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Answer:
        """Run one query; never raises for a bad query (the answer carries the status)."""
        if is_update(text):
            return _error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is not accepted")
        if uses_service(text):
            return _error(HTTPStatus.BAD_REQUEST, "SERVICE (federated query) is not allowed on this endpoint")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except Empty:
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE, f"all {len(self._workers)} query workers are busy; try later"
            )
        req = {
            "query": text,
            "results_format": results_format,
            "graph_format": graph_format,
            "max_rows": self.max_rows,
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
        }
        try:
            header, body = worker.request(req, self.timeout)
        except _Timeout:
            worker.kill()
            self._restart(worker)
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran longer than the time limit of {self.timeout:g} s and was stopped",
            )
        except (_WorkerGone, ValueError) as e:
            worker.kill()
            self._restart(worker)
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e) or "the query worker failed")
        self._idle.put(worker)
        if header["status"] != 200:
            return _error(int(header["status"]), header.get("message", "query failed"))
        fmt = header["format"]
        return Answer(
            200,
            f"{CONTENT_TYPES[fmt]}; charset=utf-8",
            body,
            self._limit_headers(bool(header["truncated"])),
            kind=header.get("kind", ""),
        )

    def _restart(self, worker: _Worker) -> None:
        def again() -> None:
            with contextlib.suppress(Exception):  # the next request starts it again
                worker.ensure()
            if self._closed:  # closed while it started: leave no process behind
                worker.kill()
            else:
                self._idle.put(worker)

        threading.Thread(target=again, daemon=True).start()

    def close(self) -> None:
        """Stop the workers and release the store."""
        self._closed = True
        for w in self._workers:
            w.kill()
        self.graph.close()


def _error(status: int, message: str) -> Answer:
    return Answer(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


# ---------------------------------------------------------------------- HTTP
class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``service`` runs the queries, ``log`` receives one line per
    request (or None for silence)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, service: QueryService, log: Callable[[str], None] | None = None):
        self.service = service
        self.log = log
        super().__init__(address, SparqlHandler)

    def server_close(self) -> None:
        super().server_close()
        self.service.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """``/sparql`` (the protocol) and ``/`` (the query page)."""

    server: SparqlServer
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    # -------------------------------------------------------------- plumbing
    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Result-Limit, X-Result-Truncated")
        self.send_header("Vary", "Accept")
        for k, v in answer.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _params(self) -> dict[str, list[str]] | None:
        """URL parameters merged with a form body; None after an error was sent."""
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if self.command == "POST":
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY:
                self._send(
                    _error(
                        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"the request body must be under {MAX_BODY} bytes",
                    )
                )
                return None
            body = self.rfile.read(length)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                self._send(_error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8"))
                return None
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params.setdefault("query", []).append(text)
            elif ctype == "application/sparql-update":
                params.setdefault("update", []).append(text)
            else:
                self._send(
                    _error(
                        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST a query as application/x-www-form-urlencoded or application/sparql-query",
                    )
                )
                return None
        return params

    def _route(self) -> None:
        path = urlsplit(self.path).path
        if path not in ("/sparql", "/"):
            self._send(_error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page /"))
            return
        params = self._params()
        if params is None:
            return
        if "update" in params:
            self._send(
                _error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is not accepted")
            )
            return
        if path == "/":
            self._page(params)
        else:
            self._sparql(params)

    def do_GET(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -------------------------------------------------------------- /sparql
    def _sparql(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(_error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=…)"))
            return
        accept = self.headers.get("Accept") or "*/*"
        results, results_named = negotiate(accept, RESULT_TYPES)
        graph, graph_named = negotiate(accept, GRAPH_TYPES)
        for key in ("format", "output", "results"):
            for value in params.get(key, []):
                r, g = _FORMAT_PARAM.get(value.strip().lower(), (None, None))
                if r and not results_named:
                    results, results_named = r, True
                if g and not graph_named:
                    graph, graph_named = g, True
        answer = self.server.service.execute(
            queries[0],
            results_format=results or "json",
            graph_format=graph or "turtle",
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        self._send(answer)

    # -------------------------------------------------------------- the page
    def _page(self, params: dict[str, list[str]]) -> None:
        from .query import bundled_queries

        try:
            examples = bundled_queries()
        except QueryError:
            examples = []
        text = (params.get("query") or [""])[0]
        example = (params.get("example") or [""])[0]
        if example and not text:
            text = next((q.text for q in examples if q.name == example), "")
        result_html = ""
        if text.strip():
            answer = self.server.service.execute(text, results_format="json", graph_format="turtle")
            result_html = render_answer(answer, self.server.service.max_rows)
        body = render_page(text or _DEFAULT_QUERY, result_html, examples, self.server.service.triples)
        self._send(Answer(200, "text/html; charset=utf-8", body.encode("utf-8")))


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
    from .query import compact_iri

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


def make_server(
    outdir: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 2,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """A server for ``outdir`` bound to ``host:port`` (port 0: a free port), its store
    built if needed and its workers started. Call ``serve_forever()`` on it, and
    ``shutdown()`` then ``server_close()`` to stop it.

    Raises:
        QueryError: no usable export in ``outdir``.
        OSError: the address cannot be bound.
    """
    service = QueryService(outdir, workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        server = SparqlServer((host, port), service, log)  # bind first: a busy port fails fast
    except BaseException:
        service.close()
        raise
    try:
        service.start()
    except BaseException:
        server.server_close()
        raise
    return server
