"""Tests of kg.merged_corpus beside those of tests/test_incremental.py (which build, and
compare views of a build with views of its inputs): the evidence of an edge read from
the kept merged corpus, decoded only when it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.merged_corpus import LazyEvidence, _evidence_value
from kg.model import Cooccurrence, Evidence

EVIDENCE = (
    Evidence("d1", 0, 0, 12, "太原市委书记韦韬到太原调研。", "co-occurrence.sentence"),
    Evidence("d2", 3, 5, 20, "山西省省长金湘军在晋中市。", "co-occurrence.sentence"),
)


def lazy(evidence=EVIDENCE) -> LazyEvidence:
    docs, blob = _evidence_value(evidence)
    return LazyEvidence(docs, blob, Path("store"))


def test_length_and_documents_without_decoding():
    ev = lazy()
    assert len(ev) == 2 and ev.docs == ("d1", "d2")
    assert ev._rows is None  # nothing decoded yet
    assert ev[1] == EVIDENCE[1] and ev._rows is not None


def test_reads_equals_and_hashes_as_its_tuple():
    ev = lazy()
    assert tuple(ev) == EVIDENCE and list(ev) == list(EVIDENCE)
    assert ev == EVIDENCE and EVIDENCE == ev and lazy() == ev and ev != EVIDENCE[:1]
    assert sorted(ev, key=lambda e: -e.sentence) == [EVIDENCE[1], EVIDENCE[0]]
    assert hash(ev) == hash(EVIDENCE)
    a = Cooccurrence("x", "y", 2, 2, 1.0, 0.5, EVIDENCE)
    b = Cooccurrence("x", "y", 2, 2, 1.0, 0.5, lazy())
    assert a == b and hash(a) == hash(b)
    assert isinstance(ev[0], Evidence)


def test_no_evidence():
    ev = lazy(())
    assert len(ev) == 0 and not ev and tuple(ev) == ()


def test_damaged_bytes_say_to_build_again():
    docs, _blob = _evidence_value(EVIDENCE)
    with pytest.raises(Exception, match="run kg build again"):
        tuple(LazyEvidence(docs, b"\xff\x00", Path("store")))


def test_a_views_entity_of_is_made_when_first_read():
    from kg.merged_corpus import _EntityOf, _row

    rows = {"d2": (_row([("太原", "Place:太原市")]), None), "d1": (_row([("韦韬", "Person:韦韬"), ("太原", "Place:太原市")]), None)}
    of = _EntityOf(rows, Path("store"))
    assert of._made is None
    assert of[("d1", "韦韬")] == "Person:韦韬" and of.get(("d2", "韦韬")) is None and len(of) == 3
    assert dict(of.items()) == {("d1", "韦韬"): "Person:韦韬", ("d1", "太原"): "Place:太原市", ("d2", "太原"): "Place:太原市"}
    assert list(of) == [("d1", "韦韬"), ("d1", "太原"), ("d2", "太原")]  # by document, each in its row's order
