"""The SPARQL 1.1 Protocol side of ``kg serve`` that needs no event loop: content
negotiation (media types and the ``format`` parameter), who may ask (``Host`` header
rules against DNS rebinding, the warning for a server other machines can reach), the
``Answer`` the endpoint sends, and the Service Description of the endpoint.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.sparql.serve_pool import MB, Limits

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
FORMAT_PARAM: dict[str, tuple[str | None, str | None]] = {
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


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def exposure_warning(host: str) -> str | None:
    """A warning for a server bound where other machines can reach it (None on loopback).

    >>> exposure_warning("127.0.0.1") is None
    True
    """
    if _is_loopback(host):
        return None
    where = "every network interface" if is_wildcard(host) else host
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


def error_answer(status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
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
