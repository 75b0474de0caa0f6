"""Builds with an extraction store: warm and incremental builds equal a cold one byte
for byte; changed, removed and re-dictionaried inputs; -d reads the build's store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import same_export, write_stories

import kg.extraction_store as es
import kg.stored_doc as sd
from kg.config import Settings
from kg.pipeline import analyze, build, built_corpus, extract_corpus

STORIES = {
    "a.txt": "太原市委书记韦韬到太原重型机械集团有限公司调研。他强调，要抓好安全生产。",
    "b.txt": "山西省省长金湘军在晋中市会见中国石油化工集团有限公司董事长马永生。",
    "c.txt": "北京大学和清华大学的学者在上海市举行会议，讨论人工智能的发展。",
}


@pytest.fixture(autouse=True)
def fixed_code(monkeypatch):
    # other work may edit kg's sources while the suite runs; the keys must not move under a test
    monkeypatch.setattr(es, "code_fingerprint", lambda parts=None, data=None: "fixed")


def stored(out: Path) -> int:
    with sqlite3.connect(out / ".kg-store" / "extractions.sqlite") as db:
        return db.execute("SELECT count(*) FROM results").fetchone()[0]


def test_warm_build_writes_nothing_and_incremental_equals_cold(tmp_path):
    src = write_stories(tmp_path / "in", dict(list(STORIES.items())[:2]))
    out = tmp_path / "out"
    first = build([src], out, store=True)
    assert first.extracted == 2 and stored(out) == 2
    warm = build([src], out, store=True)
    assert warm.up_to_date and warm.outputs == []
    write_stories(src, {"c.txt": STORIES["c.txt"]})
    inc = build([src], out, store=True)
    assert inc.extracted == 1 and not inc.up_to_date
    cold = build([src], tmp_path / "cold", store=True)
    same_export(out, tmp_path / "cold")
    plain = build([src], tmp_path / "plain")  # no store: the same export but the corpus list
    assert sorted(p.name for p in out.iterdir() if p.is_file() and p.name not in plain.outputs) == [".kg-corpus.jsonl"]
    assert cold.extracted == 3


def test_changed_file_is_extracted_again_and_removed_file_drops_out(tmp_path):
    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    (src / "a.txt").write_text(STORIES["a.txt"].replace("韦韬", "王伟中"), encoding="utf-8")
    (src / "c.txt").unlink()
    r = build([src], out, store=True)
    assert r.extracted == 1
    assert sorted(dx.doc.id for dx in r.extraction.docs) == ["a", "b"]
    names = {e.name for e in r.extraction.entities}
    assert "王伟中" in names and "韦韬" not in names and "北京大学" not in names
    build([src], tmp_path / "cold", store=True)
    same_export(out, tmp_path / "cold")


def test_results_held_whole_up_to_a_budget_then_released(tmp_path, monkeypatch):
    import pickle

    import kg.incremental as inc

    src = write_stories(tmp_path / "in", STORIES)
    build([src], tmp_path / "cold", store=True)
    # room for the first story only: the others are unpacked when read, the export is the same
    monkeypatch.setattr(inc, "HELD_CHARS", len(STORIES["a.txt"]))
    during: list[list[bool]] = []
    release = inc.StoreRun.release
    monkeypatch.setattr(inc.StoreRun, "release", lambda run: during.append(
        [d._whole is not None for d in run.held]) or release(run))
    calls: list[str] = []
    real = sd.unpack
    for module in (inc, sd):
        monkeypatch.setattr(module, "unpack", lambda *a: calls.append(a[1].id) or real(*a))
    out = tmp_path / "out"
    build([src], out, store=True)  # extracted
    r = build([src], tmp_path / "again", store=out / ".kg-store")  # read back from the store
    same_export(out, tmp_path / "cold")
    same_export(tmp_path / "again", tmp_path / "cold")
    assert during == [[True, False, False]] * 2
    # the second build unpacked the held story once, as it read it; the others again for
    # the merge and the exports, as they were read
    read = calls[calls.index("a"):]
    assert read.count("a") == 1 and read.count("b") > 1 and read.count("c") > 1
    docs = r.extraction.docs
    assert all(isinstance(d, inc.HeldDoc) and d._whole is None for d in docs)  # released
    assert docs[0].mentions == real(docs[0].packed, docs[0].doc).mentions  # and still read whole
    back = pickle.loads(pickle.dumps(docs[0]))
    assert type(back) is sd.StoredDoc and back.doc == docs[0].doc and back.packed == docs[0].packed


def test_user_dictionary_change_invalidates(tmp_path):
    src = write_stories(tmp_path / "in", {"d.txt": "记者从阿尔法贝塔科技获悉，新产品将于明年上市。"})
    words = tmp_path / "user.txt"
    words.write_text("阿尔法贝塔科技\tEnterprise\n", encoding="utf-8")
    out = tmp_path / "out"
    build([src], out, Settings(user_dict=str(words)), store=True)
    words.write_text("阿尔法贝塔\tEnterprise\n", encoding="utf-8")
    r = build([src], out, Settings(user_dict=str(words)), store=True)
    assert r.extracted == 1 and not r.up_to_date


def test_analyze_and_view_from_the_store_equal_from_inputs(tmp_path):
    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    from_inputs, _f, _t = extract_corpus([src], Settings())
    from_store, files = built_corpus(out, Settings())
    assert from_store.entities == from_inputs.entities
    assert from_store.relations == from_inputs.relations
    assert from_store.cooccurrences == from_inputs.cooccurrences
    assert [f.path for f in files] == [f"{src}/{n}" for n in sorted(STORIES)]
    # beside a build of its own, so both reports link to a graph page, map and GeoJSON
    build([src], tmp_path / "b", store=False)
    b = analyze([src], tmp_path / "b")
    for name in sorted(STORIES):
        (src / name).unlink()  # the store alone
    a = analyze([], out, built=out)
    same_export(out / "analysis", tmp_path / "b" / "analysis")
    assert len(a.extraction.docs) == 3 and len(b.extraction.docs) == 3


def test_killed_build_leaves_a_usable_store(tmp_path, monkeypatch):
    import kg.incremental as inc

    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    monkeypatch.setattr(inc, "CHUNK", 1)
    calls = {"n": 0}
    real = es.ExtractionStore.put

    def put_then_die(self, items):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # killed after the first chunk was committed
        return real(self, items)

    monkeypatch.setattr(es.ExtractionStore, "put", put_then_die)
    with pytest.raises(KeyboardInterrupt):
        build([src], out, store=True)
    monkeypatch.setattr(es.ExtractionStore, "put", real)
    assert stored(out) == 1
    r = build([src], out, store=True)
    assert r.extracted == 2
    build([src], tmp_path / "cold", store=True)
    same_export(out, tmp_path / "cold")


def test_view_from_the_kept_merge_equals_view_from_inputs(tmp_path):
    from kg.export.html import write_ego_html
    from kg.incremental import built_view

    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    whole, _f, _t = extract_corpus([src], Settings())
    assert whole.relations and whole.cooccurrences
    partial = 0
    for centre in whole.entities:
        for depth, cooccurrence in ((0, True), (1, True), (1, False), (2, True)):
            view = built_view(out, Settings(), centre.id, depth, cooccurrence)
            assert view is not None and view.entities == whole.entities
            a, b = tmp_path / "a.html", tmp_path / "b.html"
            write_ego_html(whole, centre.id, a, Settings(), depth=depth, cooccurrence=cooccurrence)
            write_ego_html(view, centre.id, b, Settings(), depth=depth, cooccurrence=cooccurrence)
            assert a.read_bytes() == b.read_bytes(), (centre.id, depth, cooccurrence)
            partial += len(view.docs) < len(whole.docs)
    assert partial  # only the neighbourhood's documents are read


def test_view_merges_again_without_a_kept_merge_or_with_other_merge_settings(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.errors import QueryError
    from kg.incremental import built_view

    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    assert built_view(out, Settings(min_cooccurrence=2), "太原市", 1) is None
    with pytest.raises(QueryError, match="no entity has this name"):
        built_view(out, Settings(), "不存在的名字", 1)
    runner = CliRunner()
    from_store = runner.invoke(main, ["view", "太原市", "-d", str(out), "-o", str(tmp_path / "s.html"), "-q"])
    assert from_store.exit_code == 0, from_store.output
    with sqlite3.connect(out / ".kg-store" / "extractions.sqlite") as db:
        db.execute("DELETE FROM merged")  # a store kept by a build before merges were kept
    assert built_view(out, Settings(), "太原市", 1) is None
    merged = runner.invoke(main, ["view", "太原市", "-d", str(out), "-o", str(tmp_path / "m.html"), "-q"])
    assert merged.exit_code == 0, merged.output
    plain = runner.invoke(main, ["view", "太原市", str(src), "-o", str(tmp_path / "p.html"), "-q"])
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "s.html").read_bytes() == (tmp_path / "p.html").read_bytes() == (tmp_path / "m.html").read_bytes()
    again = build([src], out, store=True)  # the merge is missing: not up to date, kept again
    assert not again.up_to_date and again.extracted == 0
    assert built_view(out, Settings(), "太原市", 1) is not None
    assert build([src], out, store=True).up_to_date


def test_prune_keeps_this_exports_merge_only(tmp_path):
    from kg.incremental import built_view, prune

    src = write_stories(tmp_path / "in", STORIES)
    cache = tmp_path / "cache"
    build([src], tmp_path / "one", store=cache)
    build([src], tmp_path / "two", Settings(min_cooccurrence=2), store=cache)
    with sqlite3.connect(cache / "extractions.sqlite") as db:
        assert db.execute("SELECT count(*) FROM merged").fetchone()[0] == 2
    prune(tmp_path / "one", cache)
    assert built_view(tmp_path / "one", Settings(), "太原市", 1, cache=cache) is not None
    assert built_view(tmp_path / "two", Settings(min_cooccurrence=2), "太原市", 1, cache=cache) is None


def test_one_pool_serves_every_chunk(tmp_path, monkeypatch):
    import concurrent.futures

    import kg.incremental as inc

    class Pool:  # in this process, counting how often a pool is started
        started = 0

        def __init__(self, workers, initializer, initargs):
            Pool.started += 1
            initializer(*initargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def map(self, fn, items, chunksize=1):
            return map(fn, items)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(inc, "CHUNK", 2)
    src = write_stories(tmp_path / "in", {**STORIES, "d.txt": "国务院总理李强在北京会见新加坡总理。"})
    r = build([src], tmp_path / "out", Settings(workers=2), store=True)
    assert r.extracted == 4 and Pool.started == 1  # two chunks, one pool
    monkeypatch.setattr(inc, "CHUNK", 1000)
    build([src], tmp_path / "cold", Settings(workers=2), store=True)
    same_export(tmp_path / "out", tmp_path / "cold")
    Pool.started = 0
    assert build([src], tmp_path / "out", Settings(workers=2), store=True).up_to_date and Pool.started == 0


def test_view_documents_name_themselves_without_unpacking(tmp_path, monkeypatch):
    import kg.extract.document as document
    from kg.incremental import built_view

    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    whole, _f, _t = extract_corpus([src], Settings())
    view = built_view(out, Settings(), "太原市", 2)
    real, calls = document.unpack, []
    for module in (document, sd):  # a viewed document unpacks through kg.stored_doc
        monkeypatch.setattr(module, "unpack", lambda *a: calls.append(a) or real(*a))
    firsts = [dx.sentences[0] for dx in view.docs if dx.sentences]
    assert not calls and firsts
    by_id = {dx.doc.id: dx for dx in whole.docs}
    for dx in view.docs:
        assert dx.sentences[0] == by_id[dx.doc.id].sentences[0]
        assert tuple(dx.sentences) == by_id[dx.doc.id].sentences and dx.mentions == by_id[dx.doc.id].mentions
        assert dx.doc == by_id[dx.doc.id].doc
    assert calls  # the rest is read unpacked


def test_the_kept_mention_index_gives_the_pages_and_concordances_of_a_whole_merge(tmp_path, monkeypatch):
    from kg.export.html import kwicdata, write_ego_html, write_html
    from kg.export.kwic import concordance
    from kg.incremental import built_mentions, built_view

    monkeypatch.setattr(kwicdata, "KWIC_ROWS", 2)  # the sample is cut, not the whole list
    src = write_stories(tmp_path / "in", {**STORIES, "d.txt": "太原市召开会议。\n\n本市将在太原市举办展会，太原市民欢迎。"})
    out = tmp_path / "out"
    build([src], out, store=True)
    whole, _f, _t = extract_corpus([src], Settings())
    write_html(whole, tmp_path / "g.html", Settings())  # the build's page came from the index
    assert (out / "graph.html").read_bytes() == (tmp_path / "g.html").read_bytes()
    index = built_mentions(out, Settings())
    assert index is not None and index.entities() == []  # nothing read until asked
    results, read = es.ExtractionStore.results, []
    monkeypatch.setattr(es.ExtractionStore, "results", lambda store, keys: read.append(1) or results(store, keys))
    for centre in whole.entities:
        view = built_view(out, Settings(), centre.id, 1)
        a, b = tmp_path / "a.html", tmp_path / "b.html"
        write_ego_html(whole, centre.id, a, Settings())
        write_ego_html(view, centre.id, b, Settings(), mentions=index)
        assert a.read_bytes() == b.read_bytes(), centre.id
        alone = built_view(out, Settings(), centre.id, 0)  # what kg kwic -d reads
        for references in (True, False):
            assert concordance(alone, centre.id, 8, references=references, mentions=index) == concordance(
                whole, centre.id, 8, references=references)
    assert not read  # with the index, no document's extraction is read for a page or a concordance
    assert sum(index.count(e.id) > 2 for e in whole.entities)  # some entity's tab was cut
    assert built_mentions(out, Settings(min_cooccurrence=2)) is None  # another merge: merged again
    with sqlite3.connect(out / ".kg-store" / "extractions.sqlite") as db:
        db.execute("DELETE FROM merged")
    assert built_mentions(out, Settings()) is None


def test_an_incremental_build_rewrites_only_the_merged_rows_that_changed(tmp_path, monkeypatch):
    """Rows keep their entity numbers and hold no measure that moves with the corpus, so a
    build of one more story writes a few rows; views of it equal views of a whole merge."""
    from kg.export.html import write_ego_html
    from kg.incremental import built_view

    written: list[int] = []
    real = es.ExtractionStore.put_merged
    monkeypatch.setattr(es.ExtractionStore, "put_merged", lambda *a, **k: written.append(real(*a, **k)) or written[-1])
    more = {**STORIES, "d.txt": "清华大学的学者在上海市举行会议。", "e.txt": "太原市委书记韦韬在太原市调研。"}
    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    write_stories(src, {"d.txt": more["d.txt"]})
    build([src], out, store=True)
    write_stories(src, {"e.txt": more["e.txt"]})
    build([src], out, store=True)
    build([src], tmp_path / "cold", store=True)
    assert written[1] < written[0] / 2 and written[2] < written[3] / 2, written
    whole, _f, _t = extract_corpus([src], Settings())
    for centre in whole.entities:
        for depth in (1, 2):
            view = built_view(out, Settings(), centre.id, depth)
            a, b = tmp_path / "a.html", tmp_path / "b.html"
            write_ego_html(whole, centre.id, a, Settings(), depth=depth)
            write_ego_html(view, centre.id, b, Settings(), depth=depth)
            assert a.read_bytes() == b.read_bytes(), (centre.id, depth)
    same_export(out, tmp_path / "cold")


def test_a_build_with_nothing_to_do_loads_no_exporter(tmp_path):
    # the rerun of kg build is the common case: it reads, checks and returns, and pays for
    # no import of the exports (the tables, RDF and page modules with numpy and scipy)
    src = write_stories(tmp_path / "in", dict(list(STORIES.items())[:1]))
    out = tmp_path / "out"
    probe = (  # in new processes, each with kg's own code fingerprint (this one's is fixed)
        "import sys\n"
        "from kg.pipeline import build\n"
        f"r = build([{str(src)!r}], {str(out)!r}, store=True)\n"
        "print(r.up_to_date, ','.join(sorted(m for m in sys.modules if m.startswith(('kg.export', 'scipy')))))\n"
    )
    first, again = (subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
                    .stdout.split() for _ in range(2))
    assert first[0] == "False" and "kg.export.tables" in first[1]  # the probe sees the imports it looks for
    assert again[0] == "True"
    assert not set(again[1:] and again[1].split(",")) & {"kg.export.tables", "kg.export.html", "kg.export.stage", "scipy"}


def test_view_of_a_build_imports_no_extraction(tmp_path):
    """``kg view -d`` reads the kept merged corpus: neither kg.pipeline nor the extraction's
    modules (hundreds of regular expressions compiled as they load) are imported."""
    src = write_stories(tmp_path / "in", STORIES)
    out = tmp_path / "out"
    build([src], out, store=True)
    script = (
        "import sys\n"
        "import kg.extraction_store as es\n"
        "es.code_fingerprint = lambda parts=None, data=None: 'fixed'\n"  # as the fixture fixes it
        "import kg.kept_summary as ks\n"
        "ks.code_fingerprint = es.code_fingerprint\n"
        "from kg.cli import main\n"
        f"sys.argv = ['kg', 'view', '太原市', '-d', {str(out)!r}, '-o', {str(tmp_path / 'v.html')!r}, '-q']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m in ('kg.pipeline', 'kg.extract.entities', 'kg.extract.document')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stderr
    assert (tmp_path / "v.html").is_file()
