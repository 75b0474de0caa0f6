"""Tests of kg.pipeline: the per-document step as the pipeline runs it and the whole build.

The end-to-end tests build the sample corpus (``data/corpus``, five files) once per module;
the invariants (offsets, evidence, co-occurrence counts) are checked on that build. The
merge's own properties are in tests/test_merge.py, the packed per-document result's in
tests/test_document.py.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from collections import defaultdict
from functools import partialmethod
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kg.config import Settings
from kg.extract.counted import counted_mentions
from kg.extract.document import pack
from kg.extract.entities import EntityFinder
from kg.model import SYMMETRIC, DocExtraction, Document, Evidence
from kg.pipeline import association, build, extract_document
from kg.read.inputs import read_inputs
from kg.read.text import SECTION_CHARS, clean_text, find_furniture
from kg.resources import default_data_dir

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLE = default_data_dir() / "corpus"
FIXTURE_CORPUS = HERE / "fixtures" / "corpus"
OUTPUTS = (
    "documents.jsonl", "entities.csv", "relations.csv", "graph.ttl", "graph.html", "places.geojson", "map.html",
    "manifest.json",
)


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    """One build of the sample corpus shared by the module: (BuildResult, output dir)."""
    out = tmp_path_factory.mktemp("sample-build")
    return build([SAMPLE], out, Settings()), out


def _all_evidence(dx: DocExtraction) -> list[Evidence]:
    return [ev for r in dx.relations for ev in r.evidence] + [ev for _pair, ev in dx.cooccurrences]


# --------------------------------------------------------------------------- end to end
def test_build_writes_every_output(sample_build) -> None:
    result, out = sample_build
    assert sorted(result.outputs) == sorted(OUTPUTS)
    for name in OUTPUTS:
        assert (out / name).is_file(), name
        assert (out / name).stat().st_size > 0, name
    # every stage reports its time
    assert set(result.timings) >= {"read", "load", "extract", "merge", "tables", "rdf", "html", "map"}


def test_documents_jsonl_one_line_per_file_named_by_stem(sample_build) -> None:
    _result, out = sample_build
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    assert sorted(r["doc"] for r in records) == sorted(p.stem for p in SAMPLE.glob("*.txt"))


def test_documents_jsonl_relations_name_entities_of_their_document(sample_build) -> None:
    _result, out = sample_build
    n_relations = 0
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        names = {e["name"] for e in record["entities"]}
        for rel in record["relations"]:
            n_relations += 1
            assert rel["head"] in names, (record["doc"], rel)
            assert rel["tail"] in names, (record["doc"], rel)
            assert rel["head"] != rel["tail"]
    assert n_relations > 0  # the sample corpus does state relations


def test_manifest_lists_every_file_ok_and_the_backend(sample_build) -> None:
    _result, out = sample_build
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert sorted(Path(f["path"]).name for f in files) == sorted(p.name for p in SAMPLE.iterdir())
    assert {f["status"] for f in files} == {"ok"}
    assert all(f["documents"] == 1 for f in files)
    assert manifest["segmenter"]["backend"] == "rjieba"
    assert manifest["settings"]["backend"] == "rjieba"
    assert manifest["counts"]["documents"] == 5


def test_two_builds_give_identical_bytes(sample_build, tmp_path) -> None:
    """A second build in a fresh interpreter with another hash seed writes the same bytes:
    no output depends on set or dict iteration order, on time or on the process."""
    _result, out = sample_build
    out2 = tmp_path / "again"
    code = "import sys; from kg.pipeline import build; build([sys.argv[1]], sys.argv[2])"
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])}
    subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(out2)], check=True, env=env, cwd=os.getcwd())
    for name in OUTPUTS:
        assert (out2 / name).read_bytes() == (out / name).read_bytes(), f"{name} differs between two builds"


def test_bad_files_are_recorded_and_the_run_goes_on(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes((FIXTURE_CORPUS / "a_visit.txt").read_bytes())
    (corpus / "undecodable.txt").write_bytes(b"\xff\xfe\xfa\x80\xff" * 20)
    (corpus / "empty.txt").write_bytes(b"")
    reported = []
    result = build([corpus], tmp_path / "out", Settings(), on_file_error=reported.append)
    status = {Path(f.path).name: f.status for f in result.files}
    assert status == {"good.txt": "ok", "undecodable.txt": "error", "empty.txt": "error"}
    assert sorted(Path(f.path).name for f in reported) == ["empty.txt", "undecodable.txt"]
    assert all(f.reason for f in reported)
    assert [dx.doc.id for dx in result.extraction.docs] == ["good"]
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).is_file()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {Path(f["path"]).name: f["status"] for f in manifest["files"]} == status


# --------------------------------------------------------------------------- invariants on the sample
def test_mention_offsets_index_the_document_text(sample_build) -> None:
    result, _out = sample_build
    n = 0
    for dx in result.extraction.docs:
        text = dx.doc.text
        for m in dx.mentions:
            assert text[m.start : m.end] == m.text, (dx.doc.id, m)
            sent = dx.sentences[m.sentence]
            assert sent.start <= m.start <= m.end <= sent.end, (dx.doc.id, m)
            n += 1
    assert n > 100


def test_sentences_index_the_document_text(sample_build) -> None:
    result, _out = sample_build
    for dx in result.extraction.docs:
        assert [s.index for s in dx.sentences] == list(range(len(dx.sentences)))
        for s in dx.sentences:
            assert dx.doc.text[s.start : s.end] == s.text


def test_evidence_is_the_sentence_and_covers_head_to_tail(sample_build) -> None:
    result, _out = sample_build
    for dx in result.extraction.docs:
        text = dx.doc.text
        evidence = _all_evidence(dx)
        assert evidence
        for ev in evidence:
            assert ev.doc == dx.doc.id
            sent = dx.sentences[ev.sentence]
            assert ev.text == text[sent.start : sent.end] == sent.text
            # the span (head..tail for relations, the sentence for co-occurrences) lies in it
            assert sent.start <= ev.start < ev.end <= sent.end, ev
            assert text[ev.start : ev.end] in ev.text


def test_document_relations_name_document_entities(sample_build) -> None:
    result, _out = sample_build
    for dx in result.extraction.docs:
        names = {e.name for e in dx.entities}
        assert {m.key for m in dx.mentions} <= names
        for r in dx.relations:
            assert r.head in names and r.tail in names, r
            assert r.evidence
        for (a, b), _ev in dx.cooccurrences:
            assert a < b and a in names and b in names


def test_corpus_relations_and_cooccurrences_name_corpus_entities(sample_build) -> None:
    ex = sample_build[0].extraction
    ids = {e.id for e in ex.entities}
    assert len(ids) == len(ex.entities)  # ids are unique
    assert set(ex.entity_of.values()) <= ids
    for r in ex.relations:
        assert r.head in ids and r.tail in ids and r.head != r.tail
        if r.type in SYMMETRIC:
            assert r.head < r.tail
    for c in ex.cooccurrences:
        assert c.a < c.b and c.a in ids and c.b in ids


def test_cooccurrence_count_is_the_number_of_shared_sentences(sample_build) -> None:
    """Computed again from the mentions that count (kg.extract.counted, tested in
    test_counted.py: no nested names such as the place inside 山西省委, nothing in a byline
    or credit such as 新华社北京…电). A sentence counts for a pair when it names both
    entities and at most ``max_cooccurrence_entities`` document entities in all. Sentences
    in page furniture may be left out (how much furniture a sentence may hold is
    kg.extract.relations' choice), so completeness is checked on the sentences that touch
    no furniture at all."""
    result, _out = sample_build
    ex = result.extraction
    limit = Settings().max_cooccurrence_entities
    named: dict[tuple[str, int], set[str]] = {}  # (doc, sentence) -> corpus ids named there
    expected: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    for dx in ex.docs:
        furniture = [(s, e) for s, e, _kind in find_furniture(dx.doc.text)]
        keys_in: dict[int, set[str]] = defaultdict(set)
        for m in counted_mentions(dx.doc, dx.mentions):
            keys_in[m.sentence].add(m.key)
        for index, keys in keys_in.items():
            if len(keys) > limit:
                continue
            ids = {ex.entity_of[(dx.doc.id, k)] for k in keys}
            named[(dx.doc.id, index)] = ids
            sent = dx.sentences[index]
            if any(s < sent.end and sent.start < e for s, e in furniture):
                continue
            for a, b in combinations(sorted(ids), 2):
                expected[(a, b)].add((dx.doc.id, index))
    got = {(c.a, c.b): c for c in ex.cooccurrences}
    assert len(got) > 100
    for (a, b), c in got.items():
        sentences = {(ev.doc, ev.sentence) for ev in c.evidence}
        # sound: each evidence sentence names both entities (and not too many others)
        for key in sentences:
            assert {a, b} <= named.get(key, set()), (a, b, key)
        # complete: every furniture-free sentence naming both is there
        assert expected.get((a, b), set()) <= sentences, (a, b)
        assert c.count == len(sentences) == len(c.evidence), (a, b)
        assert c.documents == len({d for d, _i in sentences}), (a, b)
    assert set(expected) <= set(got)
    # 新华通讯社 is only credited in the sample (新华社…电): an entity that co-occurs with nothing
    assert "organization/新华通讯社" in {e.id for e in ex.entities}
    assert not [pair for pair in got if "organization/新华通讯社" in pair]


def test_cooccurrence_scores_use_the_sentence_counts(sample_build) -> None:
    ex = sample_build[0].extraction
    assert ex.sentence_total == sum(len(dx.sentences) for dx in ex.docs)
    per_entity: dict[str, int] = defaultdict(int)
    for dx in ex.docs:
        for name, count in dx.sentence_counts:
            per_entity[ex.entity_of[(dx.doc.id, name)]] += count
    for c in ex.cooccurrences[:200]:
        assert (c.pmi, c.npmi) == association(c.count, per_entity[c.a], per_entity[c.b], ex.sentence_total)
        assert -1.0 <= c.npmi <= 1.0


# --------------------------------------------------------------------------- the per-document step
def test_doc_extraction_pickles(fixture_docs) -> None:
    for dx in fixture_docs:
        back = pickle.loads(pickle.dumps(dx, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == dx
        assert back.mentions and back.entities


def test_a_workers_result_pickles_in_at_most_three_bytes_per_character(tools) -> None:
    """What a worker process sends back for a real news document (packed, see
    kg.extract.document) pickles in at most 3 bytes per input character; the objects
    themselves take about 11, more than the document's UTF-8 text alone."""
    documents, _records = read_inputs([SAMPLE])
    for doc in documents:
        dx = extract_document(doc, tools)
        assert len(dx.mentions) > 50, doc.id
        objects = len(pickle.dumps(dx, protocol=5))
        packed = len(pickle.dumps(pack(dx), protocol=5))
        assert objects > 3 * len(doc.text)
        assert packed <= 3 * len(doc.text), (doc.id, packed / len(doc.text))


def test_extract_document_is_a_function_of_its_input(fixture_docs, tools) -> None:
    for dx in fixture_docs:
        assert extract_document(dx.doc, tools) == dx


def test_fixture_corpus_finds_what_it_was_written_for(fixture_docs) -> None:
    found = {(dx.doc.id, e.type, e.name) for dx in fixture_docs for e in dx.entities}
    for expected in [
        ("a_visit", "Person", "习近平"),
        ("a_visit", "Person", "马克龙"),
        ("b_expo", "Enterprise", "华为技术有限公司"),
        ("c_local", "Person", "常书铭"),
        ("c_local", "Enterprise", "山西新元煤炭有限责任公司"),
    ]:
        assert expected in found
    rels = {(dx.doc.id, r.head, r.type, r.tail) for dx in fixture_docs for r in dx.relations}
    assert ("c_local", "常书铭", "holds_position", "晋中市委") in rels


_ALPHABET = st.sampled_from(
    list("习近平会见马克龙在北京上海晋中市委书记常书铭华为技术有限公司与签署合作，。、！\n 《》“”")
)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(_ALPHABET, min_size=1, max_size=120))
def test_offsets_hold_on_any_text(tools, raw: str) -> None:
    text = clean_text(raw)
    if not text:
        return
    dx = extract_document(Document(id="h", text=text), tools)
    for s in dx.sentences:
        assert text[s.start : s.end] == s.text
    for m in dx.mentions:
        assert text[m.start : m.end] == m.text
    names = {e.name for e in dx.entities}
    for r in dx.relations:
        assert r.head in names and r.tail in names
    for ev in _all_evidence(dx):
        sent = dx.sentences[ev.sentence]
        assert ev.text == sent.text and sent.start <= ev.start <= ev.end <= sent.end


