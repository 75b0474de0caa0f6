"""The tables of the extraction store (:mod:`kg.extraction_store`) that keep a build's
merged corpus for ``kg view -d`` and ``kg kwic -d`` (written and read by
:mod:`kg.incremental` and :mod:`kg.merged_corpus`): a part of ``ExtractionStore``
(:class:`MergedTables`), kept in a module of its own for its size.

The rows are kept per export folder (the owner's *slot*, :func:`merged_slot`) and a
build writes only those that changed since the owner's last build, told by a digest of
each row kept beside them (``merged_sums``), so the old rows are neither read nor held.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
from collections.abc import Callable, Iterable, Iterator

__all__ = ["MERGED_TABLES", "MergedTables", "chunks", "merged_slot"]

#: Rows of the merged corpus written at once by ``_sync`` (the rest wait in a list).
_SYNC_BATCH = 4096
#: A build's merged corpus, kept so ``kg view -d`` reads a neighbourhood without merging
#: (written and read by :mod:`kg.incremental`): a head per build, each entity's neighbours,
#: the edges of each pair of entities, each document's entity ids, and the mention index
#: (:class:`kg.export.kwic.MentionIndex`: its head under the entity "", then one row an
#: entity), so a page's concordance reads only the entities it shows.
MERGED_TABLES = (
    "merged(key TEXT PRIMARY KEY, owner TEXT NOT NULL, head BLOB NOT NULL)",
    "merged_adj(key TEXT NOT NULL, entity INTEGER NOT NULL, rel BLOB NOT NULL, cooc BLOB NOT NULL, "
    "loop INTEGER NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID",
    "merged_pairs(key TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, body BLOB NOT NULL, "
    "PRIMARY KEY (key, lo, hi)) WITHOUT ROWID",
    "merged_docs(key TEXT NOT NULL, doc TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID",
    "merged_mentions(key TEXT NOT NULL, entity TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (key, entity)) "
    "WITHOUT ROWID",
    # per slot and table, a digest of each row (see _sync), and the key of the merged
    # corpus whose rows they are (digests kept for other rows than there are are not used)
    "merged_sums(key TEXT NOT NULL, tab TEXT NOT NULL, head TEXT NOT NULL, body BLOB NOT NULL, "
    "PRIMARY KEY (key, tab)) WITHOUT ROWID",
)
_MERGED = ("merged", "merged_adj", "merged_pairs", "merged_docs", "merged_mentions", "merged_sums")


class MergedTables:
    """The merged corpus's methods of ``ExtractionStore``, which gives ``db`` (the open
    connection), ``_transaction()`` and ``failed(doing, error)`` (the one-line
    ``StoreError`` to raise)."""

    db: sqlite3.Connection

    def put_merged(self, key: str, owner: str, head: bytes, adjacency: Iterable[tuple[int, bytes, bytes, int]],
                   pairs: Iterable[tuple[int, int, bytes]], docs: Iterable[tuple[str, bytes]],
                   mentions: tuple[bytes, Iterable[tuple[str, bytes]]] | None = None,
                   mention_value: Callable[[bytes], bytes] | None = None) -> int:
        """Keep a build's merged corpus under ``key`` (see :mod:`kg.incremental`), in
        one transaction, replacing what an earlier build for the same ``owner`` (the
        export folder) kept: a shared ``--cache`` holds one merged corpus per export.
        ``mentions``: the head and the entity rows of its mention index
        (:func:`kg.export.kwic.encode_mentions`); with ``mention_value``, the entity rows
        are given as the bytes ``mention_value`` makes the values of (``raw_mentions``):
        their digests are of those bytes, and only the rows written are made values.

        The rows are kept per owner (:func:`merged_slot`), not per key, and only those
        that differ from the rows the owner's last build kept are written (and those it
        no longer has deleted): a build of a few more stories changes few of them, and
        writing every row again (19 MB for 3,000 stories) cost more than telling which
        changed. They are told by a digest of each row kept beside them (``_sync``), so
        the old rows themselves are not read. The number of rows written or deleted."""
        slot = merged_slot(owner)
        index = [] if mentions is None else [("", mentions[0]), *mentions[1]]
        value = None if mention_value is None else (lambda row: row if row[0] == "" else (row[0], mention_value(row[1])))
        try:
            with self._transaction():
                old = {k for (k,) in self.db.execute("SELECT key FROM merged WHERE owner = ?", (owner,))}
                sums = self._sums(slot, old)
                self._drop_merged(sorted({*old, key}))  # and rows kept per key by an earlier kg
                n = 0
                for table, keys, values, rows, made in (
                        ("merged_adj", ("entity",), ("rel", "cooc", "loop"), adjacency, None),
                        ("merged_pairs", ("lo", "hi"), ("body",), pairs, None),
                        ("merged_docs", ("doc",), ("body",), docs, None),
                        ("merged_mentions", ("entity",), ("body",), index, value)):
                    written, kept = self._sync(table, keys, values, slot, rows, sums.get(table), made)
                    self.db.execute("INSERT OR REPLACE INTO merged_sums VALUES (?, ?, ?, ?)",
                                    (slot, table, key, marshal.dumps(kept, 4)))
                    n += written
                self.db.execute("INSERT INTO merged VALUES (?, ?, ?)", (key, owner, head))  # last: complete
        except sqlite3.Error as e:
            raise self.failed("cannot write", e) from e
        return n

    def _sums(self, slot: str, old: set[str]) -> dict[str, dict]:
        """Table -> {row key: digest} of the rows of ``slot``, for the tables whose digests
        were written with the merged corpus kept now (``old``: its key); {} for others (an
        earlier kg kept the rows, or another kg wrote them since: they are written again)."""
        out: dict[str, dict] = {}
        if len(old) != 1:
            return out
        for table, head, body in self.db.execute("SELECT tab, head, body FROM merged_sums WHERE key = ?", (slot,)):
            if head in old:
                try:
                    got = marshal.loads(body)
                except (ValueError, EOFError, TypeError):  # damaged: as if none were kept
                    continue
                if isinstance(got, dict):
                    out[table] = got
        return out

    def _sync(self, table: str, keys: tuple[str, ...], values: tuple[str, ...], slot: str, rows: Iterable,
              old: dict | None, made: Callable[[tuple], tuple] | None = None) -> tuple[int, dict]:
        """Make the rows of ``slot`` in ``table`` (our own table and column names) be
        ``rows`` (key columns, then value columns), writing only those whose digest
        differs from the one in ``old`` (row key -> digest of the rows kept; None when
        unknown: every row is deleted and written). ``made``: what a row of ``rows`` is
        written as (its digest is of the row as given). (rows written or deleted, the new
        row key -> digest.)"""
        nk = len(keys)
        marks = ", ".join("?" * (1 + len(keys) + len(values)))
        insert = f"INSERT OR REPLACE INTO {table} VALUES ({marks})"
        written = 0
        if old is None:
            written = self.db.execute(f"DELETE FROM {table} WHERE key = ?", (slot,)).rowcount
            old = {}
        kept: dict = {}
        write = []
        sha = hashlib.sha256
        for row in rows:
            k = row[0] if nk == 1 else row[0] << 32 | row[1]  # two entity numbers, each below 2**32
            v = row[nk:]
            # 8 bytes of a hash of the values (a changed row taken for unchanged, so not
            # written, is 1 in 2**64); a value of one byte string (most rows) as it is
            v = v[0] if len(v) == 1 and type(v[0]) is bytes else marshal.dumps(tuple(v), 2)
            kept[k] = digest = sha(v).digest()[:8]
            if old.pop(k, None) != digest:
                write.append((slot, *(row if made is None else made(row))))
                if len(write) >= _SYNC_BATCH:  # written as they come: rows may be made lazily
                    self.db.executemany(insert, write)
                    written += len(write)
                    write = []
        self.db.executemany(insert, write)
        where = " AND ".join(f"{k} = ?" for k in keys)
        gone = [(slot, k) if nk == 1 else (slot, k >> 32, k & 0xFFFFFFFF) for k in old]
        self.db.executemany(f"DELETE FROM {table} WHERE key = ? AND {where}", gone)
        return written + len(write) + len(gone), kept

    def _drop_merged(self, keys: list[str]) -> None:
        for table in _MERGED:
            self.db.executemany(f"DELETE FROM {table} WHERE key = ?", ((k,) for k in keys))

    def _slot(self, key: str) -> str | None:
        """The slot the rows of the merged corpus kept under ``key`` are in, None when none is kept."""
        row = self.db.execute("SELECT owner FROM merged WHERE key = ?", (key,)).fetchone()
        return None if row is None else merged_slot(row[0])

    def merged_head_of(self, owner: str) -> bytes | None:
        """The head of the merged corpus kept for ``owner``, whatever its key (None: none)."""
        return self._head("owner", owner)

    def merged_head(self, key: str) -> bytes | None:
        """The head of the merged corpus kept under ``key``, None when there is none."""
        return self._head("key", key)

    def _head(self, column: str, value: str) -> bytes | None:
        try:
            row = self.db.execute(f"SELECT head FROM merged WHERE {column} = ?", (value,)).fetchone()
        except sqlite3.Error as e:
            raise self.failed("cannot read", e) from e
        return None if row is None else row[0]

    def merged_adjacency(self, key: str, entities: Iterable[int]) -> dict[int, tuple[bytes, bytes, int]]:
        """Entity index -> (relation neighbours, co-occurrence neighbours, has a loop)."""
        out: dict[int, tuple[bytes, bytes, int]] = {}
        try:
            slot = self._slot(key)
            for chunk in chunks(sorted(set(entities)) if slot else [], 500):
                q = f"SELECT entity, rel, cooc, loop FROM merged_adj WHERE key = ? AND entity IN ({','.join('?' * len(chunk))})"
                out.update((i, (rel, cooc, loop)) for i, rel, cooc, loop in self.db.execute(q, (slot, *chunk)))
        except sqlite3.Error as e:
            raise self.failed("cannot read", e) from e
        return out

    def merged_pairs(self, key: str, pairs: dict[int, list[int]]) -> list[bytes]:
        """The edge rows of the entity pairs ``lo -> [hi, ...]`` that have one."""
        out: list[bytes] = []
        try:
            slot = self._slot(key)
            for lo, his in sorted(pairs.items()) if slot else ():
                for chunk in chunks(sorted(set(his)), 500):
                    q = f"SELECT body FROM merged_pairs WHERE key = ? AND lo = ? AND hi IN ({','.join('?' * len(chunk))})"
                    out.extend(body for (body,) in self.db.execute(q, (slot, lo, *chunk)))
        except sqlite3.Error as e:
            raise self.failed("cannot read", e) from e
        return out

    def merged_docs(self, key: str, docs: Iterable[str]) -> dict[str, bytes]:
        return self._bodies("merged_docs", "doc", key, docs)

    def merged_mentions(self, key: str, entities: Iterable[str]) -> dict[str, bytes]:
        """The mention index rows of ``entities`` kept under ``key`` (those it has; the
        entity "" is the index's head)."""
        return self._bodies("merged_mentions", "entity", key, entities)

    def _bodies(self, table: str, column: str, key: str, names: Iterable[str]) -> dict[str, bytes]:
        """``name -> body`` of the rows of ``table`` kept under ``key`` whose ``column`` is
        one of ``names`` (our own table and column names, never a document's text)."""
        out: dict[str, bytes] = {}
        try:
            slot = self._slot(key)
            for chunk in chunks(sorted(set(names)) if slot else [], 500):
                marks = ",".join("?" * len(chunk))
                q = f"SELECT {column}, body FROM {table} WHERE key = ? AND {column} IN ({marks})"
                out.update(self.db.execute(q, (slot, *chunk)))
        except sqlite3.Error as e:
            raise self.failed("cannot read", e) from e
        return out


def merged_slot(owner: str) -> str:
    """What the rows of ``owner``'s merged corpus are kept under (its ``key`` column): a
    short hash of the export folder, never equal to a merged corpus's key."""
    return "slot:" + hashlib.sha256(owner.encode()).hexdigest()[:16]


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
