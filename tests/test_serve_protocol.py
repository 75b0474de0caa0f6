"""Tests of kg.sparql.serve_protocol: content negotiation and the Host rules (no server needed)."""

from __future__ import annotations

import socket

import pytest

from kg.sparql.serve_protocol import (
    GRAPH_TYPES,
    RESULT_TYPES,
    allowed_hosts,
    exposure_warning,
    host_allowed,
    negotiate,
)


def test_host_rules_and_the_warning_for_every_interface() -> None:
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    assert "every network interface" in exposure_warning("0.0.0.0")
    assert "no authentication" in exposure_warning("192.0.2.7")
    loopback = allowed_hosts("127.0.0.1")
    assert host_allowed("localhost:8000", loopback, False) and host_allowed("[::1]:8000", loopback, False)
    assert not host_allowed("192.168.1.5:8000", loopback, False)
    everywhere = allowed_hosts("0.0.0.0")
    assert host_allowed("192.168.1.5:8000", everywhere, True)  # an address cannot be rebound
    assert host_allowed(f"{socket.gethostname()}:8000", everywhere, True)
    assert not host_allowed("evil.example:8000", everywhere, True)


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        ("application/sparql-results+json", RESULT_TYPES, ("json", True)),
        ("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, ("xml", True)),
        ("text/csv, application/sparql-results+xml;q=0.9", RESULT_TYPES, ("csv", True)),
        ("*/*", RESULT_TYPES, ("json", False)),
        ("", RESULT_TYPES, ("json", False)),
        ("text/*", RESULT_TYPES, ("xml", False)),
        ("image/png", RESULT_TYPES, (None, False)),
        ("application/rdf+xml", GRAPH_TYPES, ("rdfxml", True)),
        ("application/sparql-results+json", GRAPH_TYPES, (None, False)),
        ("application/turtle,text/turtle", GRAPH_TYPES, ("turtle", True)),
        ("text/csv;q=0, */*;q=0.1", RESULT_TYPES, ("json", False)),
    ],
)
def test_negotiate(accept, offers, expected) -> None:
    assert negotiate(accept, offers) == expected
