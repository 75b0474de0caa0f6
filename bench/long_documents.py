"""Extraction of very long documents against the benchmark corpus, in one run.

Usage (from the repository root)::

    python3 bench/long_documents.py                  # 50 MB one-line file, 1.2 MB unpunctuated
    python3 bench/long_documents.py --size-mb 5 --limit 500 --json

Two documents that once stopped a corpus run are built in a temporary folder (never in
the repository) from the benchmark corpus (``--corpus``, default
``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``), or from the sample corpus
``data/corpus`` when that is absent:

- ``one_line``: stories with their line breaks removed, one after another on a single
  line of ``--size-mb`` megabytes (50 by default; stories repeat when the corpus is
  shorter);
- ``unpunctuated``: only the Chinese characters of the stories, ``--unpunctuated-mb``
  megabytes (1.2 by default) without a single punctuation mark or line break.

Each is read with ``kg.read.inputs.read_file`` and extracted with
``kg.pipeline.extract_document``; so are the first ``--limit`` stories of the benchmark
corpus (the reference). Every case runs in a process of its own, started one after the
other in this run, so that its memory readings are its own.

What is measured, per case:

- read seconds, and extraction seconds (``extract_document`` alone, per document);
- characters: ``len(doc.text)`` summed (cleaned text, the offset space of the
  extraction); throughput = characters / extraction seconds;
- the ratio of each long document's throughput to the reference's: the target is at
  least 0.5 (linear time, and sections cost little);
- memory: the resident set size before the extraction (``/proc/self/statm``, the
  document already read) and the high-water mark after it
  (``resource.getrusage(RUSAGE_SELF).ru_maxrss``); their difference is the peak growth
  during extraction, also given per megabyte of the document's UTF-8 text. Tokens are
  kept a section at a time, so the growth is what the result itself holds (sentences,
  mentions, evidence), a small multiple of the document's size.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"
SAMPLE_CORPUS = REPO / "data" / "corpus"
TARGET_RATIO = 0.5
_MB = 1_000_000
_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]+")


def _maxrss_bytes() -> int:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


# ------------------------------------------------------------------ building the inputs
def stories(corpus: Path | None) -> Iterator[str]:
    """Story texts of the benchmark corpus (JSONL, gzip or not), or of the sample corpus."""
    if corpus is None:
        for path in sorted(SAMPLE_CORPUS.glob("*.txt")):
            yield path.read_text(encoding="utf-8")
        return
    with open(corpus, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    with opener(corpus, "rt", encoding="utf-8") as src:
        for line in src:
            text = json.loads(line).get("text")
            if isinstance(text, str):
                yield text


def write_repeated(dest: Path, corpus: Path | None, size: int, piece) -> int:
    """Write ``piece(story)`` for the stories, over and over, on one line until about
    ``size`` bytes (the last piece cut at a character); return the bytes written."""
    written = 0
    with open(dest, "wb") as out:
        while True:
            before = written
            for story in stories(corpus):
                data = piece(story).encode("utf-8")
                if written + len(data) >= size:
                    data = data[: size - written].decode("utf-8", "ignore").encode("utf-8")
                    out.write(data)
                    return written + len(data)
                out.write(data)
                written += len(data)
            if written == before:
                raise SystemExit("long_documents: the corpus has no text to build documents from")


# ------------------------------------------------------------------ one case, in a child
def run_case(path: Path, backend: str) -> dict:
    """Read ``path`` and extract its documents; the readings of this process."""
    from kg.config import Settings
    from kg.pipeline import extract_document, make_tools
    from kg.read.inputs import read_file, read_inputs

    settings = Settings(backend=backend)
    tools = make_tools(settings)
    t0 = time.perf_counter()
    if path.is_dir():
        docs, records = read_inputs([path], settings)
    else:
        docs, record = read_file(path, settings)
        records = [record]
    read_s = time.perf_counter() - t0
    # one short document first, so that what the first extraction sets up once (caches,
    # the segmenter's lazily loaded tables) is not counted against the long ones
    extract_document(
        type(docs[0])(id="warm-up", text="新华社北京电 国家主席习近平在北京会见法国总统马克龙。"), tools
    )
    rss_before = _rss_bytes()
    maxrss_before = _maxrss_bytes()
    chars = utf8 = mentions = relations = 0
    extract_s = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        dx = extract_document(doc, tools)
        extract_s += time.perf_counter() - t0
        chars += len(doc.text)
        utf8 += len(doc.text.encode("utf-8"))
        mentions += len(dx.mentions)
        relations += len(dx.relations)
        del dx
    maxrss_after = _maxrss_bytes()
    base = rss_before if rss_before is not None else maxrss_before
    return {
        "file_status": ",".join(sorted({r.status for r in records})),
        "documents": len(docs),
        "characters": chars,
        "utf8_bytes": utf8,
        "mentions": mentions,
        "relations": relations,
        "read_seconds": round(read_s, 3),
        "extract_seconds": round(extract_s, 3),
        "chars_per_s": round(chars / extract_s) if extract_s else None,
        "rss_before_mb": round(base / 2**20, 1),
        "maxrss_after_mb": round(maxrss_after / 2**20, 1),
        "peak_growth_mb": round(max(0, maxrss_after - base) / 2**20, 1),
    }


def _child(path: Path, backend: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--case", str(path), "--backend", backend],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"long_documents: the case {path.name} failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ the run
def run(args: argparse.Namespace) -> dict:
    corpus: Path | None = Path(args.corpus)
    if not corpus.is_file():
        print(f"long_documents: {corpus} not found; building from {SAMPLE_CORPUS}", file=sys.stderr)
        corpus = None
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-bench-long-")))
        inputs: dict[str, Path] = {}
        if corpus is not None:
            inputs["reference"] = tmp / f"first{args.limit}.jsonl"
            head_lines(corpus, args.limit, inputs["reference"])
        else:
            inputs["reference"] = SAMPLE_CORPUS
        inputs["one_line"] = tmp / "one_line.txt"
        write_repeated(
            inputs["one_line"],
            corpus,
            int(args.size_mb * _MB),
            lambda s: s.replace("\r", "").replace("\n", ""),
        )
        inputs["unpunctuated"] = tmp / "unpunctuated.txt"
        write_repeated(
            inputs["unpunctuated"], corpus, int(args.unpunctuated_mb * _MB), lambda s: _NOT_CHINESE.sub("", s)
        )
        cases = {}
        for name, path in inputs.items():
            print(f"long_documents: {name} ...", file=sys.stderr, flush=True)
            cases[name] = _child(path, args.backend)
            cases[name]["file_mb"] = round(_size(path) / _MB, 2)
    ref = cases["reference"]["chars_per_s"] or 0
    for name in ("one_line", "unpunctuated"):
        c = cases[name]
        c["ratio_to_reference"] = round(c["chars_per_s"] / ref, 3) if ref and c["chars_per_s"] else None
        c["growth_per_document_mb"] = (
            round(c["peak_growth_mb"] / (c["utf8_bytes"] / 2**20), 2) if c["utf8_bytes"] else None
        )
    ok = all((cases[n]["ratio_to_reference"] or 0) >= TARGET_RATIO for n in ("one_line", "unpunctuated"))
    return {
        "corpus": str(corpus) if corpus else str(SAMPLE_CORPUS),
        "limit": args.limit if corpus else None,
        "backend": args.backend,
        "target_ratio": TARGET_RATIO,
        "meets_target": ok,
        "cases": cases,
    }


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(report: dict) -> None:
    print(
        f"corpus {report['corpus']}"
        + (f" (first {report['limit']} stories as reference)" if report["limit"] else "")
    )
    head = (
        f"{'case':<13} {'file MB':>8} {'chars':>12} {'read s':>8} {'extract s':>10} {'chars/s':>10}"
        f" {'ratio':>6} {'RSS MB':>8} {'peak MB':>8} {'growth MB':>10} {'per doc MB':>11}"
    )
    print(head)
    print("-" * len(head))
    for name, c in report["cases"].items():
        print(
            f"{name:<13} {c['file_mb']:8.2f} {c['characters']:12,d} {c['read_seconds']:8.2f} {c['extract_seconds']:10.2f}"
            f" {_fmt(c['chars_per_s'], '10,d')} {_fmt(c.get('ratio_to_reference'), '6.2f')}"
            f" {c['rss_before_mb']:8.1f} {c['maxrss_after_mb']:8.1f} {c['peak_growth_mb']:10.1f}"
            f" {_fmt(c.get('growth_per_document_mb'), '11.2f')}"
        )
    print("-" * len(head))
    verdict = "met" if report["meets_target"] else "NOT met"
    print(
        f"target: each long document at least {report['target_ratio']:.1f} x the reference's throughput: {verdict}"
    )
    print(
        "(RSS MB: resident set before extraction, the document read; peak MB: high-water mark after it;"
        " growth MB: the difference; per doc MB: growth per MB of the document's UTF-8 text)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help=f"JSONL(.gz) corpus (default {DEFAULT_CORPUS})"
    )
    ap.add_argument(
        "--limit", type=int, default=2000, metavar="N", help="stories in the reference slice (default 2000)"
    )
    ap.add_argument(
        "--size-mb", type=float, default=50.0, help="size of the one-line file in MB (default 50)"
    )
    ap.add_argument(
        "--unpunctuated-mb", type=float, default=1.2, help="size of the unpunctuated file in MB (default 1.2)"
    )
    ap.add_argument("--backend", default="rjieba", help="segmentation backend (default rjieba)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--case", default=None, help=argparse.SUPPRESS)  # internal: one case in this process
    args = ap.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(Path(args.case), args.backend)))
        return 0
    if args.limit < 1 or args.size_mb <= 0 or args.unpunctuated_mb <= 0:
        ap.error("--limit, --size-mb and --unpunctuated-mb must be positive")
    report = run(args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_table(report)
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
