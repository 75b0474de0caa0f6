"""The toy corpus the tests of kg.analysis share, and helpers to read its tables.

The toy corpus (sentence window), entities A, B, C, D (people 甲, 乙, 丙, 丁):

    d1 (2024-01-05)  paragraph 0: s0 {A, B}       s1 {A}
                     paragraph 1: s2 {A, B, C}    s3 {}
    d2 (2024-02-10)  paragraph 0: s0 {B, C}       s1 {A}
                     paragraph 1: s2 {D}          s3 {A, D}

gives n = 8 units; n_A = 5, n_B = 3, n_C = 2, n_D = 2; pairs AB = 2, BC = 2, AC = 1,
AD = 1. Each pair of a unit naming k entities weighs 1/(k-1): AB = 1 + 1/2 = 1.5,
BC = 1/2 + 1 = 1.5, AC = 1/2, AD = 1.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.analysis import analyze, write_analysis
from kg.config import AnalysisSettings, load_settings
from kg.model import (
    DocEntity,
    DocExtraction,
    Document,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Sentence,
)

EVIL = '<script>alert(1)</script> "quotes" & ampersands'
NAMES = {"A": "甲", "B": "乙", "C": "丙", "D": "丁", "E": EVIL}


def toy_doc(doc_id: str, date: str, paragraphs: list[list[list[str]]], filler: str = "说") -> DocExtraction:
    """A document whose sentences name the given entities (by letter), in order."""
    text, sentences, mentions = "", [], []
    counts: dict[str, int] = {}
    for p, para in enumerate(paragraphs):
        if p:
            text += "\n"
        for letters in para:
            start = len(text)
            spans = []
            for letter in letters:
                name = NAMES.get(letter, letter)
                spans.append((len(text), len(text) + len(name), name))
                text += name + "，"
            text += filler + "。"
            index = len(sentences)
            sentences.append(Sentence(index, start, len(text), text[start:], p))
            for s, e, name in spans:
                mentions.append(Mention(s, e, name, "Person", index, "lexicon", name, name))
                counts[name] = counts.get(name, 0) + 1
    doc = Document(doc_id, text, date=date, title=f"标题 {doc_id}")
    entities = tuple(DocEntity(n, "Person", (), c) for n, c in sorted(counts.items()))
    return DocExtraction(doc, tuple(sentences), tuple(mentions), entities, ())


def toy_extraction(docs: list[DocExtraction], relations: tuple[Relation, ...] = ()) -> Extraction:
    entity_of = {(dx.doc.id, e.name): f"person/{e.name}" for dx in docs for e in dx.entities}
    by_id: dict[str, list[str]] = {}
    for (doc_id, _name), eid in entity_of.items():
        by_id.setdefault(eid, []).append(doc_id)
    entities = tuple(
        Entity(eid, "Person", eid.split("/", 1)[1], (), 1, tuple(sorted(set(d))))
        for eid, d in sorted(by_id.items())
    )
    return Extraction(tuple(docs), entities, relations, (), entity_of)


D1 = toy_doc("d1", "2024-01-05", [[["A", "B"], ["A"]], [["A", "B", "C"], []]])
D2 = toy_doc("d2", "2024-02-10", [[["B", "C"], ["A"]], [["D"], ["A", "D"]]])
A, B, C, D = (f"person/{NAMES[x]}" for x in "ABCD")


def toy(**settings) -> tuple[Extraction, object]:
    relation = Relation(
        A,
        "met",
        B,
        (
            Evidence("d1", 0, 0, 3, "", "r"),
            Evidence("d2", 0, 0, 3, "", "r"),
            Evidence("d2", 1, 0, 3, "", "r"),
        ),
    )
    ex = toy_extraction([D1, D2], (relation,))
    return ex, analyze(ex, AnalysisSettings(duplicates=0, **settings))


def edge(layer, a: str, b: str) -> dict:
    cols = layer.edges
    for i in range(len(cols["a"])):
        if {cols["a"][i], cols["b"][i]} == {a, b}:
            return {k: v[i] for k, v in cols.items()}
    raise KeyError((a, b))


def node(layer, eid: str) -> dict:
    return next(row for row in layer.nodes if row["id"] == eid)


def written_toy(out: Path) -> tuple[Path, object]:
    """The toy corpus with a hostile document, analysed by month and written to ``out``."""
    evil_doc = toy_doc("evil", "2024-02-11", [[["E", "A"], ["E", "D"]]])
    ex = toy_extraction([D1, D2, evil_doc])
    an = analyze(ex, AnalysisSettings(duplicates=0, by="month"))
    write_analysis(an, out)
    return out, an


@lru_cache(maxsize=1)
def sample_corpus_analysis():
    """The extraction and analysis of the sample corpus (once per test process)."""
    from kg.pipeline import default_corpus, extract_all, make_tools, merge
    from kg.read.inputs import read_inputs

    tools = make_tools(load_settings())
    docs, _files = read_inputs([default_corpus()])
    ex = merge(extract_all(docs, tools), tools.resources, tools.settings)
    return ex, analyze(ex)
