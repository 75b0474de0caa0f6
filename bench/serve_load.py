"""Load on ``kg serve``: well-behaved clients, alone and with adversaries.

Usage (from the repository root)::

    python3 bench/serve_load.py                       # sample corpus and 2,000 stories, 30 s each
    python3 bench/serve_load.py --seconds 10 --exports sample
    python3 bench/serve_load.py --export-dir /tmp/big  # an existing `kg build` output too

For each export, ``kg serve`` runs as its own process with its default settings (two
workers, 30 s, 1 GB per query) and is loaded twice, for ``--seconds`` each:

- alone: 20 well-behaved clients, each a loop of the same typical aggregate
  (``@relation-counts``: relations per kind, with their sentence counts) over one
  keep-alive connection, each from its own loopback address (127.0.0.10 …), as
  different machines would be;
- with adversaries: the same 20, plus 2 adversarial clients (127.0.0.200 and .201),
  each with 2 connections looping over a slow query (a three-way cross product that
  runs to the time limit), a parser bomb (5,000 nested parentheses) and a memory hog
  (``SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1``).

Printed per run: the well-behaved clients' throughput (answers per second), latency
p50 / p99 / max, and errors (any answer but 200, or a failed connection); what the
adversaries got (status counts); the server's peak memory (resident set of the server
and its workers together, sampled every 0.2 s). The 2,000-story export is the first
2,000 lines of ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz`` built with
``kg build`` into a temporary directory (about a minute), removed at the end.

Everything goes to loopback addresses of this machine only; every loop stops after
``--seconds``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
BOMB = "SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
KINDS = {SLOW: "slow", BOMB: "bomb", HOG: "hog"}


def reason(body: bytes) -> str:
    """Why a 503 was sent, in a word."""
    text = body.decode("utf-8", "replace")
    for word, key in (
        ("time limit", "time"),
        ("memory", "memory"),
        ("long queries", "long"),
        ("busy", "busy"),
    ):
        if word in text:
            return key
    return "other"


def typical_query() -> str:
    from kg.sparql.query import bundled_query

    return bundled_query("relation-counts").text


def start_server(outdir: Path) -> tuple[subprocess.Popen, int, int]:
    """``kg serve`` on a free port: the process, the port and the number of triples."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(outdir), "--port", "0", "-q"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("kg: serving "):
            port = int(line.split(" at http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe drained
            return proc, port, int(line.split()[2])
    raise SystemExit(f"kg serve did not start (exit status {proc.wait()})")


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its children."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().rsplit(b")", 1)[1].split()
            if int(entry) != pid and int(stat[1]) != pid:
                continue
            with open(f"/proc/{entry}/statm", "rb") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


class Client(threading.Thread):
    """A loop of POST requests over one keep-alive connection from ``source``."""

    def __init__(self, port: int, source: str, queries: list[str], until: float):
        super().__init__(daemon=True)
        self.port, self.source, self.queries, self.until = port, source, queries, until
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.outcomes: Counter = Counter()  # (kind of query, status)

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.source, 0))

    def run(self) -> None:
        conn = self._connect()
        i = 0
        while time.monotonic() < self.until:
            query = self.queries[i % len(self.queries)]
            i += 1
            body = urllib.parse.urlencode({"query": query}).encode("utf-8")
            start = time.monotonic()
            try:
                conn.request(
                    "POST",
                    "/sparql",
                    body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
                r = conn.getresponse()
                answer = r.read()
                status = r.status if r.status != 503 else f"503 {reason(answer)}"
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = self._connect()
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
                conn.close()
                conn = self._connect()
            self.latencies.append(time.monotonic() - start)
            self.statuses[status] += 1
            self.outcomes[(KINDS.get(query, "typical"), status)] += 1
            if str(status).startswith("503") and query in (SLOW, HOG):
                time.sleep(0.05)  # an adversary does not wait for Retry-After, but does not spin either
        conn.close()


def run_load(outdir: Path, seconds: float, adversaries: bool) -> dict:
    proc, port, triples = start_server(outdir)
    try:
        typical = typical_query()
        warm = Client(port, "127.0.0.9", [typical], time.monotonic() + 1.0)
        warm.run()
        until = time.monotonic() + seconds
        good = [Client(port, f"127.0.0.{10 + i}", [typical], until) for i in range(20)]
        bad = []
        if adversaries:
            for n, source in enumerate(("127.0.0.200", "127.0.0.201")):
                for k in range(2):
                    kinds = [SLOW, BOMB, HOG]
                    shift = n + k
                    bad.append(Client(port, source, kinds[shift % 3 :] + kinds[: shift % 3], until))
        peak = tree_rss(proc.pid)
        for c in good + bad:
            c.start()
        while time.monotonic() < until:
            time.sleep(0.2)
            peak = max(peak, tree_rss(proc.pid))
        for c in good + bad:
            c.join(90)
        latencies = sorted(x for c in good for x in c.latencies)
        statuses = sum((c.statuses for c in good), Counter())
        adversary = sum((c.outcomes for c in bad), Counter())
        errors = sum(n for s, n in statuses.items() if s != 200)
        return {
            "answers": len(latencies),
            "throughput": len(latencies) / seconds,
            "p50": statistics.median(latencies) if latencies else None,
            "p99": latencies[int(0.99 * (len(latencies) - 1))] if latencies else None,
            "max": latencies[-1] if latencies else None,
            "errors": errors,
            "adversary": {f"{kind} {status}": n for (kind, status), n in sorted(adversary.items(), key=str)},
            "peak_rss_mb": peak / (1 << 20),
            "triples": triples,
        }
    finally:
        proc.send_signal(2)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def build_stories(n: int, workdir: Path, corpus: Path) -> Path:
    from corpus_sample import head_lines

    lines = workdir / f"stories-{n}.jsonl"
    head_lines(corpus, n, lines)
    out = workdir / f"export-{n}"
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(lines), "-o", str(out)],
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--exports", nargs="*", default=["sample", "2000"], help="sample, 2000, or both")
    ap.add_argument(
        "--export-dir", type=Path, action="append", default=[], help="an existing kg build output"
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        default=REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as tmp:
        work = Path(tmp)
        exports: list[tuple[str, Path]] = []
        if "sample" in args.exports:
            out = work / "export-sample"
            subprocess.run(
                [sys.executable, "-m", "kg", "build", str(REPO / "data" / "corpus"), "-o", str(out)],
                check=True,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            exports.append(("sample corpus", out))
        if "2000" in args.exports:
            exports.append(("2,000 stories", build_stories(2000, work, args.corpus)))
        exports += [(str(p), p) for p in args.export_dir]
        for name, outdir in exports:
            for adversaries in (False, True):
                r = run_load(outdir, args.seconds, adversaries)
                r.update(export=name, adversaries=adversaries)
                results.append(r)
                if not args.json:
                    who = "with 2 adversaries" if adversaries else "alone"
                    print(
                        f"{name:15} {r['triples']:>8} triples {who:19} {r['throughput']:7.1f} answers/s  p50 {r['p50'] * 1000:6.0f} ms  "
                        f"p99 {r['p99'] * 1000:6.0f} ms  max {r['max'] * 1000:6.0f} ms  errors {r['errors']}  "
                        f"server {r['peak_rss_mb']:.0f} MB",
                        flush=True,
                    )
                    if adversaries:
                        print(f"{'':15} adversaries got: {r['adversary']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
