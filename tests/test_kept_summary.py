"""The merge summary a build keeps in its store: the next build summarises only the
documents it adds, and gives the export a cold build gives; anything it cannot use
(documents removed or changed, other results, another layout, damaged bytes) makes it
summarise every document again, never fail."""

from __future__ import annotations

import marshal
import sqlite3
from pathlib import Path

import pytest
from helpers import same_export, write_stories

import kg.extraction_store as es
import kg.kept_summary as ks
from kg.config import Settings
from kg.pipeline import build

STORIES = {
    "a.txt": "太原市委书记韦韬到太原重型机械集团有限公司调研。他强调，要抓好安全生产。",
    "b.txt": "山西省省长金湘军在晋中市会见中国石油化工集团有限公司董事长马永生。",
    "c.txt": "北京大学和清华大学的学者在上海市举行会议，讨论人工智能的发展。",
    "d.txt": "山西省省长金湘军在太原市会见北京大学校长，双方讨论人工智能合作。",
}


@pytest.fixture(autouse=True)
def fixed_code(monkeypatch):
    # other work may edit kg's sources while the suite runs; the keys must not move under a test
    fixed = lambda parts=None, data=None: "fixed"
    monkeypatch.setattr(es, "code_fingerprint", fixed)
    monkeypatch.setattr(ks, "code_fingerprint", fixed)


@pytest.fixture
def summarised(monkeypatch) -> list[list[str]]:
    """The documents of each ``partial`` a build's merge makes (a kept summary used means
    only the new documents are summarised)."""
    calls: list[list[str]] = []
    real = ks.partial

    def counting(docs, *args, **kwargs):
        docs = list(docs)
        calls.append(sorted(dx.doc.id for dx in docs))
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(ks, "partial", counting)
    return calls


def parts(store: Path) -> list[tuple[str, int, list[str]]]:
    """(owner, part, documents it covers) of every kept part."""
    with sqlite3.connect(store / "extractions.sqlite") as db:
        rows = db.execute("SELECT owner, part, head FROM summaries ORDER BY owner, part").fetchall()
    return [(Path(o).name, p, [doc for doc, _key in marshal.loads(h)[1]]) for o, p, h in rows]


def cold(tmp_path: Path, src: Path, settings: Settings | None = None) -> Path:
    out = tmp_path / "cold"
    build([src], out, settings, store=True)
    return out


def test_added_documents_are_summarised_alone_and_their_part_kept(tmp_path, summarised):
    src = write_stories(tmp_path / "in", {k: STORIES[k] for k in ("a.txt", "b.txt")})
    out = tmp_path / "out"
    build([src], out, store=True)
    assert summarised == [["a", "b"]] and parts(out / ".kg-store") == [("out", 0, ["a", "b"])]
    write_stories(src, {"c.txt": STORIES["c.txt"]})
    summarised.clear()
    r = build([src], out, store=True)
    assert r.extracted == 1 and summarised == [["c"]]
    assert parts(out / ".kg-store") == [("out", 0, ["a", "b"]), ("out", 1, ["c"])]
    write_stories(src, {"d.txt": STORIES["d.txt"]})
    summarised.clear()
    build([src], out, store=True)
    assert summarised == [["d"]]  # both kept parts read back
    summarised.clear()
    same_export(out, cold(tmp_path, src))
    assert summarised == [["a", "b", "c", "d"]]


def test_a_removed_or_changed_document_makes_the_whole_summary_again(tmp_path, summarised):
    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    (src / "d.txt").unlink()
    summarised.clear()
    build([src], out, store=True)
    assert summarised == [["a", "b", "c"]]  # no subtraction: every document again
    assert parts(out / ".kg-store") == [("out", 0, ["a", "b", "c"])]
    same_export(out, cold(tmp_path, src))
    (src / "a.txt").write_text(STORIES["a.txt"].replace("韦韬", "王伟中"), encoding="utf-8")
    summarised.clear()
    r = build([src], out, store=True)
    assert r.extracted == 1 and summarised == [["a", "b", "c"]]
    assert "王伟中" in {e.name for e in r.extraction.entities}
    same_export(out, cold(tmp_path / "again", src))


def test_a_new_input_order_repositions_the_kept_documents(tmp_path, summarised):
    # the entity a document's name stands for follows the input order: the kept
    # documents take their new places among the new ones
    src = write_stories(tmp_path / "in", {"b.txt": STORIES["b.txt"], "d.txt": STORIES["d.txt"]})
    out = tmp_path / "out"
    build([src], out, store=True)
    write_stories(src, {"a.txt": STORIES["a.txt"], "c.txt": STORIES["c.txt"]})  # before and between them
    summarised.clear()
    r = build([src], out, store=True)
    assert summarised == [["a", "c"]]
    assert [dx.doc.id for dx in r.extraction.docs] == ["a", "b", "c", "d"]
    same_export(out, cold(tmp_path, src))


