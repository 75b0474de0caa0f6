"""A document's extraction held packed reads as the whole result it was packed from."""

from __future__ import annotations

import pickle
from collections import Counter

from helpers import extract

from kg.extract.document import pack
from kg.incremental import HeldDoc
from kg.stored_doc import PackedDoc, StoredDoc, mention_fields

TEXT = "省委书记李明在太原市会见了山西焦煤集团董事长王强。双方表示将加强合作。"
#: Traditional characters (their results keep strings beside the text), two paragraphs,
#: relations whose evidence is several sentences.
MIXED = ("新華社北京電 國務院總理李強在北京會見了美國國務卿布林肯。李強表示，中美關係很重要。\n\n"
         "山西省委书记李明在太原市会见了山西焦煤集团董事长王强。王强说，集团将加强合作。")


def _parts(dx) -> tuple:
    return (dx.doc.id, dx.sentences, dx.mentions, dx.entities, dx.relations, dx.cooccurrences, dx.sentence_counts)


def test_a_stored_document_reads_as_its_whole_result() -> None:
    dx = extract(TEXT, "d1")
    assert dx.mentions and dx.relations  # the text gives something to pack
    stored = StoredDoc(dx, pack(dx))
    assert _parts(stored) == _parts(dx)
    assert stored.first == dx.sentences[0]
    # the parts it holds are its own slots, the rest comes unpacked from the packed bytes
    assert "entities" in StoredDoc.__slots__ and "mentions" not in StoredDoc.__slots__
    assert isinstance(type(stored).__dict__.get("entities"), type(StoredDoc.doc))


def test_every_part_of_a_bare_packed_document_is_unpacked_when_read() -> None:
    dx = extract(TEXT, "d2")

    class Bare(PackedDoc):
        __slots__ = ("doc", "packed")

        def __init__(self) -> None:
            self.doc, self.packed = dx.doc, pack(dx)

    assert _parts(Bare()) == _parts(dx)


def test_a_held_document_reads_the_same_kept_or_released_and_pickles_as_stored() -> None:
    dx = extract(TEXT, "d3")
    held = HeldDoc(dx, pack(dx), keep=True)
    assert held.full() is dx
    held.release()
    assert held.full() is not dx and _parts(held) == _parts(dx)
    again = pickle.loads(pickle.dumps(held))
    assert type(again) is StoredDoc and _parts(again) == _parts(dx)


def test_a_stored_document_made_from_its_packed_result_holds_the_same_parts() -> None:
    for text, doc_id in ((TEXT, "d4"), (MIXED, "d5"), ("没有实体。", "d6"), ("", "d7")):
        dx = extract(text, doc_id)
        rules: Counter[str] = Counter()
        stored = StoredDoc.of(pack(dx), dx.doc, rules)
        assert (stored.doc, stored.entities, stored.relations, stored.sentence_counts) == (
            dx.doc, dx.entities, dx.relations, dx.sentence_counts)
        assert stored.first == (dx.sentences[0] if dx.sentences else None)
        assert rules == Counter(m.rule for m in dx.mentions)
        assert _parts(stored) == _parts(dx)  # the rest unpacked when read


def test_mention_fields_read_from_the_packed_result_are_those_of_the_whole() -> None:
    for text, doc_id in ((TEXT, "d8"), (MIXED, "d9")):
        dx = extract(text, doc_id)
        mentions, sentences = mention_fields(dx)
        mentions, sentences = list(mentions), list(sentences)
        assert mentions == [(m.start, m.end, m.sentence, m.rule, m.key) for m in dx.mentions] and mentions
        assert sentences == [(s.index, s.start, s.end, s.paragraph) for s in dx.sentences]
        packed, held = StoredDoc(dx, pack(dx)), HeldDoc(dx, pack(dx), keep=True)
        for doc in (packed, held):
            got = mention_fields(doc)
            assert (list(got[0]), list(got[1])) == (mentions, sentences)
