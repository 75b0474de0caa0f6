"""Helpers shared by the benchmark scripts: the first N lines of the benchmark corpus."""

from __future__ import annotations

import gzip
from pathlib import Path


def head_lines(corpus: Path, limit: int, dest: Path) -> int:
    """Write the first ``limit`` lines of ``corpus`` (gzip or plain) to ``dest``; return how many."""
    with open(corpus, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    n = 0
    with opener(corpus, "rt", encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        for line in src:
            if n >= limit:
                break
            out.write(line)
            n += 1
    return n
