"""The merge whole and in parts, in one run: ``merge`` against ``partial`` + ``combine`` +
``finalize`` (kg.merge), on the first N benchmark stories.

Usage (from the repository root)::

    python3 bench/merge_parts.py                    # the first 2,000 stories
    python3 bench/merge_parts.py --limit 500 --json

The stories are read and extracted once (a pool of ``--workers`` processes), and held
packed (``kg.stored_doc.StoredDoc``) as a build holds them. Then each case runs
``--repeat`` times, the cases taking turns, and the best time of each is kept, in CPU
seconds of this process (the merge is one thread's work, and the machine is shared: wall
time moves with the other processes; the ratios are what to read):

- ``merge``: ``merge(docs)``, what a build runs;
- ``partial``: the summary of every document (the part a Dask worker or a kept summary
  takes off the client);
- ``finalize``: the summary made into the graph;
- ``shards``: summaries of shards of 100 documents (what the workers would do, added up),
  then ``combine`` of them all (the client's part);
- ``finalize(combine(kept, new))``: a summary of all but the last 10 documents, kept from
  before, combined with the summary of the 10 new ones and finalized: the merge of an
  incremental build that keeps its summary;
- the pickled summary: bytes per input character, next to the packed results', and the
  seconds to pickle and unpickle it.

Every way's graph is compared with ``merge``'s; a difference is reported and the exit
status is 1.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import sys
import tempfile
import time
from functools import reduce
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg.config import Settings
from kg.extract.document import pack
from kg.merge import combine, finalize, merge, partial
from kg.pipeline import extract_all, make_tools
from kg.read.inputs import read_inputs
from kg.stored_doc import StoredDoc

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"
SHARD = 100
NEW = 10


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=2000, help="first N stories (default 2000)")
    ap.add_argument("--workers", type=int, default=2, help="processes extracting the stories (default 2)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each case, the best kept (default 5)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-merge-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        head_lines(args.corpus, args.limit, sample)
        documents, _files = read_inputs([sample], Settings())
    settings = Settings(workers=args.workers)
    tools = make_tools(settings)
    docs = [StoredDoc(dx, pack(dx)) for dx in extract_all(documents, tools)]
    res, n = tools.resources, len(docs)
    chars = sum(len(d.doc.text) for d in docs)
    bounds = [(lo, min(lo + SHARD, n)) for lo in range(0, n, SHARD)]
    whole = partial(docs)
    kept, new = partial(docs[: n - NEW]), partial(docs[n - NEW :], n - NEW)
    shards = [partial(docs[lo:hi], lo) for lo, hi in bounds]

    cases = {
        "merge": lambda: merge(docs, res, settings),
        "partial": lambda: partial(docs),
        "finalize": lambda: finalize(whole, res, settings, docs),
        f"shards of {SHARD}: partials": lambda: [partial(docs[lo:hi], lo) for lo, hi in bounds],
        f"shards of {SHARD}: combine": lambda: reduce(combine, shards),
        f"finalize(combine(kept, {NEW} new))": lambda: finalize(combine(kept, new), res, settings, docs),
    }
    best = dict.fromkeys(cases, float("inf"))
    results = {}
    gc.disable()  # as the build's merge runs (kg.gc_pause.paused)
    try:
        for _ in range(args.repeat):
            for name, run in cases.items():
                t0 = time.process_time()
                results[name] = run()
                best[name] = min(best[name], time.process_time() - t0)
        blob = pickle.dumps(whole)
        t0 = time.process_time()
        pickle.dumps(whole)
        dumps = time.process_time() - t0
        t0 = time.process_time()
        pickle.loads(blob)
        loads = time.process_time() - t0
    finally:
        gc.enable()
    reference = results["merge"]
    same = {
        "finalize": results["finalize"] == reference,
        "shards": finalize(results[f"shards of {SHARD}: combine"], res, settings, docs) == reference,
        "kept + new": results[f"finalize(combine(kept, {NEW} new))"] == reference,
    }
    packed = sum(len(pickle.dumps(d.packed)) for d in docs)
    figures = {
        "documents": n,
        "characters": chars,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "ratio_to_merge": {k: round(v / best["merge"], 3) for k, v in best.items()},
        "summary_bytes_per_character": round(len(blob) / chars, 2),
        "packed_results_bytes_per_character": round(packed / chars, 2),
        "pickle_seconds": round(dumps, 3),
        "unpickle_seconds": round(loads, 3),
        "identical_to_merge": same,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(f"{n} documents, {chars:,} characters; best of {args.repeat}")
        print(f"{'case':<38}{'seconds':>9}{'/ merge':>9}")
        for name, s in best.items():
            print(f"{name:<38}{s:>9.3f}{s / best['merge']:>9.3f}")
        print(f"summary pickled: {figures['summary_bytes_per_character']} bytes a character "
              f"(packed results {figures['packed_results_bytes_per_character']}), "
              f"pickle {dumps:.3f} s, unpickle {loads:.3f} s")
        print("same graph as merge: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in same.items()))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
