"""Tests of kg.merged_tables, the extraction store's tables of a build's merged corpus,
through ``ExtractionStore``: what the build tests do not reach directly (the mention index
kept with a merged corpus, replaced and pruned with it; rows written by difference)."""

from __future__ import annotations

import sqlite3

from kg.extraction_store import DB_NAME, ExtractionStore, merged_slot


def _keep(store: ExtractionStore, key: str, owner: str, mentions) -> None:
    store.put_merged(key, owner, b"head", [(0, b"", b"", 0)], [(0, 1, b"pair")], [("d", b"doc")], mentions)


def test_the_mention_index_is_kept_replaced_and_pruned_with_its_merged_corpus(tmp_path) -> None:
    with ExtractionStore(tmp_path, "fp") as store:
        _keep(store, "k1", "/out/a", (b"index head", [("person/甲", b"r1"), ("place/乙", b"r2")]))
        _keep(store, "k2", "/out/b", None)  # a merged corpus kept without an index
        assert store.merged_mentions("k1", ["", "person/甲", "place/无"]) == {"": b"index head", "person/甲": b"r1"}
        assert store.merged_mentions("k2", ["", "person/甲"]) == {}
        assert store.merged_mentions("k1", []) == {}
        many = [f"e{i}" for i in range(1200)]  # more than one query's worth of names
        _keep(store, "k3", "/out/c", (b"h", [(e, e.encode()) for e in many]))
        assert store.merged_mentions("k3", many) == {e: e.encode() for e in many}
        # the next build of /out/a replaces its merged corpus and its index
        _keep(store, "k4", "/out/a", (b"new head", [("person/甲", b"r3")]))
        assert store.merged_mentions("k1", ["", "person/甲"]) == {}
        assert store.merged_mentions("k4", ["", "person/甲"]) == {"": b"new head", "person/甲": b"r3"}
        store.prune([], owners=["/out/a"])
        assert store.merged_mentions("k3", many[:3]) == {}
        assert store.merged_mentions("k4", ["person/甲"]) == {"person/甲": b"r3"}
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("SELECT DISTINCT key FROM merged_mentions").fetchall() == [(merged_slot("/out/a"),)]


def test_a_store_made_before_the_index_gets_its_table(tmp_path) -> None:
    with ExtractionStore(tmp_path, "fp") as store:
        _keep(store, "k1", "/out/a", None)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("DROP TABLE merged_mentions")  # as a store kept by an earlier kg has none
    with ExtractionStore(tmp_path, "fp") as store:
        assert store.merged_head("k1") == b"head"
        assert store.merged_mentions("k1", [""]) == {}


def test_a_merged_corpus_kept_again_writes_only_the_rows_that_changed(tmp_path) -> None:
    adjacency = [(0, b"\1", b"", 0), (1, b"\0", b"", 1)]
    pairs = [(0, 1, b"edge"), (1, 1, b"loop")]
    docs = [("d1", b"one"), ("d2", b"two")]
    with ExtractionStore(tmp_path, "fp") as store:
        assert store.put_merged("k1", "/out/a", b"h1", adjacency, pairs, docs, (b"ih", [("e", b"m")])) == 8
        assert store.put_merged("k2", "/out/b", b"h", adjacency, pairs, docs) == 6  # another export's own rows
        # the next build of /out/a: one pair changed, one document gone, one added
        assert store.put_merged("k3", "/out/a", b"h3", adjacency, [(0, 1, b"edge2"), (1, 1, b"loop")],
                                [("d1", b"one"), ("d3", b"three")], (b"ih", [("e", b"m")])) == 3
        assert store.merged_head("k1") is None and store.merged_head("k3") == b"h3"
        assert store.merged_pairs("k3", {0: [1], 1: [1]}) == [b"edge2", b"loop"]
        assert store.merged_pairs("k1", {0: [1]}) == []  # rows are read through a kept head only
        assert store.merged_docs("k3", ["d1", "d2", "d3"]) == {"d1": b"one", "d3": b"three"}
        assert store.merged_adjacency("k3", [0, 1]) == {0: (b"\1", b"", 0), 1: (b"\0", b"", 1)}
        assert store.merged_pairs("k2", {0: [1]}) == [b"edge"] and store.merged_docs("k2", ["d2"]) == {"d2": b"two"}
        assert store.merged_head_of("/out/a") == b"h3" and store.merged_head_of("/out/c") is None


def test_rows_kept_by_another_kg_since_are_all_written_again(tmp_path) -> None:
    """The digests that tell which rows changed are used only for the merged corpus they
    were written with: when another kg kept its own merged corpus in between (here: the
    key changed and a row rewritten behind them), or they cannot be read, every row is
    written again rather than a changed one taken for unchanged."""
    adjacency = [(0, b"\1", b"", 0), (1, b"\0", b"", 0)]
    pairs = [(0, 1, b"edge")]
    docs = [("d1", b"one"), ("d2", b"two")]
    with ExtractionStore(tmp_path, "fp") as store:
        assert store.put_merged("k1", "/out/a", b"h1", adjacency, pairs, docs) == 5
        assert store.put_merged("k2", "/out/a", b"h2", adjacency, pairs, docs) == 0  # nothing changed
    with sqlite3.connect(tmp_path / DB_NAME) as db:  # as an earlier kg keeps its merged corpus
        db.execute("UPDATE merged SET key = 'other'")
        db.execute("UPDATE merged_pairs SET body = ?", (b"its edge",))
    with ExtractionStore(tmp_path, "fp") as store:
        assert store.put_merged("k3", "/out/a", b"h3", adjacency, pairs, docs) == 10  # 5 deleted, 5 written
        assert store.merged_pairs("k3", {0: [1]}) == [b"edge"]
        assert store.put_merged("k4", "/out/a", b"h4", adjacency, pairs, [("d1", b"one")]) == 1
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE merged_sums SET body = ? WHERE tab = 'merged_docs'", (b"damaged",))
    with ExtractionStore(tmp_path, "fp") as store:
        assert store.put_merged("k5", "/out/a", b"h5", adjacency, pairs, [("d3", b"three")]) == 2
        assert store.merged_docs("k5", ["d1", "d3"]) == {"d3": b"three"}
        store.prune([], owners=[])
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("SELECT count(*) FROM merged_sums").fetchone() == (0,)


def test_mention_rows_given_as_bytes_are_made_values_only_when_written(tmp_path) -> None:
    """With ``mention_value``, the mention index's rows are digested as given and only those
    written are made values (the head row stays as it is)."""
    made: list[bytes] = []

    def value(raw: bytes) -> bytes:
        made.append(raw)
        return b"v" + raw

    with ExtractionStore(tmp_path, "fp") as store:
        def keep(key: str, rows) -> int:
            return store.put_merged(key, "/out/a", b"head", [(0, b"", b"", 0)], [(0, 1, b"pair")],
                                    [("d", b"doc")], (b"index head", rows), value)

        assert keep("k1", [("person/甲", b"1"), ("place/乙", b"2")]) == 6
        assert sorted(made) == [b"1", b"2"]
        assert store.merged_mentions("k1", ["", "person/甲", "place/乙"]) == {
            "": b"index head", "person/甲": b"v1", "place/乙": b"v2"}
        made.clear()
        assert keep("k2", [("person/甲", b"1"), ("place/乙", b"3")]) == 1 and made == [b"3"]
        assert store.merged_mentions("k2", ["person/甲", "place/乙"]) == {"person/甲": b"v1", "place/乙": b"v3"}
