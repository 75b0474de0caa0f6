"""Tests of kg.sparql.serve_pool: the time limit, a client that goes away, and fair
scheduling between clients (told apart by their loopback address, 127.0.0.2, 127.0.0.3…).
Through real servers over the sample corpus build (tests/test_serve.py starts them).
"""

from __future__ import annotations

import concurrent.futures
import socket
import time
import urllib.parse

import pytest
from test_serve import (
    MAX_ROWS,
    SLOW,
    TIMEOUT,
    client,
    form,
    get,
    http_from,
    running,
)

from kg.sparql.serve_pool import Limits


# --------------------------------------------------------------------------- limits
def test_a_query_over_the_time_limit_is_stopped_and_the_server_goes_on(base) -> None:
    status, _h, body, seconds = http_from("127.0.0.5", base, SLOW)
    assert status == 503 and b"time limit of 3 s" in body and seconds < TIMEOUT + 2
    doc = client(base, "ASK { ?s ?p ?o }").queryAndConvert()  # a worker answers
    assert doc["boolean"] is True


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_client_that_goes_away_does_not_keep_its_worker(served, method) -> None:
    server, base = served
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    pids = {w.pid for w in server.service.workers}
    s = socket.create_connection((host, int(port)), source_address=("127.0.0.7", 0))
    if method == "POST":
        body = form(SLOW)
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
    else:
        s.sendall(f"GET /sparql?{form(SLOW).decode()} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    time.sleep(0.5)
    s.close()  # gives up long before the 3 s limit
    deadline = time.monotonic() + TIMEOUT - 0.8
    while {w.pid for w in server.service.workers} == pids and time.monotonic() < deadline:
        time.sleep(0.05)
    assert {w.pid for w in server.service.workers} != pids  # its worker was stopped
    assert get(base, "ASK { ?s ?p ?o }")[0] == 200


# --------------------------------------------------------------------------- fairness
def test_a_client_with_slow_queries_does_not_starve_another(sample_export) -> None:
    """Two workers: client A sends three slow queries at once; it gets one worker (its
    share), the others wait; client B's quick query is answered at once on the other."""
    limits = Limits(workers=2, timeout=2, max_rows=MAX_ROWS, slow_after=0.5, queue_timeout=3)
    with running(sample_export, limits=limits) as (_server, base), concurrent.futures.ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(http_from, "127.0.0.2", base, SLOW) for _ in range(3)]
        time.sleep(0.8)
        status, _h, body, seconds = http_from("127.0.0.3", base, "ASK { ?s ?p ?o }")
        assert (status, seconds < 1.5) == (200, True), (status, body, seconds)
        outcomes = [f.result() for f in slow]
        assert sorted(o[0] for o in outcomes) == [503, 503, 503]  # each ran alone, to its time limit
        assert max(o[3] for o in outcomes) > 2 * limits.timeout  # one after another


def test_long_queries_leave_one_worker_for_short_ones(sample_export) -> None:
    """Two clients with slow queries: the first one runs, the second is stopped once it
    turns long (503 with Retry-After), so a third client's quick query still has a worker."""
    limits = Limits(workers=2, timeout=4, max_rows=MAX_ROWS, slow_after=0.5)
    with running(sample_export, limits=limits) as (_server, base), concurrent.futures.ThreadPoolExecutor(4) as pool:
        first = pool.submit(http_from, "127.0.0.2", base, SLOW)
        time.sleep(0.2)
        second = pool.submit(http_from, "127.0.0.4", base, SLOW)
        status, headers, body, seconds = second.result()
        assert status == 503 and seconds < 2.5 and b"last worker is kept for short ones" in body
        assert int(headers["Retry-After"]) >= 1
        quick = http_from("127.0.0.3", base, "ASK { ?s ?p ?o }")
        assert quick[0] == 200 and quick[3] < 1.0
        assert first.result()[0] == 503 and b"time limit" in first.result()[2]


def test_a_busy_server_answers_503_with_retry_after_at_once(sample_export) -> None:
    limits = Limits(workers=1, timeout=3, max_rows=MAX_ROWS, max_waiting_per_client=1, queue_timeout=1)
    with running(sample_export, limits=limits) as (_server, base), concurrent.futures.ThreadPoolExecutor(4) as pool:
        in_flight = pool.submit(http_from, "127.0.0.2", base, SLOW)
        time.sleep(0.3)
        waiting = pool.submit(http_from, "127.0.0.2", base, SLOW)
        time.sleep(0.3)
        status, headers, body, seconds = http_from("127.0.0.2", base, SLOW)  # a third one: refused
        assert status == 503 and seconds < 0.5 and headers["Retry-After"] == "1"
        assert body == b"this client already has 1 queries waiting; try again later\n"
        # the one waiting gets 503 after the queue timeout (1 s), not after the time limit
        status, headers, body, seconds = waiting.result()
        assert status == 503 and b"stayed busy for 1 s" in body and seconds < 2
        assert in_flight.result()[0] == 503
