"""Tests of kg.sparql.serve_worker: the query worker processes of ``kg serve`` cannot open a
socket, survive a query nested too deep, are stopped over the memory limit, and are
reported and replaced when they die. Through a real server over the sample corpus build
(tests/test_serve.py starts it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from test_check import Listener
from test_serve import (
    BOMB,
    HOG,
    MAX_ROWS,
    REPO,
    SLOW,
    form,
    get,
    http,
    http_from,
    running,
)

from kg.sparql.serve_pool import MB, Limits


@pytest.mark.skipif(sys.platform != "linux", reason="the seccomp filter is Linux only")
def test_the_workers_cannot_open_a_socket(served) -> None:
    """The floor under the SERVICE check: a worker process cannot connect anywhere,
    even when Oxigraph is asked to call a service directly."""
    server, _url = served
    assert server.service.network is None  # the filter is in force in the workers
    listener = Listener()
    code = (
        "import socket\n"
        "from kg.sparql.sandbox import deny_network\n"
        "assert deny_network() is None\n"
        "import pyoxigraph as ox\n"
        "st = ox.Store()\n"
        "st.add(ox.Quad(ox.NamedNode('http://e/s'), ox.NamedNode('http://e/p'), ox.Literal('1')))\n"
        "try:\n"
        "    list(st.query('SELECT * { ?s ?p ?o SERVICE <URL> { ?a ?b ?c } }'))\n"
        "    print('no error')\n"
        "except OSError as e:\n"
        "    print('refused:', e)\n"
        "a, b = socket.socketpair(); a.send(b'x'); print('unix sockets still work:', b.recv(1))\n"
    ).replace("URL", listener.url)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env, timeout=60
        )
        time.sleep(0.3)
        assert out.stdout.splitlines() == [
            "refused: Permission denied (os error 13)",
            "unix sockets still work: b'x'",
        ], out.stderr
        assert listener.hits == []
    finally:
        listener.close()


def test_the_nested_paren_query_gets_400_and_no_worker_dies(served) -> None:
    server, base = served
    pids = [w.pid for w in server.service.workers]
    status, _h, body = http(f"{base}/sparql", data=form(BOMB))
    assert status == 400 and body.decode().startswith("query: brackets nest 5002 deep")
    deep = "SELECT * { " + "{" * 90 + "?s ?p ?o" + "}" * 90 + " } LIMIT 1"  # under the limit: it runs
    assert get(base, deep)[0] == 200
    assert [w.pid for w in server.service.workers] == pids


def test_a_memory_hungry_query_gets_503_and_the_server_stays_up(sample_export) -> None:
    limits = Limits(workers=1, timeout=30, max_rows=MAX_ROWS, max_memory=150 * MB)
    with running(sample_export, limits=limits) as (server, base):
        start = time.monotonic()
        status, _headers, body = get(base, HOG)
        assert status == 503, body
        assert body == b"the query used more memory than the limit of 150 MB and was stopped\n"
        assert time.monotonic() - start < 20  # stopped for its memory, long before the time limit
        assert get(base, "ASK { ?s ?p ?o }")[::2] == (200, b'{"head": {}, "boolean": true}\n')
        assert server.service.stats["memory"] == 1


def test_a_worker_that_dies_is_reported_and_replaced(served) -> None:
    server, base = served

    def kill_busy_worker() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pool = server.service
            busy = [w for w in pool.workers if w.pid and w not in pool._free and w is not pool._spare]
            if busy:
                os.kill(busy[0].pid, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_busy_worker)
    killer.start()
    status, _h, body, _s = http_from("127.0.0.6", base, SLOW)
    killer.join()
    assert status == 500 and body.startswith(b"the query worker stopped (signal 9)")
    deadline = time.monotonic() + 30
    while len([w for w in server.service.workers if w.pid]) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert get(base, "ASK { ?s ?p ?o }")[0] == 200
