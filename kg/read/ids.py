"""Document ids, unique across a corpus by construction.

A document's id is its file's name without extension, or its record's ``id`` field, or
``name#line`` for a record without one. When several documents would share an id, each of
them moves to a longer form that says where it comes from, in steps, until no two share
one:

- a file: ``coll`` -> ``a/coll.txt`` (its path below the folder given) -> the path shown
  in the manifest;
- a record with an id: ``7`` -> ``feed.jsonl#7`` -> ``feed.jsonl:12#7`` (its line) -> the
  same with the path shown;
- a record without one: ``feed#12`` -> ``feed.jsonl#12`` -> the path shown ``#12``.

An id that is unique at its own step keeps it: a longer form that meets it moves on
instead, so a file really named ``coll~2.txt`` keeps ``coll~2`` and a record whose id is
``a/coll.txt`` keeps that. Only when every form is taken (names that differ by escaping
alone) does ``~2``, ``~3`` … follow the longest form. Ids depend on the set of documents
only, never on the order of work, so they are the same in every run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = ["IdKey", "unique_ids"]


@dataclass(slots=True)  # not frozen: one is made per document, and a frozen one is made slowly
class IdKey:
    """What a document's id is made from.

    ``base`` is the id it would have alone, ``rel`` its file's path below the folder
    given, ``shown`` its file's path as shown, ``line`` its record's line (0: the whole
    file is one document), ``given`` whether the record named its id.
    """

    base: str
    rel: str
    shown: str
    line: int = 0
    given: bool = False


def _forms(key: IdKey) -> list[str]:
    if not key.line:
        forms = [key.base, key.rel, key.shown]
    elif key.given:
        forms = [key.base, f"{key.rel}#{key.base}", f"{key.rel}:{key.line}#{key.base}",
                 f"{key.shown}:{key.line}#{key.base}"]
    else:
        forms = [key.base, f"{key.rel}#{key.line}", f"{key.shown}#{key.line}"]
    return list(dict.fromkeys(forms))


def unique_ids(keys: list[IdKey]) -> list[str]:
    """One id per key, no two alike (see the module's documentation).

    >>> unique_ids([IdKey("coll", "a/coll.txt", "in/a/coll.txt"), IdKey("coll", "b/coll.txt", "in/b/coll.txt"),
    ...             IdKey("coll~2", "coll~2.txt", "in/coll~2.txt")])
    ['a/coll.txt', 'b/coll.txt', 'coll~2']
    """
    # the longer forms are spelt out only for the keys whose id clashes (few): a form's
    # first step is the key's base
    forms: list[list[str] | None] = [None] * len(keys)
    level = [0] * len(keys)
    ids = [k.base for k in keys]
    while True:
        moved = False
        for members in _clashes(ids):
            low = min(level[i] for i in members)
            lowest = [i for i in members if level[i] == low]
            stays = lowest[0] if len(lowest) == 1 else None
            for i in members:
                if i == stays:
                    continue
                steps = forms[i]
                if steps is None:
                    steps = forms[i] = _forms(keys[i])
                if level[i] + 1 < len(steps):
                    level[i] += 1
                    ids[i] = steps[level[i]]
                    moved = True
        if not moved:
            break
    taken = set(ids)
    for members in _clashes(ids):
        # the member at the lowest step keeps the id (it is its own, shorter form); the
        # first of them when several share that step
        low = min(level[i] for i in members)
        keep = next(i for i in members if level[i] == low)
        for i in (i for i in members if i != keep):
            n = 2
            while f"{ids[i]}~{n}" in taken:
                n += 1
            ids[i] = f"{ids[i]}~{n}"
            taken.add(ids[i])
    return ids


def _clashes(ids: list[str]) -> list[list[int]]:
    """Groups of positions that share an id, in order of first position."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, value in enumerate(ids):
        where[value].append(i)
    return [members for members in where.values() if len(members) > 1]


def stem(shown: str) -> str:
    """A file's name without its last extension (and without ``.jsonl`` before ``.gz``)."""
    name = PurePosixPath(shown).name or shown
    if name.lower().endswith(".gz") and len(name) > 3:
        name = name[:-3]
    return PurePosixPath(name).stem or name
