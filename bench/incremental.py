"""Builds with an extraction store on the benchmark corpus, in one run (issue 16's targets).

Usage (from the repository root)::

    python3 bench/incremental.py                       # every part (the whole corpus: minutes)
    python3 bench/incremental.py --view-limit 2000     # the view and memory build on 2,000 stories
    python3 bench/incremental.py --parts cold,warm,incremental
    python3 bench/incremental.py --parts view --view-out /tmp/inc_full   # an existing whole build

The corpus (``--corpus``, default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``)
is read in place; its first lines are written to files in a temporary folder, removed at
the end (nothing is copied into the repository). What is measured, each as seconds and as
the ratio to its target (at most 1 is met):

- ``cold``: ``kg.pipeline.build`` of the first 3,010 stories (``--stories``) with a new
  store; the reference of the next two;
- ``warm``: the same build again, nothing changed (target: a tenth of cold);
- ``incremental``: the first 3,000 stories built into a new folder and store, then the
  same file with the 10 stories more built again (target: 15 % of cold); the export must
  equal the cold one byte for byte (checked, printed);
- ``view``: ``kg view 李强 -d OUT`` as a user runs it (a new Python process, imports
  included) on a build of the whole corpus (``--view-limit N``: of its first N stories;
  ``--view-out DIR``: an existing build, not timed), target under 10 s; the process's CPU
  time is printed beside it, as the wall time of a loaded machine runs far above it;
- ``memory``: the peak resident set size (``ru_maxrss``) of that build, run in a child
  process of its own, plus the peak of the process it forks to write exports beside it
  (``RUSAGE_CHILDREN``, see ``kg.export.stage``; this build decides as ``kg build`` does,
  which forks none once the build holds 600 MB, unless ``--export-jobs`` says otherwise:
  ``--export-jobs 2`` gives the peak with a fork): target at most 1.2 GB. The sum counts
  twice the pages the two share (the child starts with all of the build's memory, copy
  on write), so it is an upper bound; beside it, the peak of their summed proportional set
  sizes (``Pss`` of ``/proc/PID/smaps_rollup``, each shared page split between its users),
  sampled ten times a second, is what the pair really held (a lower bound: a peak
  between two samples is missed).

Each build's stages (``BuildResult.timings``) and its CPU time are printed too: this
process's (``time.process_time``) and its children's, the export process included
(``RUSAGE_CHILDREN``; no other child without ``--workers``), and how many processes wrote
its exports. ``--export-jobs N`` is handed to every build (``kg build --export-jobs``; 1:
the exports one after another; by default kg forks a second only where a CPU is idle).
The machine's load moves every figure; the ratios are of one run, and the CPU times'
ratio moves least.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus_sample import head_lines  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"
PARTS = ("cold", "warm", "incremental", "view", "memory")
TARGETS = {"warm": "cold / 10", "incremental": "cold * 0.15", "view": "10 s", "memory": "1.2 GB"}

#: The child that builds the corpus for the view and reports its own peak memory and
#: that of its children (the process writing exports beside it).
CHILD = """
import json, resource, sys, time
from kg.pipeline import build
jobs = None if sys.argv[3] == "-" else int(sys.argv[3])
t = time.perf_counter()
r = build([sys.argv[1]], sys.argv[2], store=True, export_jobs=jobs)
print(json.dumps({"seconds": time.perf_counter() - t, "timings": r.timings, "documents": len(r.extraction.docs),
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

#: ``--export-jobs`` of the builds (None: the default).
EXPORT_JOBS: int | None = None


def timed_build(inputs: Path, out: Path) -> tuple[float, float, object]:
    """(seconds, CPU seconds of this process and of its children, the build's result)."""
    from kg.export.stage import export_processes
    from kg.pipeline import build

    t, c, k = time.perf_counter(), time.process_time(), children_cpu()
    r = build([inputs], out, store=True, export_jobs=EXPORT_JOBS)
    r.timings["export processes"] = export_processes(EXPORT_JOBS)  # as the build chose, or about
    return time.perf_counter() - t, time.process_time() - c + children_cpu() - k, r


def children_cpu() -> float:
    """CPU seconds of the children this process has waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


class PssPeak:
    """Samples the summed ``Pss`` of a process and its children (Linux) ten times a
    second in a thread, and keeps the largest sum (kB); 0 where ``/proc`` cannot tell."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_kb = max(self.peak_kb, sum(self._pss(p) for p in self._tree()))

    def _tree(self) -> list[int]:
        """The process and its descendants, by the parent ids in ``/proc/PID/stat``."""
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                    ppid = int(stat[stat.rindex(")") + 2 :].split()[1])  # after the command's name
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo += children.get(pid, [])
        return pids

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


def stages(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in timings.items())


def same_export(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if p.is_file())
    if names != sorted(p.name for p in b.iterdir() if p.is_file()):
        return False
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def cpu_note(cpu: float, cold_cpu: float) -> str:
    """The CPU time of a build (its export process's included) next to the cold one's: on a
    shared machine the load moves the seconds of two builds apart, much less their CPU time."""
    return f" (CPU {cpu:.2f} s = {cpu / cold_cpu:.1%} of the cold build's {cold_cpu:.2f} s)"


def row(name: str, seconds: float, target: float, unit: str = "s", note: str = "") -> dict:
    ratio = seconds / target
    print(f"{name:12s} {seconds:10.2f} {unit:2s}  target {TARGETS[name]:>12s} = {target:8.2f} {unit:2s}  "
          f"ratio {ratio:5.2f} {'met' if ratio <= 1 else 'NOT met'}{note}")
    return {"value": seconds, "target": target, "ratio": ratio}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--stories", type=int, default=3010, help="stories of the cold build (default 3,010)")
    ap.add_argument("--added", type=int, default=10, help="stories added in the incremental case (default 10)")
    ap.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    ap.add_argument("--view-limit", type=int, default=0, help="build the first N stories for view/memory (0: all)")
    ap.add_argument("--view-out", type=Path, help="an existing build with a store for the view (no build, no memory)")
    ap.add_argument("--entity", default="李强")
    ap.add_argument("--export-jobs", type=int, default=None,
                    help="processes writing each build's exports (kg build --export-jobs; default: kg's)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args()
    global EXPORT_JOBS
    EXPORT_JOBS = args.export_jobs
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        ap.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if not args.corpus.is_file():
        ap.error(f"{args.corpus}: no such corpus file")
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-incremental-") as tmp_name:
        tmp = Path(tmp_name)
        stories = tmp / "stories.jsonl"  # one path for every build: the exports can be compared
        cold_s = None
        if {"cold", "warm", "incremental"} & set(parts):
            n = head_lines(args.corpus, args.stories, stories)
            cold_s, cold_cpu, cold = timed_build(stories, tmp / "cold")
            print(f"cold build of {n} stories: {cold_s:.2f} s, CPU {cold_cpu:.2f} s ({cold.extracted} extracted; "
                  f"{stages(cold.timings)})")
            report["cold"] = {"value": cold_s, "cpu": cold_cpu, "stories": n, "timings": cold.timings}
        if "warm" in parts:
            s, cpu, r = timed_build(stories, tmp / "cold")
            print(f"warm build: {s:.2f} s (up to date: {r.up_to_date}; {stages(r.timings)})")
            report["warm"] = row("warm", s, cold_s / 10, note=cpu_note(cpu, cold_cpu)) | {
                "cpu": cpu, "timings": r.timings, "up_to_date": r.up_to_date}
        if "incremental" in parts:
            base = head_lines(args.corpus, args.stories - args.added, stories)
            s0, _c0, _r0 = timed_build(stories, tmp / "inc")
            head_lines(args.corpus, args.stories, stories)
            s, cpu, r = timed_build(stories, tmp / "inc")
            same = same_export(tmp / "inc", tmp / "cold")
            print(f"incremental: {base} stories built in {s0:.2f} s, then {args.added} more: {s:.2f} s "
                  f"({r.extracted} extracted; {stages(r.timings)}); equal to the cold build: {same}")
            report["incremental"] = row("incremental", s, cold_s * 0.15, note=cpu_note(cpu, cold_cpu)) | {
                "cpu": cpu, "timings": r.timings, "identical": same}
        if "view" in parts or "memory" in parts:
            out = args.view_out
            if out is None:
                src = args.corpus
                if args.view_limit:
                    src = tmp / "view.jsonl"
                    head_lines(args.corpus, args.view_limit, src)
                out = tmp / "whole"
                jobs = "-" if args.export_jobs is None else str(args.export_jobs)  # "-": kg's default, as a user builds
                child = subprocess.Popen([sys.executable, "-c", CHILD, str(src), str(out), jobs],
                                         stdout=subprocess.PIPE, text=True, cwd=tmp)  # the kg this script imports
                pss = PssPeak(child.pid) if "memory" in parts and os.path.exists("/proc/self/smaps_rollup") else None
                stdout, _err = child.communicate()
                pss_kb = pss.stop() if pss is not None else 0
                if child.returncode:
                    raise subprocess.CalledProcessError(child.returncode, "the whole build")
                built = json.loads(stdout.strip().splitlines()[-1])
                print(f"whole build of {built['documents']} stories: {built['seconds']:.2f} s "
                      f"({stages(built['timings'])})")
                if "memory" in parts:
                    gb = {k: built[k] * 1024 / 1e9 for k in ("maxrss_kb", "children_maxrss_kb")}  # KiB; GB = 10^9 bytes
                    total = sum(gb.values())
                    sampled = f"; sampled peak of their summed Pss {pss_kb * 1024 / 1e9:.2f} GB" if pss_kb else ""
                    report["memory"] = row("memory", total, 1.2, "GB", f" ({built['documents']} stories: the build "
                                           f"{gb['maxrss_kb']:.2f} GB + its export process {gb['children_maxrss_kb']:.2f}"
                                           f" GB, shared pages counted twice{sampled})") | {
                        "build": gb["maxrss_kb"], "export_process": gb["children_maxrss_kb"],
                        "pss_sampled": pss_kb * 1024 / 1e9}
            if "view" in parts:
                page = tmp / "view.html"
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "kg.cli", "view", args.entity, "-d", str(out), "-o", str(page),
                                "-q"], check=True, cwd=tmp)
                s = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
                report["view"] = row("view", s, 10.0, "s", f" (kg view {args.entity} -d, {page.stat().st_size:,} "
                                     f"bytes; {cpu:.2f} s of CPU)") | {"cpu": cpu}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