# --------------------------------------------------------------------------- long documents
def _sample_text() -> str:
    documents, _records = read_inputs([SAMPLE])
    return "\n".join(d.text for d in documents)


def test_a_news_document_read_in_sections_gives_the_same_extraction(tools, monkeypatch) -> None:
    # sections of 600 characters instead of 100,000: every mention, entity, relation and
    # co-occurrence is the one the whole text gives
    text = _sample_text()
    whole = extract_document(Document(id="d", text=text), tools)
    cut = partialmethod(EntityFinder.find_sections, size=600, margin=100)
    monkeypatch.setattr(EntityFinder, "find_sections", cut)
    assert extract_document(Document(id="d", text=text), tools) == whole


def test_a_long_document_is_read_in_sections_with_true_offsets(tools) -> None:
    # the sample corpus four times over, past SECTION_CHARS: read in sections
    one = _sample_text()
    text = "\n".join([one] * 4)
    assert len(text) > SECTION_CHARS
    dx = extract_document(Document(id="long", text=text), tools)
    for m in dx.mentions:
        assert text[m.start : m.end] == m.text
    for s in dx.sentences:
        assert text[s.start : s.end] == s.text
    for ev in _all_evidence(dx):
        sent = dx.sentences[ev.sentence]
        assert ev.text == sent.text and sent.start <= ev.start <= ev.end <= sent.end
    # each copy is read as the text alone is read
    alone = extract_document(Document(id="one", text=one), tools)
    step = len(one) + 1

    def spans(mentions, shift):
        return sorted((m.start - shift, m.end - shift, m.type, m.rule) for m in mentions)

    for k in range(4):
        copy = [m for m in dx.mentions if k * step <= m.start < k * step + len(one)]
        assert spans(copy, k * step) == spans(alone.mentions, 0)


