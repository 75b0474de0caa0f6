"""Kill ``kg build`` with SIGKILL at random moments and count what it leaves in OUT.

Usage (from the repository root)::

    python3 bench/kill_build.py                  # 40 runs on the sample corpus
    python3 bench/kill_build.py --runs 200 --seed 7
    python3 bench/kill_build.py --fallback       # without renameat2: rename aside, rename in

An earlier export (the same corpus built with other settings, so every file differs, plus
``graph.nq``, a user's ``notes.txt``, an ``analysis/`` and a ``.oxigraph/``) is copied into
OUT before each run; ``kg build CORPUS -o OUT`` starts in a subprocess and is killed after a
seeded random delay, two runs in three while it writes its exports (timed on a first,
uninterrupted build, which also gives the new export to compare with). Each run is then
counted as:

- ``old``: the build files in OUT are the earlier export, byte for byte;
- ``new``: they are the complete new export, byte for byte;
- ``missing``: OUT is not there (only possible with ``--fallback``, between its two renames);
- ``broken``: anything else (a mix, an empty or partial file).

Then the next writer's recovery (``kg.publish.recover``) runs, and OUT must be the old or
the new export with the user's files back and no staging folder left; a run where it is not
counts as ``unrecovered``. The exit status is 1 if any run was broken or unrecovered.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from kg.pipeline import build_outputs, default_corpus
from kg.publish import recover

FALLBACK = "import kg.publish as p; p._renameat2 = lambda: None; from kg.cli import main; main()"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``folder``, by relative path."""
    paths = sorted(folder.rglob("*"))
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes() for p in paths}


def build_files(snap: dict[str, bytes | None]) -> dict[str, bytes | None]:
    owned = build_outputs()
    return {k: v for k, v in snap.items() if k.split("/")[0] in owned}


def staging(parent: Path) -> bool:
    return any(".kg-stage-" in p.name for p in parent.iterdir())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fallback", action="store_true", help="kill builds that cannot use renameat2")
    args = ap.parse_args(argv)
    kg = [sys.executable, "-c", FALLBACK] if args.fallback else [sys.executable, "-m", "kg"]
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()

    with tempfile.TemporaryDirectory(prefix="kg-bench-kill-") as tmp:
        root = Path(tmp)
        corpus = args.corpus.resolve()

        pristine = root / "pristine"
        subprocess.run([*kg, "build", str(corpus), "-o", str(pristine), "-q", "--min-cooccurrence", "2",
                        "--html-max-nodes", "50", "--rdf-format", "turtle,nquads"], check=True, cwd=root)
        (pristine / "notes.txt").write_text("mine\n", encoding="utf-8")
        (pristine / "analysis").mkdir()
        (pristine / "analysis" / "report.html").write_text("an earlier analysis\n", encoding="utf-8")
        (pristine / ".oxigraph").mkdir()
        (pristine / ".oxigraph" / "current.json").write_text("{}\n", encoding="utf-8")
        old = snapshot(pristine)
        extras = {k: v for k, v in old.items() if k not in build_files(old)}

        ref = root / "ref" / "out"
        ref.parent.mkdir()
        start = time.monotonic()
        proc = subprocess.Popen([*kg, "build", str(corpus), "-o", str(ref), "-q"], cwd=root)
        while proc.poll() is None and not staging(ref.parent):
            time.sleep(0.002)
        staged = time.monotonic()
        if proc.wait() != 0:
            print("bench/kill_build.py: the uninterrupted build failed", file=sys.stderr)
            return 1
        reading, writing = staged - start, time.monotonic() - staged
        new = snapshot(ref)
        print(f"uninterrupted build: {reading:.2f} s before writing, {writing:.2f} s writing")

        out = root / "out"
        for i in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(pristine, out, symlinks=True)
            proc = subprocess.Popen([*kg, "build", str(corpus), "-o", str(out), "-q"], cwd=root,
                                    stderr=subprocess.DEVNULL)
            if i % 3:
                while proc.poll() is None and not staging(root):
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, writing * 1.1))
            else:
                time.sleep(rng.uniform(0, reading + writing))
            proc.kill()
            proc.wait()
            if not out.exists():
                state, final = "missing", old
            else:
                now = build_files(snapshot(out))
                state = "old" if now == build_files(old) else "new" if now == build_files(new) else "broken"
                final = old if state == "old" else {**new, **extras}
            counts[state] += 1
            kept = recover(out)
            leftover = [p.name for p in (*root.iterdir(), *out.iterdir()) if ".kg-stage-" in p.name]
            if state != "broken" and (kept or leftover or snapshot(out) != dict(sorted(final.items()))):
                counts["unrecovered"] += 1
            print(f"\rrun {i + 1}/{args.runs}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
                  end="", flush=True)
    print()
    print(f"{args.runs} runs killed: old {counts['old']}, new {counts['new']}, missing {counts['missing']}, "
          f"broken {counts['broken']}, unrecovered {counts['unrecovered']}")
    return 1 if counts["broken"] or counts["unrecovered"] else 0


if __name__ == "__main__":
    sys.exit(main())
