"""Tests of kg.sparql.store: the on-disk Oxigraph store next to an export.

Small hand-written exports in a temporary output directory: the store is built on first
use, reused without parsing or hashing, rebuilt when the export changes, prefers quads
(with the default graph holding each triple once), never touches the export files, and
copes with several processes at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.sparql.store as store_mod
from kg.errors import QueryError
from kg.sparql.store import STORE_DIR, GraphStore, StoreWriteError, clear_store, ensure_store, find_export

REPO = Path(__file__).resolve().parent.parent
EX = "http://example.org/"
TTL = f"<{EX}a> <{EX}p> <{EX}b> .\n<{EX}b> <{EX}p> <{EX}c> .\n"


def count(gs: GraphStore, where: str = "?s ?p ?o") -> int:
    return int(next(iter(gs.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)


@pytest.fixture
def outdir(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text(TTL, encoding="utf-8")
    return out


def store_dirs(out: Path) -> list[str]:
    return sorted(p.name for p in (out / STORE_DIR).iterdir() if p.is_dir())


def test_first_open_builds_then_reuses_the_store(outdir, monkeypatch) -> None:
    with GraphStore.open(outdir) as gs:
        assert gs.info.built and gs.info.triples == 2 and gs.info.quads == 0
        assert gs.info.path is not None and gs.info.path.parent == outdir / STORE_DIR
        assert count(gs) == 2 and gs.info.notice == ""

    def no_loading(*_a, **_k):
        raise AssertionError("an unchanged export is not loaded again")

    monkeypatch.setattr(store_mod, "load_export", no_loading)
    with GraphStore.open(outdir) as gs:
        assert not gs.info.built and count(gs) == 2
    assert len(store_dirs(outdir)) == 1


def test_an_edit_in_place_that_keeps_size_and_mtime_is_noticed(outdir) -> None:
    export = outdir / "graph.ttl"
    with GraphStore.open(outdir) as gs:
        assert count(gs, f"<{EX}a> <{EX}p> ?o") == 1
    before = export.stat()
    edited = TTL.replace(f"<{EX}a>", f"<{EX}z>")  # same length
    with export.open("r+b") as f:
        f.write(edited.encode("utf-8"))
    os.utime(export, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = export.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with GraphStore.open(outdir) as gs:
        assert gs.info.built
        assert count(gs, f"<{EX}a> <{EX}p> ?o") == 0 and count(gs, f"<{EX}z> <{EX}p> ?o") == 1


def _sst_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.sst"), key=lambda p: p.stat().st_size, reverse=True)


@pytest.mark.parametrize("damage", ["truncated sst", "missing sst", "empty CURRENT", "truncated MANIFEST"])
def test_a_damaged_store_is_rebuilt_with_a_notice(outdir, damage) -> None:
    with GraphStore.open(outdir) as gs:
        path = gs.info.path
    if damage == "truncated sst":
        sst = _sst_files(path)[0]
        os.truncate(sst, sst.stat().st_size // 2)
    elif damage == "missing sst":
        _sst_files(path)[0].unlink()
    elif damage == "empty CURRENT":
        os.truncate(path / "CURRENT", 0)
    else:  # a truncated manifest opens as an empty database: the probe quad is missing
        manifest = next(path.glob("MANIFEST-*"))
        os.truncate(manifest, manifest.stat().st_size // 2)
    with GraphStore.open(outdir) as gs:
        assert gs.info.built and count(gs) == 2 and gs.info.path != path
        assert gs.info.notice.startswith(f"{path}: the query store is damaged (")
        assert gs.info.notice.endswith("; rebuilt it from graph.ttl") and "\n" not in gs.info.notice
    assert not path.exists()  # the damaged store is deleted once nobody holds it
    with GraphStore.open(outdir) as gs:
        assert not gs.info.built and gs.info.notice == ""


def test_a_damaged_record_is_rebuilt_with_a_notice(outdir) -> None:
    GraphStore.open(outdir).close()
    (outdir / STORE_DIR / "current.json").write_text('{"layout": 2, "sto', encoding="utf-8")
    with GraphStore.open(outdir) as gs:
        assert count(gs) == 2
        assert "current.json: the record of the query store is damaged" in gs.info.notice


def test_the_export_files_are_left_byte_identical(outdir) -> None:
    (outdir / "manifest.json").write_text("{}\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()}
    with GraphStore.open(outdir) as gs:
        count(gs)
    after = {p.name: p.read_bytes() for p in outdir.iterdir() if p.is_file()}
    assert after == before  # the cache lives in .oxigraph/ only
    assert clear_store(outdir) and not (outdir / STORE_DIR).exists()
    assert not clear_store(outdir)


def test_same_bytes_rewritten_are_not_reloaded(outdir) -> None:
    with GraphStore.open(outdir) as gs:
        first = gs.info.path
    os.utime(outdir / "graph.ttl", ns=(1, 1))  # as a second `kg build` writing the same bytes
    with GraphStore.open(outdir) as gs:
        assert not gs.info.built and gs.info.path == first


def test_a_changed_export_is_reloaded_and_the_old_store_deleted(outdir) -> None:
    with GraphStore.open(outdir) as gs:
        old = gs.info.path
    (outdir / "graph.ttl").write_text(TTL + f"<{EX}c> <{EX}p> <{EX}d> .\n", encoding="utf-8")
    with GraphStore.open(outdir) as gs:
        assert gs.info.built and count(gs) == 3 and gs.info.path != old
    assert store_dirs(outdir) == [gs.info.path.name]


def test_a_store_in_use_is_kept_until_it_is_released(outdir) -> None:
    reader = GraphStore.open(outdir)
    old = reader.info.path
    (outdir / "graph.ttl").write_text(TTL + f"<{EX}c> <{EX}p> <{EX}d> .\n", encoding="utf-8")
    with GraphStore.open(outdir) as gs:
        assert count(gs) == 3
    assert old.is_dir() and count(reader) == 2  # the reader still sees its own snapshot
    newer = gs.info.path
    reader.close()
    (outdir / "graph.ttl").write_text(TTL + f"<{EX}d> <{EX}p> <{EX}e> .\n", encoding="utf-8")
    with GraphStore.open(outdir) as gs:
        assert count(gs) == 3
    assert not old.exists() and not newer.exists()


def test_an_export_changed_back_reuses_its_earlier_store(outdir) -> None:
    reader = GraphStore.open(outdir)  # keeps the first store from being deleted
    first = reader.info.path
    (outdir / "graph.ttl").write_text(TTL + f"<{EX}c> <{EX}p> <{EX}d> .\n", encoding="utf-8")
    GraphStore.open(outdir).close()
    (outdir / "graph.ttl").write_text(TTL, encoding="utf-8")
    with GraphStore.open(outdir) as gs:
        assert not gs.info.built and gs.info.path == first and count(gs) == 2
    reader.close()


def test_rebuild_forces_a_new_load(outdir) -> None:
    with GraphStore.open(outdir):
        pass
    with GraphStore.open(outdir, rebuild=True) as gs:
        assert gs.info.built and count(gs) == 2


def test_quads_are_preferred_and_the_default_graph_holds_each_triple_once(outdir) -> None:
    nq = "".join(
        f"<{EX}a> <{EX}p> <{EX}b> <{EX}doc{i}> .\n<{EX}x{i}> <{EX}p> <{EX}y> <{EX}doc{i}> .\n" for i in (1, 2)
    )
    (outdir / "graph.nq").write_text(nq, encoding="utf-8")
    assert find_export(outdir)[0].name == "graph.nq"
    with GraphStore.open(outdir) as gs:
        assert gs.info.export.name == "graph.nq"
        assert (gs.info.triples, gs.info.quads) == (3, 4)
        assert count(gs, f"<{EX}a> <{EX}p> <{EX}b>") == 1  # not once per document graph
        graphs = {s["g"].value for s in gs.store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}a> ?p ?o }} }}")}
        assert graphs == {f"{EX}doc1", f"{EX}doc2"}


def test_no_export_and_bad_export_are_clear_errors(tmp_path) -> None:
    with pytest.raises(QueryError, match="not a directory"):
        GraphStore.open(tmp_path / "missing")
    with pytest.raises(QueryError, match=r"no RDF export \(graph\.ttl\)"):
        GraphStore.open(tmp_path)
    (tmp_path / "graph.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"graph\.ttl: not valid"):
        GraphStore.open(tmp_path)  # an invalid export is an error, not a reason to load it into memory


def test_an_unwritable_output_directory_falls_back_to_memory(outdir, monkeypatch) -> None:
    def refuse(*_a, **_k):
        raise StoreWriteError(f"{outdir / STORE_DIR}: cannot write the query store: Read-only file system")

    monkeypatch.setattr(store_mod, "ensure_store", refuse)
    with GraphStore.open(outdir) as gs:
        assert gs.info.path is None and count(gs) == 2
    with pytest.raises(QueryError, match="Read-only"):
        GraphStore.open(outdir, memory_fallback=False)


def test_a_record_from_another_pyoxigraph_is_not_trusted(outdir) -> None:
    pointer, built = ensure_store(outdir)
    assert built
    cache = outdir / STORE_DIR
    (cache / "current.json").write_text(json.dumps({**pointer, "pyoxigraph": "0.0.1", "store": "store-0"}))
    again, _built = ensure_store(outdir)
    assert again["pyoxigraph"] == ox.__version__ and again["store"] == pointer["store"]
    assert (cache / again["store"]).is_dir()


def test_the_store_is_read_only(outdir) -> None:
    with GraphStore.open(outdir) as gs, pytest.raises((OSError, RuntimeError)):
        gs.store.add(ox.Quad(ox.NamedNode(f"{EX}z"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}z")))
        gs.store.flush()
    with GraphStore.open(outdir) as gs:
        assert count(gs) == 2


def test_several_processes_opening_at_once_share_one_store(outdir) -> None:
    code = (
        "import sys; from kg.sparql.store import GraphStore\n"
        "with GraphStore.open(sys.argv[1]) as gs:\n"
        "    print(gs.info.triples, gs.info.path.name)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(outdir)], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(outputs)) == 1 and outputs[0].startswith("2 store-")
    assert store_dirs(outdir) == [outputs[0].split()[1]]


@pytest.mark.parametrize("fmt", ["nquads", "trig", "ntriples", "jsonld"])
def test_every_export_format_gives_the_triples_of_the_turtle_export(tmp_path, fmt) -> None:
    """The store of a quad export answers plain patterns exactly as the Turtle export's
    (each triple once), and keeps the documents' graphs for GRAPH queries."""
    from conftest import make_extraction

    from kg.export import rdf
    from kg.config import Settings

    ex, settings = make_extraction(), Settings()
    rdf.write_rdf(ex, tmp_path / "ttl" / "graph.ttl", "turtle", settings=settings)
    other = tmp_path / fmt
    rdf.write_rdf(ex, other / rdf.EXPORT_FORMATS[fmt].file, fmt, settings=settings)
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    with GraphStore.open(tmp_path / "ttl") as a, GraphStore.open(other) as b:
        assert b.info.export.name == rdf.EXPORT_FORMATS[fmt].file
        assert a.info.triples == b.info.triples > 100
        assert set(a.store.query(everything)) == set(b.store.query(everything))
        graphs = {s["g"].value for s in b.store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    if rdf.EXPORT_FORMATS[fmt].quads:
        assert graphs == {str(rdf.document_iri(dx.doc.id)) for dx in ex.docs}
    else:
        assert graphs == set()
