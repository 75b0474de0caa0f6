"""A small typed corpus for the graph file tests: the toy corpus of ``analysis_toy`` with a
hostile name, a place with an adcode and typed relations, two of them parallel."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from analysis_toy import D1, D2, EVIL, A, B, D, toy_doc, toy_extraction

from kg.analysis import analyze, write_analysis
from kg.config import AnalysisSettings
from kg.model import Evidence, Extraction, Relation

E = f"person/{EVIL}"
#: the adcode of the place D: digits, which a reader guessing types would turn into a number
ADCODE = "110000"


def _ev(doc: str, sentence: int, rule: str) -> Evidence:
    return Evidence(doc, sentence, 0, 3, "", rule)


def typed_extraction() -> Extraction:
    """D1, D2 and a document naming the hostile person; D is a Place with an adcode.

    Relations: A met B (3 sentences, 2 documents), A cooperates_with B (parallel to met),
    A visited D, and the hostile person visited D.
    """
    evil_doc = toy_doc("evil", "2024-02-11", [[["E", "A"], ["E", "D"]]])
    relations = (
        Relation(A, "met", B, (_ev("d1", 0, "met.verb"), _ev("d2", 0, "met.verb"), _ev("d2", 1, "met.verb"))),
        Relation(A, "cooperates_with", B, (_ev("d1", 2, "cooperates.verb"),)),
        Relation(A, "visited", D, (_ev("d2", 3, "visited.verb"), _ev("evil", 1, "visited.place"))),
        Relation(E, "visited", D, (_ev("evil", 1, "visited.verb"),)),
    )
    ex = toy_extraction([D1, D2, evil_doc], relations)
    entities = tuple(
        dataclasses.replace(e, type="Place", attrs=(("adcode", ADCODE),)) if e.id == D else e
        for e in ex.entities
    )
    return dataclasses.replace(ex, entities=entities)


def written_typed(out: Path):
    """The typed corpus analysed and written to ``out``; returns ``(out, analysis)``."""
    an = analyze(typed_extraction(), AnalysisSettings(duplicates=0))
    write_analysis(an, out)
    return out, an