def test_merge_settings_use_the_kept_summary_and_extraction_settings_do_not(tmp_path, summarised):
    src = write_stories(tmp_path / "in", {k: STORIES[k] for k in ("a.txt", "b.txt", "c.txt")})
    out = tmp_path / "out"
    build([src], out, store=True)
    write_stories(src, {"d.txt": STORIES["d.txt"]})
    summarised.clear()
    merge_setting = Settings(min_cooccurrence=2)  # read by finalize only
    build([src], out, merge_setting, store=True)
    assert summarised == [["d"]]
    same_export(out, cold(tmp_path, src, merge_setting))
    summarised.clear()
    other_results = Settings(min_cooccurrence=2, max_cooccurrence_entities=3)  # another fingerprint
    r = build([src], out, other_results, store=True)
    assert r.extracted == 4 and summarised == [["a", "b", "c", "d"]]
    assert parts(out / ".kg-store") == [("out", 0, ["a", "b", "c", "d"])]  # the other tag's parts replaced
    same_export(out, cold(tmp_path / "again", src, other_results))


@pytest.mark.parametrize("damage", ["layout", "head", "body", "tag"])
def test_a_summary_of_another_layout_or_damaged_is_ignored(tmp_path, summarised, damage):
    src = write_stories(tmp_path / "in", {k: STORIES[k] for k in ("a.txt", "b.txt")})
    out = tmp_path / "out"
    build([src], out, store=True)
    db_path = out / ".kg-store" / "extractions.sqlite"
    with sqlite3.connect(db_path) as db:
        (head, body), = db.execute("SELECT head, body FROM summaries").fetchall()
        if damage == "layout":  # a summary written by a kg whose summaries had layout 0
            db.execute("UPDATE summaries SET body = ?", ((0).to_bytes(2, "little") + body[2:],))
        elif damage == "head":
            db.execute("UPDATE summaries SET head = ?", (head[: len(head) // 2],))
        elif damage == "body":
            db.execute("UPDATE summaries SET body = ?", (body[:2] + body[len(body) // 2 :],))
        else:  # made from other results or by another merge
            db.execute("UPDATE summaries SET tag = 'other'")
    write_stories(src, {"c.txt": STORIES["c.txt"]})
    summarised.clear()
    build([src], out, store=True)
    assert summarised == [["a", "b", "c"]]
    assert parts(out / ".kg-store") == [("out", 0, ["a", "b", "c"])]
    same_export(out, cold(tmp_path, src))


def test_parts_are_written_as_one_after_max_parts(tmp_path, summarised, monkeypatch):
    monkeypatch.setattr(ks, "MAX_PARTS", 2)
    src = write_stories(tmp_path / "in", {"a.txt": STORIES["a.txt"]})
    out = tmp_path / "out"
    build([src], out, store=True)
    write_stories(src, {"b.txt": STORIES["b.txt"]})
    build([src], out, store=True)
    assert [p for _o, p, _d in parts(out / ".kg-store")] == [0, 1]
    write_stories(src, {"c.txt": STORIES["c.txt"]})
    summarised.clear()
    build([src], out, store=True)
    assert summarised == [["c"]]  # the kept parts used, then written again as one
    assert parts(out / ".kg-store") == [("out", 0, ["a", "b", "c"])]
    same_export(out, cold(tmp_path, src))


def test_outputs_sharing_a_cache_keep_a_summary_each(tmp_path, summarised):
    cache = tmp_path / "cache"
    one = write_stories(tmp_path / "one", {k: STORIES[k] for k in ("a.txt", "b.txt")})
    two = write_stories(tmp_path / "two", {k: STORIES[k] for k in ("a.txt", "c.txt")})
    build([one], tmp_path / "out1", store=cache)
    build([two], tmp_path / "out2", store=cache)
    assert parts(cache) == [("out1", 0, ["a", "b"]), ("out2", 0, ["a", "c"])]
    write_stories(one, {"d.txt": STORIES["d.txt"]})
    summarised.clear()
    build([one], tmp_path / "out1", store=cache)
    assert summarised == [["d"]]
    assert parts(cache)[-1] == ("out2", 0, ["a", "c"])
    same_export(tmp_path / "out1", cold(tmp_path, one))
    from kg.incremental import prune

    prune(tmp_path / "out1", cache)  # only this build's results and summary stay
    assert [o for o, _p, _d in parts(cache)] == ["out1", "out1"]
