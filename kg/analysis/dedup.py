"""Near-duplicate documents: reprints of one story under another header.

A wire story reprinted by several papers (另一个标题, 本报讯 instead of 新华社北京3月23日电,
one sentence cut) would count its co-occurrences and mentions once per reprint. This
module finds such groups so the analysis counts each story once.

How: each text becomes the set of its character 5-grams (shingles), after dropping
whitespace and punctuation, so line breaks and full-width commas change nothing. Two
documents are near-duplicates when the Jaccard similarity of their shingle sets is at
least ``threshold`` (0.8 by default: a 1,000-character story keeps above 0.9 under a new
title and dateline, while two stories on one subject share far less). Comparing every
pair is quadratic, so candidates come from MinHash signatures (``num_perm`` random
permutations of the shingle hashes, the minimum of each) split into ``bands`` bands:
documents sharing one band are candidates (locality-sensitive hashing), and every
candidate pair is then checked with the exact Jaccard similarity, so the estimate never
decides alone.

A reprint follows its story within days; two dated documents more than ``max_days``
apart (7 by default) are never duplicates. Broadcasters repeat their yearly
announcements almost word for word (本台明天将直播全国政协…开幕会 every March, the
new-year address every 30 December): those are different events, not reprints.

A small numpy implementation rather than the ``datasketch`` package: shingles are hashed
by a vectorised polynomial hash over code points (``datasketch`` hashes each shingle with
SHA-1 in a Python call, a few million calls for a large corpus), numpy is already a
dependency, and the whole method fits in this module. The seeds are fixed, so the groups
are the same in every run.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["DuplicateGroup", "jaccard", "minhash", "near_duplicates", "shingles"]

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
THRESHOLD = 0.8
MAX_DAYS = 7
_SEED = 20090416
#: What is dropped before shingling: whitespace, ASCII and CJK punctuation, symbols.
_NOISE = re.compile(
    r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@\[-`{-~·—…‘’“”]+"
)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_BASE = np.uint64(0x100000001B3)
#: Shingles per block of the MinHash table (4,096 × 64 words: 2 MB at a time).
_MINHASH_BLOCK = 4096


def _mix(x: np.ndarray) -> np.ndarray:
    """A bijective 64-bit mixer (splitmix64's finaliser) so nearby shingles hash far apart."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique 64-bit hashes of the ``k``-character shingles of ``text``.

    Whitespace and punctuation are dropped first; a text shorter than ``k`` characters
    is one shingle.

    >>> len(shingles("新华社北京电")), len(shingles("新华社，北京 电"))
    (2, 2)
    >>> bool((shingles("新华社北京电") == shingles("新华社，北京 电")).all())
    True
    """
    chars = _NOISE.sub("", text)
    if not chars:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(1, len(codes) - k + 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(k, len(codes))):
            h = h * _BASE + codes[j : j + n]
        return np.unique(_mix(h))


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(
        1
    )  # odd: a bijection
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of a shingle set: for each of ``num_perm`` fixed permutations
    ``x ↦ a·x + b (mod 2⁶⁴)`` (``a`` odd, so each is a bijection), the smallest image.

    The share of equal slots in two signatures estimates the Jaccard similarity of the sets.

    >>> s = shingles("国家主席习近平在北京会见法国总统马克龙")
    >>> bool((minhash(s) == minhash(s)).all()), minhash(s).shape
    (True, (64,))
    """
    a, b = _permutations(num_perm)
    out = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    # in blocks of rows: the whole table of images is len(hashes) × num_perm words, 8.7 GB
    # for the 17 million shingles of a 50 MB document
    with np.errstate(over="ignore"):
        for lo in range(0, len(hashes), _MINHASH_BLOCK):
            block = hashes[lo : lo + _MINHASH_BLOCK]
            np.minimum(out, (block[:, None] * a[None, :] + b[None, :]).min(axis=0), out=out)
    return out


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays: |x ∩ y| / |x ∪ y|.

    >>> jaccard(np.array([1, 2, 3], dtype=np.uint64), np.array([2, 3, 4], dtype=np.uint64))
    0.5
    """
    if len(x) == 0 and len(y) == 0:
        return 1.0
    inter = len(np.intersect1d(x, y, assume_unique=True))
    return inter / (len(x) + len(y) - inter)


def _days_apart(a: str, b: str) -> int:
    """Days between two ISO dates; 0 when either is missing or not a date."""
    try:
        return abs((_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Documents that tell one story: ``kept`` counts, ``duplicates`` do not.

    ``kept`` is the earliest dated document of the group (then the smallest id);
    ``similarity`` gives each duplicate's Jaccard similarity to ``kept``.
    """

    kept: str
    duplicates: tuple[str, ...]
    similarity: tuple[float, ...]


def near_duplicates(
    docs: Sequence[tuple[str, str, str]],
    threshold: float = THRESHOLD,
    *,
    max_days: int | None = MAX_DAYS,
    k: int = SHINGLE,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
) -> list[DuplicateGroup]:
    """Groups of near-duplicate documents among ``docs`` = (id, date, text) triples.

    Documents join a group when the exact Jaccard similarity of their shingle sets is at
    least ``threshold`` (through a chain: A ~ B and B ~ C put A, B, C in one group) and,
    when both are dated (``yyyy-mm-dd``), at most ``max_days`` apart (``None``: no limit).
    Groups are sorted by their kept document's id. Empty texts are never duplicates.

    >>> story = ("国家主席习近平23日在人民大会堂会见来华进行国事访问的法国总统马克龙。"
    ...          "两国元首就中法关系和共同关心的国际和地区问题深入交换意见，一致同意加强各领域交流合作。")
    >>> docs = [("a", "2024-01-02", "本报讯 " + story), ("b", "2024-01-01", "新华社北京1月1日电 " + story),
    ...         ("c", "2025-01-01", story), ("d", "", "晋中市召开全市经济工作会议，部署明年重点工作。")]
    >>> [(g.kept, g.duplicates) for g in near_duplicates(docs)]
    [('b', ('a',))]
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    if num_perm % bands:
        raise ValueError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
    rows = num_perm // bands
    sets: list[np.ndarray] = []
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, (_id, _date, text) in enumerate(docs):
        sh = shingles(text, k)
        sets.append(sh)
        if len(sh) == 0:
            continue
        sig = minhash(sh, num_perm)
        for band in range(bands):
            buckets[(band, sig[band * rows : (band + 1) * rows].tobytes())].append(i)

    parent = list(range(len(docs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        # each member against the bucket's first one and its neighbour: linear in the
        # bucket's size, and chains join the rest
        first = members[0]
        for pos, j in enumerate(members[1:], 1):
            for i in {first, members[pos - 1]}:
                pair = (min(i, j), max(i, j))
                if pair in checked or find(i) == find(j):
                    continue
                checked.add(pair)
                if max_days is not None and _days_apart(docs[i][1], docs[j][1]) > max_days:
                    continue
                if jaccard(sets[i], sets[j]) >= threshold:
                    ri, rj = find(i), find(j)
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        # the earliest dated document is the original; undated ones sort last
        members.sort(key=lambda i: (docs[i][1] or "9999", docs[i][0]))
        kept = members[0]
        dups = members[1:]
        out.append(
            DuplicateGroup(
                kept=docs[kept][0],
                duplicates=tuple(docs[i][0] for i in dups),
                similarity=tuple(round(jaccard(sets[kept], sets[i]), 4) for i in dups),
            )
        )
    return sorted(out, key=lambda g: g.kept)
