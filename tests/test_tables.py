"""Tests of kg.export.tables: documents JSONL, entity/relation CSVs, manifest."""

from __future__ import annotations

import csv
import dataclasses
import json
from urllib.parse import unquote

import pytest
from conftest import BEIJING, D1, D2, D3, EVIL, EVIL_ORG, HUAWEI, MACRON, XI

from kg.config import Settings
from kg.model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, FileRecord
from kg.export.tables import (
    ENTITY_COLUMNS,
    RELATION_COLUMNS,
    table_ids,
    write_documents_jsonl,
    write_entities_csv,
    write_manifest,
    write_relations_csv,
)


@pytest.fixture
def tid(extraction):
    """The tables' id of each fixture entity (the id in the RDF: ``person/习近平``)."""
    ids = table_ids(extraction)
    return lambda entity_id: ids[entity_id][0]


def read_csv(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r\n" not in raw
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- documents.jsonl ---------------------------------------------------------------


@pytest.fixture
def documents(extraction, tmp_path):
    path = tmp_path / "documents.jsonl"
    write_documents_jsonl(extraction, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return text, [json.loads(line) for line in text.splitlines()]


def test_one_line_per_document_in_order(documents):
    _, rows = documents
    assert [r["doc"] for r in rows] == [D1, D2, D3]
    assert list(rows[0]) == ["doc", "title", "date", "script", "entities", "relations"]
    assert rows[0]["title"] == "习近平会见法国总统马克龙"
    assert rows[0]["date"] == "2024-11-05"


def test_not_ascii_escaped(documents):
    text, _ = documents
    assert "习近平" in text


def test_entities_sorted_by_type_then_name(documents):
    _, rows = documents
    ents = rows[1]["entities"]
    keys = [(ENTITY_TYPES.index(e["type"]), e["name"]) for e in ents]
    assert keys == sorted(keys)
    assert ents[0] == {"name": "王毅", "type": "Person", "aliases": []}
    assert {"name": "中国国际进口博览会", "type": "Event", "aliases": ["进博会"]} in ents


def test_document_level_names(documents):
    _, rows = documents
    evil = rows[2]
    assert {e["name"] for e in evil["entities"]} == {"华为", EVIL}
    (rel,) = evil["relations"]
    assert rel["head"] == "华为" and rel["tail"] == EVIL and rel["type"] == "cooperates_with"
    assert "<script>alert(1)</script>" in rel["evidence"]
    assert rel["rule"] == "cooperate_verb"


def test_relations_with_first_evidence(documents):
    _, rows = documents
    rels = rows[0]["relations"]
    assert list(rels[0]) == ["head", "type", "tail", "evidence", "rule"]
    met = next(r for r in rels if r["type"] == "met")
    assert met["evidence"].startswith("新华社北京11月5日电")
    assert met["rule"] == "meet_verb"
    # Ordered by the sentence of their first evidence.
    assert [r["type"] for r in rels] == ["met", "visited", "proposed"]


# --- entities.csv ------------------------------------------------------------------


def test_entities_csv(extraction, tmp_path, tid):
    path = tmp_path / "entities.csv"
    write_entities_csv(extraction, path)
    rows = read_csv(path)
    assert tuple(rows[0]) == ENTITY_COLUMNS
    assert len(rows) == len(extraction.entities)
    by_id = {r["id"]: r for r in rows}
    assert tid(BEIJING) == "place/cn-110000" and tid(XI) == "person/习近平"
    bj = by_id[tid(BEIJING)]
    assert (bj["type"], bj["name"], bj["aliases"], bj["mentions"], bj["documents"]) == (
        "Place",
        "北京",
        "北京市",
        "2",
        "1",
    )
    assert (bj["adcode"], bj["parent"], bj["lon"], bj["lat"]) == ("110000", "CN", "116.405285", "39.904989")
    assert bj["iri"] == "https://w3id.org/kg-news/id/place/cn-110000"
    assert by_id[tid(EVIL_ORG)]["name"] == EVIL
    assert by_id[tid(EVIL_ORG)]["aliases"] == '"quotes" & ampersands'
    assert by_id[tid(MACRON)]["adcode"] == ""
    types = [ENTITY_TYPES.index(r["type"]) for r in rows]
    assert types == sorted(types)


@pytest.mark.parametrize("name", ["逗号, 分隔", '引号"里"', "换行\n第二行", 'all, of "them"\n'])
def test_awkward_names_survive_csv(extraction, tmp_path, name):
    e = dataclasses.replace(extraction.entities[0], name=name, aliases=("a,b", 'c"d'))
    ex = dataclasses.replace(extraction, entities=(e, *extraction.entities[1:]))
    ent_path, rel_path = tmp_path / "e.csv", tmp_path / "r.csv"
    write_entities_csv(ex, ent_path)
    write_relations_csv(ex, rel_path)
    table_id = table_ids(ex)[e.id][0]
    assert table_id == f"{e.type.lower()}/{name}"
    row = next(r for r in read_csv(ent_path) if r["id"] == table_id)
    assert row["name"] == name
    assert row["aliases"] == 'a,b|c"d'
    sources = {r["source_name"] for r in read_csv(rel_path) if r["source"] == table_id}
    targets = {r["target_name"] for r in read_csv(rel_path) if r["target"] == table_id}
    assert sources | targets == {name}


# --- relations.csv -----------------------------------------------------------------


@pytest.fixture
def relation_rows(extraction, tmp_path):
    path = tmp_path / "relations.csv"
    write_relations_csv(extraction, path)
    return read_csv(path)


def test_relations_csv_columns_and_size(relation_rows, extraction):
    assert tuple(relation_rows[0]) == RELATION_COLUMNS
    assert len(relation_rows) == len(extraction.relations) + len(extraction.cooccurrences)
    typed = [r for r in relation_rows if r["relation"] != COOCCURS]
    ranks = [RELATION_TYPES.index(r["relation"]) for r in typed]
    assert ranks == sorted(ranks)
    # Typed relations come first, co-occurrences after.
    kinds = [r["relation"] == COOCCURS for r in relation_rows]
    assert kinds == sorted(kinds)


def test_typed_relation_row(relation_rows, tid):
    met = next(r for r in relation_rows if r["relation"] == "met")
    assert (met["source"], met["source_name"], met["target"], met["target_name"]) == (
        "person/习近平",
        "习近平",
        tid(MACRON),
        "马克龙",
    )
    assert met["weight"] == "2"
    assert met["evidence_sentences"] == "2"
    assert met["documents"] == "1"
    assert met["pmi"] == met["npmi"] == ""
    assert met["rule"] == "meet_context|meet_verb"
    assert met["first_evidence"] == f"{D1}:新华社北京11月5日电 国家主席习近平5日在北京会见法国总统马克龙。"


def test_cooccurrence_row(relation_rows, tid):
    co = next(
        r
        for r in relation_rows
        if r["relation"] == COOCCURS and r["source"] == tid(XI) and r["target"] == tid(MACRON)
    )
    assert co["weight"] == "2"
    assert co["documents"] == "1"
    assert co["pmi"] == "1.234568"
    assert co["npmi"] == "0.512346"
    assert co["rule"] == "cooccurrence"
    assert co["first_evidence"].startswith(f"{D1}:新华社")
    evil = next(r for r in relation_rows if r["relation"] == COOCCURS and r["source"] == tid(HUAWEI))
    assert evil["target_name"] == EVIL
    assert "<script>alert(1)</script>" in evil["first_evidence"]


# --- tables for Excel, codes, names and ids shared with the analysis and the RDF ----------------------


def test_excel_tables_have_a_bom_and_crlf(extraction, tmp_path):
    for name, write in (("entities.csv", write_entities_csv), ("relations.csv", write_relations_csv)):
        plain, excel = tmp_path / "plain" / name, tmp_path / "excel" / name
        write(extraction, plain)
        write(extraction, excel, excel=True)
        raw = excel.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + b"id,name,type," if name == "entities.csv" else b"\xef\xbb\xbfsource,")
        # every line ends in CRLF (no value of the fixture holds a line break)
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        # the same table once the mark and the line ends are read: read_csv checks the plain one has neither
        with open(excel, encoding="utf-8-sig", newline="") as f:
            assert list(csv.DictReader(f)) == read_csv(plain)


def test_a_line_break_inside_a_value_survives_excel(extraction, tmp_path):
    e = dataclasses.replace(extraction.entities[0], name="换行\n第二行")
    path = tmp_path / "entities.csv"
    write_entities_csv(dataclasses.replace(extraction, entities=(e, *extraction.entities[1:])), path, excel=True)
    with open(path, encoding="utf-8-sig", newline="") as f:
        assert "换行\n第二行" in {r["name"] for r in csv.DictReader(f)}


def test_adcode_is_text_for_csv_and_pandas(extraction, tmp_path, tid):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "entities.csv"
    write_entities_csv(extraction, path, excel=True)
    # in the file: the six digits, never a float, the empty ones empty
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert any(",110000,CN," in line for line in lines)
    assert not any(".0," in line for line in lines)
    # the README's way: pandas with a dtype for the code columns
    table = pd.read_csv(path, dtype={"adcode": "string", "parent": "string"}).set_index("id")
    assert table.loc[tid(BEIJING), "adcode"] == "110000"
    assert table.loc[tid(BEIJING), "parent"] == "CN"
    assert pd.isna(table.loc[tid(MACRON), "adcode"])
    # without the dtype pandas guesses a float, which is why the README gives it
    assert pd.read_csv(path).set_index("id").loc[tid(BEIJING), "adcode"] == 110000.0


def test_entity_and_edge_tables_share_column_names(tmp_path):
    from analysis_toy import sample_corpus_analysis

    from kg.analysis import write_analysis

    ex, an = sample_corpus_analysis()  # the sample corpus, extracted and analysed
    write_entities_csv(ex, tmp_path / "entities.csv")
    write_relations_csv(ex, tmp_path / "relations.csv")
    write_analysis(an, tmp_path)

    def header(name):
        with open(tmp_path / name, encoding="utf-8", newline="") as f:
            return tuple(next(csv.reader(f)))

    entity_tables = ("entities.csv", "analysis/nodes.csv")
    edge_tables = ("relations.csv", "analysis/relations.csv", "analysis/edges.csv")
    assert {header(n)[:3] for n in entity_tables} == {("id", "name", "type")}
    assert {header(n)[:5] for n in edge_tables} == {("source", "target", "relation", "source_name", "target_name")}
    # and the same ids: every entity and edge end of the analysis is an id of entities.csv
    ids = {r["id"] for r in read_csv(tmp_path / "entities.csv")}
    nodes = read_csv(tmp_path / "analysis/nodes.csv")
    assert nodes and {r["id"] for r in nodes} <= ids
    for name in edge_tables:
        rows = read_csv(tmp_path / name)
        assert rows and {r[c] for r in rows for c in ("source", "target")} <= ids, name
    edges = read_csv(tmp_path / "analysis/edges.csv")
    assert {r["relation"] for r in edges} == {COOCCURS}


def test_ids_are_the_rdf_ids(extraction, tmp_path):
    from rdflib import RDFS, Graph, Literal, URIRef

    from kg.export.rdf import ID, write_rdf

    write_entities_csv(extraction, tmp_path / "entities.csv")
    write_rdf(extraction, tmp_path / "graph.ttl")
    graph = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    rows = read_csv(tmp_path / "entities.csv")
    assert len(rows) == len(extraction.entities)
    for row in rows:
        iri = URIRef(row["iri"])
        assert (iri, RDFS.label, Literal(row["name"], lang="zh")) in graph, row
        # the IRI's local part, its percent-encoding undone (person/习近平, not person/%E4%B9%A0…)
        assert row["id"] == unquote(row["iri"].removeprefix(str(ID))), row
        assert row["id"].split("/")[0] == ("place" if row["type"] == "Place" else row["type"].lower())


def test_a_namesake_gets_the_rdf_id_in_every_table(extraction, tmp_path):
    from kg.export.rdf import ID, entity_iris
    from kg.model import Entity

    known = Entity("place/fr", "Place", "法国", attrs=(("ref", "FR"),), documents=(D1,))
    # an unknown place whose IRI would be the gazetteer place's: the RDF gives it a suffix
    unknown = Entity("place/fr~x", "Place", "fr", documents=(D2,))
    met = next(r for r in extraction.relations if r.type == "met")
    visit = dataclasses.replace(met, type="visited", tail=unknown.id)
    ex = dataclasses.replace(
        extraction, entities=(*extraction.entities, known, unknown), relations=(*extraction.relations, visit)
    )
    iris = entity_iris(ex)
    write_entities_csv(ex, tmp_path / "entities.csv")
    write_relations_csv(ex, tmp_path / "relations.csv")
    by_iri = {r["iri"]: r for r in read_csv(tmp_path / "entities.csv")}
    assert by_iri[str(iris[known.id])]["id"] == "place/fr"
    suffixed = by_iri[str(iris[unknown.id])]["id"]
    assert suffixed.startswith("place/fr--") and suffixed == str(iris[unknown.id])[len(str(ID)) :]
    visited = [r for r in read_csv(tmp_path / "relations.csv") if r["relation"] == "visited" and r["target_name"] == "fr"]
    assert [r["target"] for r in visited] == [suffixed]


# --- manifest.json -----------------------------------------------------------------

FILES = [
    FileRecord("corpus/002.md", "ok", "", "md", "utf-8", 1),
    FileRecord("corpus/001.txt", "ok", "", "txt", "utf-8", 1),
    FileRecord("corpus/evil.jsonl", "partial", "line 3: not JSON", "jsonl", "gb18030", 1),
    FileRecord("corpus/broken.pdf", "error", "not a supported format", "", "", 0),
]


def write(extraction, path, settings=None):
    write_manifest(
        path,
        files=FILES,
        ex=extraction,
        settings=settings or Settings(),
        backend_info={"backend": "rjieba", "version": "0.2.2"},
        versions={"kg": "0.1.0", "python": "3.11", "rdflib": "7"},
    )


def test_manifest(extraction, tmp_path):
    path = tmp_path / "manifest.json"
    write(extraction, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert sorted(data) == ["counts", "files", "homonym_candidates", "scripts", "segmenter", "settings", "versions"]
    assert [f["path"] for f in data["files"]] == sorted(f.path for f in FILES)
    evil = next(f for f in data["files"] if f["path"] == "corpus/evil.jsonl")
    assert evil == {
        "path": "corpus/evil.jsonl",
        "status": "partial",
        "reason": "line 3: not JSON",
        "format": "jsonl",
        "encoding": "gb18030",
        "documents": 1,
    }
    counts = data["counts"]
    assert counts["documents"] == 3
    assert counts["sentences"] == 9
    assert counts["entities"] == {
        "Person": 3,
        "Place": 2,
        "Organization": 2,
        "Enterprise": 1,
        "Initiative": 1,
        "Event": 1,
    }
    assert counts["entities_total"] == 10
    assert set(counts["relations"]) == set(RELATION_TYPES)
    assert counts["relations"]["part_of"] == 0
    assert counts["relations"]["met"] == 1
    assert counts["relations_total"] == len(extraction.relations)
    assert counts["cooccurrences"] == len(extraction.cooccurrences)
    # the fixture's documents were never extracted, so no script was told: simplified
    assert counts["scripts"] == {"simplified": 3}
    assert data["scripts"] == {}
    assert data["settings"] == Settings().as_dict()
    assert data["segmenter"]["backend"] == "rjieba"
    assert data["versions"]["kg"] == "0.1.0"
    # indent 2, sorted keys, no timestamps
    assert text.startswith('{\n  "counts": {')
    assert "time" not in text.lower()


def test_manifest_counts_given_or_counted_alike(extraction, tmp_path):
    # a build with a store hands the mentions per rule it counted while reading; an
    # extraction without the merge's sentence total has its sentences counted
    from kg.export.tables import manifest, mention_rules

    def counts(ex, rules=None):
        return manifest(files=FILES, ex=ex, settings=Settings(), backend_info={}, versions={}, rules=rules)["counts"]

    rules = mention_rules(extraction.docs)
    assert sum(rules.values()) == sum(len(dx.mentions) for dx in extraction.docs)
    assert counts(extraction, rules) == counts(extraction)
    assert counts(extraction, {"surname": 2, "gazetteer": 5})["entity_rules"] == {"gazetteer": 5, "surname": 2}
    unsummed = dataclasses.replace(extraction, sentence_total=0)
    assert counts(unsummed)["sentences"] == counts(extraction)["sentences"] == 9


def test_everything_deterministic(extraction, tmp_path):
    outputs = []
    for run in ("a", "b"):
        d = tmp_path / run
        write_documents_jsonl(extraction, d / "documents.jsonl")
        write_entities_csv(extraction, d / "entities.csv")
        write_relations_csv(extraction, d / "relations.csv")
        write(extraction, d / "manifest.json")
        outputs.append({p.name: p.read_bytes() for p in sorted(d.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 4


# --- the tables made as text: the csv and json modules' bytes ----------------------

AWKWARD = [
    "逗号, 分隔",
    '引号"里"',
    "换行\n第二行",
    "回车\r行",
    "crlf\r\n",
    " 前空格",
    "{大括号}",
    "",
    "a|b",
    "\t制表\x0b\x0c\x1c\x85\u2028",
]


def awkward_extraction(extraction):
    """The fixture with every text the CSV quotes or JSON escapes, in names, aliases,
    evidence, rules and documents; scores missing, infinite, not a number and zeros of
    both signs; a co-occurrence without evidence; a relation from an id that is no
    entity's; a namesake."""
    from kg.model import Cooccurrence, Entity, Evidence, Relation

    ents = [
        dataclasses.replace(
            e,
            name=f"{e.name}{AWKWARD[i % len(AWKWARD)]}",
            aliases=(*e.aliases, AWKWARD[(i + 3) % len(AWKWARD)]),
        )
        for i, e in enumerate(extraction.entities)
    ]
    twin = dataclasses.replace(ents[0], id="Person:twin", documents=(D3,))
    evidence = [Evidence(D1, i, i, i + 9, f"句{text}", f"rule{text}") for i, text in enumerate(AWKWARD)]
    docs = [
        dataclasses.replace(
            dx,
            doc=dataclasses.replace(dx.doc, title=f"{dx.doc.title}\\\x00\x7f\u2028😀{AWKWARD[i]}"),
            entities=tuple(
                de._replace(name=de.name + AWKWARD[j % len(AWKWARD)])
                for j, de in enumerate(dx.entities)
            ),
            relations=(
                *dx.relations,
                dataclasses.replace(dx.relations[0], evidence=tuple(evidence[::-1])),
                dataclasses.replace(dx.relations[0], type="met", evidence=()),
            ),
        )
        for i, dx in enumerate(extraction.docs)
    ]
    scores = [None, float("nan"), float("inf"), -0.0, 0.0, 1e-7, -0.0, 0.0]
    cooccurrences = [
        Cooccurrence(
            e.id,
            "Z:" + e.id,
            1 + i,
            1,
            scores[i % len(scores)],
            scores[(i + 1) % len(scores)],
            (evidence[i % len(evidence)],),
        )
        for i, e in enumerate(ents)
    ]
    # one sentence under two rules: the first evidence is the first rule's, though its
    # text sorts last
    one_sentence = (Evidence(D2, 4, 0, 5, "乙句", "b"), Evidence(D2, 4, 0, 5, "甲句", "a"))
    cooccurrences += [
        Cooccurrence(XI, MACRON, 3, 2, 0.5, None, tuple(evidence)),
        Cooccurrence(XI, BEIJING, 0, 0, None, None, ()),
        Cooccurrence(MACRON, BEIJING, 2, 1, 0.5, 0.5, one_sentence[::-1]),
    ]
    relations = (*extraction.relations, Relation("Nobody:无名, 氏", "met", XI, tuple(evidence[:3])))
    return dataclasses.replace(
        extraction,
        docs=tuple(docs),
        entities=(
            *ents,
            twin,
            Entity("Place:lone", "Place", "无名地", (), 0, (), (("lat", "1,5"), ("lon", '"2"'))),
        ),
        relations=relations,
        cooccurrences=tuple(cooccurrences),
    )


def csv_module_tables(ex, excel):
    """entities.csv and relations.csv as the csv module writes their rows, spelt out."""
    from kg.export.csvtext import write_csv
    from kg.export.tables import _score
    from kg.graph import relation_rank, sorted_evidence, type_rank

    def _first_evidence(evidence):
        first = sorted_evidence(evidence, 1)
        return f"{first[0].doc}:{first[0].text}" if first else ""

    ids = table_ids(ex)
    entity_rows = [
        (
            ids[e.id][0],
            e.name,
            e.type,
            ids[e.id][1],
            "|".join(e.aliases),
            e.mentions,
            len(e.documents),
            e.attr("adcode"),
            e.attr("parent"),
            e.attr("lon"),
            e.attr("lat"),
        )
        for e in sorted(ex.entities, key=lambda e: (type_rank(e.type), e.type, e.name, e.id))
    ]
    names = {e.id: e.name for e in ex.entities}
    tid = {eid: table_id for eid, (table_id, _iri) in ids.items()}
    relation_rows = [
        (
            tid.get(r.head, r.head),
            tid.get(r.tail, r.tail),
            r.type,
            names.get(r.head, ""),
            names.get(r.tail, ""),
            r.weight,
            len({(e.doc, e.sentence) for e in r.evidence}),
            len({e.doc for e in r.evidence}),
            "",
            "",
            "|".join(sorted({e.rule for e in r.evidence if e.rule})),
            _first_evidence(r.evidence),
        )
        for r in sorted(ex.relations, key=lambda r: (relation_rank(r.type), r.type, r.head, r.tail))
    ] + [
        (
            tid.get(c.a, c.a),
            tid.get(c.b, c.b),
            COOCCURS,
            names.get(c.a, ""),
            names.get(c.b, ""),
            c.count,
            len({(e.doc, e.sentence) for e in c.evidence}),
            c.documents,
            _score(c.pmi),
            _score(c.npmi),
            "|".join(sorted({e.rule for e in c.evidence if e.rule})),
            _first_evidence(c.evidence),
        )
        for c in sorted(ex.cooccurrences, key=lambda c: (c.a, c.b))
    ]
    return entity_rows, relation_rows, write_csv


@pytest.mark.parametrize("excel", [False, True])
def test_tables_are_the_bytes_the_csv_module_writes(extraction, tmp_path, excel):
    ex = awkward_extraction(extraction)
    entity_rows, relation_rows, write_csv = csv_module_tables(ex, excel)
    write_csv(tmp_path / "e0.csv", ENTITY_COLUMNS, entity_rows, excel=excel)
    write_csv(tmp_path / "r0.csv", RELATION_COLUMNS, relation_rows, excel=excel)
    write_entities_csv(ex, tmp_path / "e.csv", excel=excel)
    write_relations_csv(ex, tmp_path / "r.csv", excel=excel, ids=table_ids(ex))
    entities, relations = (tmp_path / "e.csv").read_bytes(), (tmp_path / "r.csv").read_bytes()
    assert entities == (tmp_path / "e0.csv").read_bytes()
    assert relations == (tmp_path / "r0.csv").read_bytes()
    # a lone \r: quoted where the line end holds one
    assert not excel or '回车\r行",'.encode() in relations
    assert b"-0.000000" in relations and b",0.000000" in relations
    assert len(relations.splitlines()) > len(ex.relations) + len(ex.cooccurrences)  # line breaks kept


def test_document_lines_are_the_json_of_the_records(extraction, tmp_path):
    from kg.export.tables import _document_line, document_record

    ex = awkward_extraction(extraction)
    for dx in ex.docs:
        assert (
            _document_line(dx) == json.dumps(document_record(dx), ensure_ascii=False, allow_nan=False) + "\n"
        )
    odd = dataclasses.replace(
        ex.docs[0], doc=dataclasses.replace(ex.docs[0].doc, title=None, date=3, script="")
    )
    assert _document_line(odd) == json.dumps(document_record(odd), ensure_ascii=False, allow_nan=False) + "\n"
    write_documents_jsonl(ex, tmp_path / "d.jsonl")
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").split("\n")
    assert [json.loads(line)["doc"] for line in lines[:-1]] == [D1, D2, D3] and lines[-1] == ""


@pytest.mark.parametrize("name", ["百分号%25", "..", ".", "a/b", "空 格", "😀", "", "x--y", "~-._"])
def test_a_table_id_is_the_iri_with_its_percent_encoding_undone(extraction, name):
    from kg.export.rdf import ID
    from kg.model import Entity

    ex = dataclasses.replace(
        extraction,
        entities=(
            *extraction.entities,
            Entity("P:1", "Person", name, documents=(D1,)),
            Entity("P:2", "Person", name, documents=(D2,)),  # a namesake: suffixed
            Entity("L:1", "Place", name, attrs=(("adcode", name),)),
            Entity("L:2", "Place", name, attrs=(("ref", f"cn:{name}"),)),
            Entity("L:3", "Place", name + "x", attrs=(("ref", f"US-{name}"),)),
        ),
    )
    ids = table_ids(ex)
    assert len({iri for _id, iri in ids.values()}) == len(ex.entities)
    for table_id, iri in ids.values():
        assert table_id == unquote(iri.removeprefix(str(ID))), iri
