"""The per-document step on the three engines, in one run: serial (this process), a pool
of two worker processes (``--workers 2``) and Dask with two workers (``--engine dask``).

Usage (from the repository root)::

    python3 bench/engines.py                 # the first 2,000 stories
    python3 bench/engines.py --limit 500 --workers 2 --json

The corpus (``--corpus``, default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``
relative to the repository root) is read in place; its first N lines go to a temporary
``.jsonl`` in the system temporary directory (never inside the repository). The documents
are read and the resources loaded once, then ``kg.pipeline.extract_all`` runs on each
engine in turn, timed by wall clock from the call to its return, as ``kg build`` sees it:

- ``serial``: ``Settings(workers=1)``, the loop in this process;
- ``pool``: ``Settings(workers=W)``: the process pool, its start and each worker's loading
  of the resources included;
- ``dask``: ``Settings(engine="dask", workers=W)``: a ``distributed.LocalCluster`` of W
  single-threaded worker processes started, used and closed, all included;
- ``dask, running cluster``: ``kg.engines.extract_dask`` given a client of a cluster
  started beforehand (and used once, so its workers have loaded the resources): what a
  build on a cluster that is already up costs.

The ratios are each engine's seconds over the serial seconds (below 1 is faster). Every
engine's result is compared with the serial one, document by document in the packed form
(``kg.extract.document.pack``); a difference is reported and the exit status is 1. The
rest of a build (merge, exports) is the same code whichever engine extracted, so it is not
timed here (bench/throughput.py times a whole build).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg import engines
from kg.config import Settings
from kg.extract.document import pack
from kg.pipeline import extract_all, make_tools
from kg.read.inputs import read_inputs

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=2000, help="first N stories (default 2000)")
    ap.add_argument("--workers", type=int, default=2, help="processes of the pool and Dask workers (default 2)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-engines-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n_lines = head_lines(args.corpus, args.limit, sample)
        documents, _files = read_inputs([sample], Settings())
    chars = sum(len(d.text) for d in documents)
    w = args.workers

    def run(settings: Settings) -> tuple[float, list]:
        tools = make_tools(settings)  # this process's tools: loaded before the clock starts
        t0 = time.perf_counter()
        out = extract_all(documents, tools)
        return time.perf_counter() - t0, out

    seconds: dict[str, float] = {}
    results: dict[str, list] = {}
    seconds["serial"], results["serial"] = run(Settings(workers=1))
    seconds[f"pool of {w}"], results[f"pool of {w}"] = run(Settings(workers=w))
    seconds[f"dask, {w} workers"], results[f"dask, {w} workers"] = run(Settings(engine="dask", workers=w))
    dask_settings = Settings(engine="dask", workers=w)
    tools = make_tools(dask_settings)
    with engines.connect(dask_settings) as client:
        engines.extract_dask(documents[: 4 * w], tools, client=client, max_chars=1)  # every worker loads
        t0 = time.perf_counter()
        out = engines.extract_dask(documents, tools, client=client)
        key = f"dask, {w} workers, running cluster"
        seconds[key], results[key] = time.perf_counter() - t0, out

    reference = [pack(dx) for dx in results["serial"]]
    same = {name: [pack(dx) for dx in got] == reference for name, got in results.items()}
    figures = {
        "stories": n_lines,
        "documents": len(documents),
        "characters": chars,
        "shards": len(engines.shard_bounds(documents)),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "ratio_to_serial": {k: round(v / seconds["serial"], 3) for k, v in seconds.items()},
        "identical_to_serial": same,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(f"{len(documents)} documents, {chars:,} characters, {figures['shards']} Dask shards "
              f"of up to {engines.SHARD_CHARS:,} characters")
        print(f"{'engine':<34}{'seconds':>9}{'/ serial':>10}  same result")
        for name, s in seconds.items():
            print(f"{name:<34}{s:>9.2f}{s / seconds['serial']:>10.3f}  {'yes' if same[name] else 'NO'}")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