def test_workers_give_the_same_outputs(tmp_path) -> None:
    """The per-document step in a process pool writes the same files as in this process
    (the manifest differs only in the recorded ``workers`` setting)."""
    one, two = tmp_path / "one", tmp_path / "two"
    build([FIXTURE_CORPUS], one, Settings(workers=1))
    build([FIXTURE_CORPUS], two, Settings(workers=2))
    for name in OUTPUTS[:-1]:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    m1, m2 = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (one, two))
    assert (m1["settings"].pop("workers"), m2["settings"].pop("workers")) == (1, 2)
    assert m1 == m2


# --------------------------------------------------------------------------- exports side by side
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
#: The writers of the export stage, as kg.export.stage calls them (module, function).
WRITERS = (("kg.export.tables", "write_documents_jsonl"), ("kg.export.rdf", "write_exports"),
           ("kg.export.html", "write_html"), ("kg.export.geo", "write_map"))


def _wrap_writers(monkeypatch, act, *, child_only: bool) -> None:
    """Every writer of WRITERS calls ``act(name)`` first: in every process, or in a forked
    export process only (each lane of two has at least one of them)."""
    import importlib

    parent = os.getpid()
    for module, name in WRITERS:
        original = getattr(importlib.import_module(module), name)

        def wrapped(*args, original=original, name=name, **kwargs):
            if not child_only or os.getpid() != parent:
                act(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(f"{module}.{name}", wrapped)


@needs_fork
def test_exports_written_side_by_side_are_the_serial_bytes(tmp_path, monkeypatch) -> None:
    """One, two or three processes write the same files (the store's copy of the merged
    corpus included), and the progress shows each export stage once, in order."""
    log = tmp_path / "writers.log"

    def note(name: str) -> None:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{name} {os.getpid()}\n")

    _wrap_writers(monkeypatch, note, child_only=False)
    results = {}
    for jobs in (1, 2, 3):
        calls: list[tuple[str, int, int | None]] = []
        results[jobs] = build([SAMPLE], tmp_path / f"jobs{jobs}", export_jobs=jobs, store=True,
                              progress=lambda *call, calls=calls: calls.append(call))
        ended = [stage for stage, done, total in calls if total is not None and done >= total]
        assert ended == ["read", "load", "extract", "merge", "tables", "rdf", "html", "map"]
        exports = ("tables", "rdf", "html", "map")  # each started, then ended, one at a time
        assert [c for c in calls if c[0] in exports] == [(s, 0, t) for s in exports for t in (None, 0)]
        pids = {line.split()[1] for line in log.read_text(encoding="utf-8").splitlines()}
        # one process; this one (the page, with the store's copy) and a child (the tables,
        # the RDF, the map); with three, this one and two children each write files
        assert (len(pids), str(os.getpid()) in pids) == {1: (1, True), 2: (2, True), 3: (3, True)}[jobs], pids
        log.unlink()
    for jobs in (2, 3):
        for name in results[1].outputs[:-1]:
            assert (tmp_path / f"jobs{jobs}" / name).read_bytes() == (tmp_path / "jobs1" / name).read_bytes(), name
        # the corpus list too, but for its export key, a hash of kg's source (which may change
        # between two builds in a checkout being edited)
        one, other = ((tmp_path / f"jobs{n}" / ".kg-corpus.jsonl").read_text(encoding="utf-8").split("\n", 1)
                      for n in (1, jobs))
        assert {**json.loads(one[0]), "export": ""} == {**json.loads(other[0]), "export": ""} and one[1] == other[1]
        assert results[jobs].outputs == results[1].outputs  # in the serial order
    assert results[1].outputs[-1] == ".kg-corpus.jsonl" and "graph.html" in results[1].outputs
    import sqlite3
    from contextlib import closing

    def merged(out: Path) -> list:
        """The rows of the merged corpus kept in ``out``'s store (without the slot, named for ``out``)."""
        rows = []
        with closing(sqlite3.connect(out / ".kg-store" / "extractions.sqlite")) as db:
            for table in ("merged_adj", "merged_pairs", "merged_docs", "merged_mentions"):
                cursor = db.execute(f"SELECT * FROM {table}")
                named = [d[0] != "key" for d in cursor.description]
                rows.append(sorted(tuple(v for v, keep in zip(r, named) if keep) for r in cursor))
        return rows

    assert merged(tmp_path / "jobs2") == merged(tmp_path / "jobs1")  # what kg view -d reads


@needs_fork
def test_a_failure_in_the_export_process_fails_the_build_as_here(tmp_path, monkeypatch) -> None:
    """A full disk met by the forked export process gives the serial build's one-line
    error, and the output folder stays as it was, with nothing left beside it."""
    import errno

    from kg.errors import show_path
    from kg.publish import OutputError

    out = tmp_path / "out"
    build([SAMPLE], out, export_jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(_name: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    messages = {}
    for jobs in (1, 2):
        with monkeypatch.context() as m:
            _wrap_writers(m, full, child_only=jobs > 1)
            with pytest.raises(OutputError) as caught:
                build([SAMPLE], out, export_jobs=jobs)
        messages[jobs] = str(caught.value)
    shown = show_path(out)
    assert messages[2] == messages[1] == f"{shown}: cannot write: No space left on device; {shown} was left as it was"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(os.listdir(tmp_path)) == ["out"]  # no staging folder, no lock file


@needs_fork
def test_a_killed_export_process_fails_the_build_and_is_waited_for(tmp_path, monkeypatch) -> None:
    import signal

    from kg.publish import OutputError

    out = tmp_path / "out"
    build([SAMPLE], out, export_jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    pid_file = tmp_path / "child.pid"

    def die(_name: str) -> None:
        pid_file.write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)

    _wrap_writers(monkeypatch, die, child_only=True)
    with pytest.raises(OutputError) as caught:
        build([SAMPLE], out, export_jobs=2)
    assert re.fullmatch(r".*/out: cannot write: the process writing [a-z, ]+ \(pid \d+\) was killed by SIGKILL; "
                        r".*/out was left as it was", str(caught.value)), str(caught.value)
    with pytest.raises(ProcessLookupError):  # waited for: not even a zombie is left
        os.kill(int(pid_file.read_text()), 0)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(os.listdir(tmp_path)) == ["child.pid", "out"]


def test_export_jobs_1_writes_every_export_in_this_process(tmp_path, monkeypatch) -> None:
    """``kg build --export-jobs 1``: no process is forked."""
    from click.testing import CliRunner

    import kg.export.stage
    from kg.cli import main

    lanes = []
    real = kg.export.stage.side_by_side
    monkeypatch.setattr(kg.export.stage, "side_by_side", lambda tasks, plan, done: (lanes.append(plan),
                                                                                   real(tasks, plan, done)))
    args = ["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--no-store", "-q"]
    assert CliRunner().invoke(main, [*args, "--export-jobs", "1"]).exit_code == 0
    assert lanes == [[[0, 1, 2, 3, 4]]]
    assert CliRunner().invoke(main, [*args, "--export-jobs", "0"]).exit_code == 2  # a usage error
