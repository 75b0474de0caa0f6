"""Tests of kg.merge: per-document extractions merged into corpus entities, relations
and co-occurrences, on the small fixture documents (``tests/fixtures/corpus``) and on
documents built in the tests (the ``tools`` and ``fixture_docs`` fixtures of
tests/conftest.py)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pytest

from kg.config import Settings
from kg.extract.document import extract_document
from kg.merge import association, merge
from kg.model import SYMMETRIC, DocEntity, DocExtraction, Document, Evidence, Extraction


# --------------------------------------------------------------------------- association
@pytest.mark.parametrize(
    ("pair", "a", "b", "total", "expected"),
    [
        # always together: p(x,y) = p(x) = p(y)
        (2, 2, 2, 4, (1.0, 1.0)),
        (4, 4, 4, 16, (2.0, 1.0)),
        # independent: p(x,y) = p(x) p(y) = 1/8
        (1, 2, 4, 8, (0.0, 0.0)),
        (2, 4, 4, 8, (0.0, 0.0)),
        # twice as often as chance: pmi 1, npmi 1 / -log2(1/8)
        (1, 2, 2, 8, (1.0, 0.333333)),
        # half as often as chance
        (1, 4, 4, 8, (-1.0, -0.333333)),
        # in every unit: pmi 0, npmi defined as 1
        (3, 3, 3, 3, (0.0, 1.0)),
        # never together, or nothing counted: npmi -1
        (0, 2, 2, 8, (0.0, -1.0)),
        (1, 0, 2, 8, (0.0, -1.0)),
        (1, 1, 1, 0, (0.0, -1.0)),
    ],
)
def test_association(pair, a, b, total, expected) -> None:
    assert association(pair, a, b, total) == expected


# --------------------------------------------------------------------------- merge
def _view(ex: Extraction):
    return ex.entities, ex.relations, ex.cooccurrences, dict(ex.entity_of), ex.sentence_total


def test_merge_is_deterministic(fixture_docs, tools) -> None:
    s = Settings()
    assert merge(list(fixture_docs), tools.resources, s) == merge(list(fixture_docs), tools.resources, s)


def test_merge_does_not_depend_on_document_order(fixture_docs, tools) -> None:
    s = Settings()
    forward = merge(fixture_docs, tools.resources, s)
    backward = merge(list(reversed(fixture_docs)), tools.resources, s)
    assert _view(forward) == _view(backward)


def test_merge_of_one_shared_entity_across_documents(fixture_docs, tools) -> None:
    """常书铭 and 晋中市委 are named in b_expo and c_local: one corpus entity each."""
    ex = merge(fixture_docs, tools.resources, Settings())
    people = [e for e in ex.entities if e.type == "Person" and e.name == "常书铭"]
    assert len(people) == 1
    assert people[0].documents == ("b_expo", "c_local")
    assert ex.entity_of[("b_expo", "常书铭")] == ex.entity_of[("c_local", "常书铭")] == people[0].id


def test_merge_adds_up_the_separate_merges(fixture_docs, tools) -> None:
    """Merging [d0, d1] gives what merging d0 and d1 separately gives, once each document's
    entities are mapped to the joint ids: an entity named in one document only is the same
    entity; relations carry the union of the evidence; co-occurrence counts add up."""
    s = Settings()
    for d0, d1 in combinations(fixture_docs, 2):
        joint = merge([d0, d1], tools.resources, s)
        parts = [merge([d], tools.resources, s) for d in (d0, d1)]
        assert joint.sentence_total == sum(p.sentence_total for p in parts)
        assert set(joint.entity_of) == set(parts[0].entity_of) | set(parts[1].entity_of)

        alone = {(e.type, e.name, e.documents): e for p in parts for e in p.entities}
        for e in joint.entities:
            if len(e.documents) == 1 and "~" not in e.id:
                assert alone[(e.type, e.name, e.documents)] == e

        expected_rel: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
        expected_co: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
        for part in parts:
            to_joint = {part.entity_of[key]: joint.entity_of[key] for key in part.entity_of}
            for r in part.relations:
                h, t = to_joint[r.head], to_joint[r.tail]
                if h == t:
                    continue
                if r.type in SYMMETRIC and t < h:
                    h, t = t, h
                expected_rel[(h, r.type, t)].update(r.evidence)
            for c in part.cooccurrences:
                a, b = sorted((to_joint[c.a], to_joint[c.b]))
                if a != b:
                    expected_co[(a, b)].update(c.evidence)
        assert {(r.head, r.type, r.tail): set(r.evidence) for r in joint.relations} == expected_rel
        assert {(c.a, c.b): set(c.evidence) for c in joint.cooccurrences} == expected_co
        for c in joint.cooccurrences:
            assert c.count == len(expected_co[(c.a, c.b)])


def test_merge_of_nothing_is_empty(tools) -> None:
    ex = merge([], tools.resources, Settings())
    assert (ex.docs, ex.entities, ex.relations, ex.cooccurrences, ex.sentence_total) == ((), (), (), (), 0)


def _place_doc(doc_id: str, name: str, ref: str, aliases: tuple[str, ...] = ()) -> DocExtraction:
    doc = Document(id=doc_id, text=f"{name}。")
    return DocExtraction(
        doc=doc,
        sentences=(),
        mentions=(),
        entities=(DocEntity(name, "Place", aliases, 1, (("ref", ref),)),),
        relations=(),
    )


def test_merge_keeps_places_of_different_refs_apart(tools) -> None:
    shanghai = _place_doc("d1", "长宁区", "cn:310105", ("长宁",))
    sichuan = _place_doc("d2", "长宁县", "cn:511524", ("长宁",))
    s = Settings()
    forward = merge([shanghai, sichuan], tools.resources, s)
    backward = merge([sichuan, shanghai], tools.resources, s)
    assert forward.entities == backward.entities
    assert len(forward.entities) == 2



# --------------------------------------------------------------------------- namesakes
def test_people_with_different_posts_in_different_documents_are_listed(tools) -> None:
    a = extract_document(Document(id="a", text="晋中市委书记王建国主持会议。"), tools)
    b = extract_document(Document(id="b", text="华为公司总经理王建国说，产品很好。"), tools)
    c = extract_document(Document(id="c", text="晋中市委书记王建国调研。"), tools)
    ex = merge([a, b, c], tools.resources, Settings())
    listed = dict(ex.homonym_candidates)
    assert "person/王建国" in listed
    assert dict(listed["person/王建国"])["b"] != dict(listed["person/王建国"])["a"]
    same = merge([a, c], tools.resources, Settings())
    assert same.homonym_candidates == ()


def test_several_national_posts_are_not_namesakes(tools) -> None:
    a = extract_document(Document(id="a", text="中共中央总书记习近平主持会议。"), tools)
    b = extract_document(Document(id="b", text="中央军委主席习近平签署命令。"), tools)
    ex = merge([a, b], tools.resources, Settings())
    assert "person/习近平" not in dict(ex.homonym_candidates)
