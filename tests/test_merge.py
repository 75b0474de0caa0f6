"""Tests of kg.merge: per-document extractions merged into corpus entities, relations
and co-occurrences, on the small fixture documents (``tests/fixtures/corpus``), the
sample corpus (``data/corpus``) and documents built in the tests (the ``tools`` and
``fixture_docs`` fixtures of tests/conftest.py); and the merge in two halves (summaries
of parts, combined in any grouping, then finalized) giving what the whole merge gives."""

from __future__ import annotations

import pickle
from collections import defaultdict
from functools import reduce
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kg.config import Settings
from kg.extract.document import extract_document, pack
from kg.merge import (
    Partial,
    association,
    combine,
    dump_partial,
    finalize,
    finalize_counted,
    load_partial,
    merge,
    partial,
    reposition,
)
from kg.model import (
    SYMMETRIC,
    DocEntity,
    DocExtraction,
    Document,
    Evidence,
    Extraction,
    Relation,
    Sentence,
)


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


# --------------------------------------------------------------------------- merge in parts
@pytest.fixture(scope="module")
def corpus_docs(tools, fixture_docs) -> list[DocExtraction]:
    """The sample corpus's five stories and the three fixture documents, extracted: the
    same people, places and bodies named across documents."""
    from kg.read.inputs import read_inputs
    from kg.resources import default_data_dir

    documents, _records = read_inputs([default_data_dir() / "corpus"])
    return [extract_document(doc, tools) for doc in documents] + list(fixture_docs)


def _parts(docs: list[DocExtraction], cuts: tuple[int, ...]) -> list[Partial]:
    bounds = list(zip((0, *cuts), (*cuts, len(docs)), strict=True))
    return [partial(docs[lo:hi], lo) for lo, hi in bounds]


@pytest.mark.parametrize("cuts", [(1,), (4,), (7,), (1, 2), (3, 5), (2, 4, 6), (1, 2, 3, 4, 5, 6, 7)])
def test_combined_summaries_of_any_split_finalize_to_the_merge(corpus_docs, tools, cuts) -> None:
    docs = corpus_docs
    whole = merge(docs, tools.resources, Settings())
    parts = _parts(docs, cuts)
    assert reduce(combine, parts) == partial(docs)
    assert finalize(reduce(combine, parts), tools.resources, Settings(), docs) == whole
    # the other grouping, and the other order: the same summary
    assert reduce(lambda acc, p: combine(p, acc), reversed(parts)) == partial(docs)
    assert reduce(combine, reversed(parts)) == partial(docs)
    # without the documents: the graph alone, the same
    alone = finalize(reduce(combine, parts), tools.resources, Settings())
    assert alone.docs == () and (alone.entities, alone.relations, alone.cooccurrences) == (
        whole.entities, whole.relations, whole.cooccurrences)
    assert (alone.entity_of, alone.homonym_candidates, alone.sentence_total) == (
        whole.entity_of, whole.homonym_candidates, whole.sentence_total)


def test_combine_is_associative_on_three_parts(corpus_docs, tools) -> None:
    a, b, c = _parts(corpus_docs, (2, 5))
    left, right = combine(combine(a, b), c), combine(a, combine(b, c))
    assert left == right == partial(corpus_docs)
    s = Settings(min_cooccurrence=2)
    assert finalize(left, tools.resources, s) == finalize(right, tools.resources, s)
    assert finalize(left, tools.resources, s, corpus_docs) == merge(corpus_docs, tools.resources, s)


def test_combine_leaves_its_arguments_as_they_were(corpus_docs) -> None:
    a, b = _parts(corpus_docs, (4,))
    a0, b0 = pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(b))
    combine(a, b)
    combine(b, a)
    assert (a, b) == (a0, b0)
    assert combine(a, Partial()) == a == combine(Partial(), a)


def test_a_summary_pickles_compactly(corpus_docs) -> None:
    """It holds every evidence sentence (it needs no document to be finalized), yet each
    once, and the rest as numbers: less than half of what the packed results and the
    texts they are read with take, a fifth of the results pickled as they are."""
    whole = partial(corpus_docs)
    blob = pickle.dumps(whole)
    assert pickle.loads(blob) == whole
    packed = sum(len(pickle.dumps(pack(dx))) + len(dx.doc.text.encode()) for dx in corpus_docs)
    assert len(blob) < 0.5 * packed
    assert len(blob) < 0.2 * len(pickle.dumps(corpus_docs))


def test_a_summary_kept_as_bytes_reads_back_and_other_bytes_are_refused(corpus_docs) -> None:
    """The bytes a build keeps in its store: read back equal; bytes of another layout or
    damaged are a ValueError (the build then summarises again), never another summary."""
    whole = partial(corpus_docs)
    blob = dump_partial(whole)
    assert load_partial(blob) == whole and load_partial(dump_partial(Partial())) == Partial()
    with pytest.raises(ValueError, match="layout 0"):
        load_partial((0).to_bytes(2, "little") + blob[2:])
    for damaged in (b"", blob[:1], blob[: len(blob) // 2], blob[:2] + b"\x00" + blob[3:]):
        with pytest.raises(ValueError):
            load_partial(damaged)


def test_a_document_in_two_parts_is_refused(corpus_docs) -> None:
    a = partial(corpus_docs[:3])
    b = partial(corpus_docs[2:4], 2)
    with pytest.raises(ValueError, match=f"document {corpus_docs[2].doc.id} is in both parts"):
        combine(a, b)
    with pytest.raises(ValueError, match="is given twice"):
        partial([corpus_docs[0], corpus_docs[0]])


def test_reposition_renumbers_a_kept_summary_for_a_new_order(corpus_docs, tools) -> None:
    """A summary of the first documents kept, a new document put before them: the kept
    summary moved behind it, combined with the new one, is the merge of the new order."""
    kept = partial(corpus_docs[1:])
    order = [corpus_docs[0], *corpus_docs[1:]]
    moved = reposition(kept, [dx.doc.id for dx in order])
    assert moved == partial(corpus_docs[1:], 1)
    assert finalize(combine(moved, partial(order[:1])), tools.resources, Settings(), order) == merge(
        order, tools.resources, Settings())
    with pytest.raises(ValueError, match="not in the order"):
        reposition(kept, ["x"])
    # documents added after the kept ones leave their positions as they were
    appended = reposition(partial(corpus_docs[:-1]), [dx.doc.id for dx in corpus_docs])
    assert appended == partial(corpus_docs[:-1])
    assert finalize(combine(appended, partial(corpus_docs[-1:], len(corpus_docs) - 1)), tools.resources,
                    Settings(), corpus_docs) == merge(corpus_docs, tools.resources, Settings())


def _doc(doc_id: str, entities: tuple[DocEntity, ...], relations: tuple[Relation, ...] = (),
         cooc: tuple = (), counts: tuple = ()) -> DocExtraction:
    return DocExtraction(Document(doc_id, "。"), (Sentence(0, 0, 1, "。"),), (), entities, relations, cooc, counts)


def test_a_name_joins_a_reference_only_when_the_whole_corpus_has_one(tools) -> None:
    """长宁 without a reference joins 长宁区 when that is the only reference named 长宁 in the
    corpus; a part that has not seen 长宁县 must not decide it."""
    loose = _doc("a", (DocEntity("长宁", "Place", (), 2),))
    shanghai = _doc("b", (DocEntity("长宁区", "Place", ("长宁",), 1, (("ref", "cn:310105"),)),))
    sichuan = _doc("c", (DocEntity("长宁县", "Place", ("长宁",), 1, (("ref", "cn:511524"),)),))
    s = Settings()
    two = merge([loose, shanghai], tools.resources, s)
    assert len(two.entities) == 1
    three = merge([loose, shanghai, sichuan], tools.resources, s)
    assert len(three.entities) == 3
    early = combine(partial([loose, shanghai]), partial([sichuan], 2))
    assert finalize(early, tools.resources, s, [loose, shanghai, sichuan]) == three


def test_a_name_of_two_entities_in_a_document_follows_the_input_order_not_the_grouping(tools) -> None:
    """罗马 is a place and a club in one story: the name stands for the corpus entity the
    input names first the latest, so the story named first decides, however the
    summaries are grouped."""
    both = _doc("x", (DocEntity("罗马", "Place", (), 1), DocEntity("罗马", "Organization", (), 1)),
                relations=(Relation("罗马", "located_in", "意大利", (Evidence("x", 0, 0, 1, "。", "r"),)),
                           Relation("意甲", "part_of", "罗马", (Evidence("x", 0, 0, 1, "。", "r2"),))))
    both = DocExtraction(both.doc, both.sentences, (), both.entities + (DocEntity("意大利", "Place", (), 1),
                                                                        DocEntity("意甲", "Organization", (), 1)),
                         both.relations)
    club = _doc("y", (DocEntity("罗马", "Organization", (), 3),))
    s = Settings()
    for order in ([club, both], [both, club]):
        whole = merge(order, tools.resources, s)
        summaries = [partial([dx], i) for i, dx in enumerate(order)]
        assert finalize(combine(summaries[1], summaries[0]), tools.resources, s, order) == whole
    assert merge([club, both], tools.resources, s).entity_of[("x", "罗马")] == "place/罗马"
    assert merge([both, club], tools.resources, s).entity_of[("x", "罗马")] == "organization/罗马"


# random corpora over a few names, types and references, so that names are shared across
# documents, join references or fail to (two references with one form), collide in ids,
# and stand for two entities of one document
_TYPES = ("Person", "Place", "Organization")
_NAMES = ("甲", "乙", "丙", "丁")
_REFS = ("", "", "r1", "r2", "cn:310105")


@st.composite
def _entities(draw) -> tuple[DocEntity, ...]:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        ref = draw(st.sampled_from(_REFS))
        attrs = (("ref", ref),) if ref else ()
        if draw(st.booleans()):
            attrs += (("traditional", draw(st.sampled_from(_NAMES))),)
        out.append(DocEntity(draw(st.sampled_from(_NAMES)), draw(st.sampled_from(_TYPES)),
                             tuple(draw(st.lists(st.sampled_from(_NAMES), max_size=2, unique=True))),
                             draw(st.integers(1, 3)), attrs))
    return tuple(out)


@st.composite
def _corpus(draw) -> list[DocExtraction]:
    docs = []
    for n in range(draw(st.integers(1, 7))):
        doc_id = f"d{n}"
        entities = draw(_entities())
        names = st.sampled_from([e.name for e in entities] + ["戊"])  # 戊: named by no entity
        sentences = draw(st.integers(1, 3))

        def evidence(rule: str, doc_id: str = doc_id, sentences: int = sentences) -> Evidence:
            start = draw(st.integers(0, 2))
            return Evidence(doc_id, draw(st.integers(0, sentences - 1)), start,
                            start + draw(st.integers(1, 2)), "句子", rule)

        relations = tuple(Relation(draw(names), draw(st.sampled_from(("holds_position", "met", "located_in"))),
                                   draw(names), tuple(evidence("r") for _ in range(draw(st.integers(0, 2)))))
                          for _ in range(draw(st.integers(0, 3))))
        cooc = tuple((tuple(sorted((draw(names), draw(names)))), evidence("co-occurrence.sentence"))
                     for _ in range(draw(st.integers(0, 4))))
        counts = tuple((name, draw(st.integers(1, 3))) for name in sorted({draw(names) for _ in range(3)}))
        docs.append(DocExtraction(Document(doc_id, "句子"), tuple(Sentence(i, 0, 2, "句子") for i in range(sentences)),
                                  (), entities, relations, cooc, counts))
    return docs


@hypothesis_settings(max_examples=150)
@given(docs=_corpus(), data=st.data())
def test_any_parts_combined_in_any_order_finalize_to_the_merge(tools, docs, data) -> None:
    """Documents dealt into parts (not necessarily consecutive ones), each summarised with
    its documents' positions, combined in a random order and grouping."""
    k = data.draw(st.integers(1, 4))
    deal = data.draw(st.lists(st.integers(0, k - 1), min_size=len(docs), max_size=len(docs)))
    parts = [partial([dx for dx, j in zip(docs, deal, strict=True) if j == part],
                     positions=[i for i, j in enumerate(deal) if j == part]) for part in range(k)]
    pool = data.draw(st.permutations(parts))
    while len(pool) > 1:  # combine two neighbours at random until one is left
        i = data.draw(st.integers(0, len(pool) - 2))
        pool[i : i + 2] = [combine(pool[i], pool[i + 1])]
    s = Settings(min_cooccurrence=data.draw(st.integers(1, 2)))
    assert pool[0] == partial(docs)
    assert finalize(pool[0], tools.resources, s, docs) == merge(docs, tools.resources, s)
    assert pickle.loads(pickle.dumps(pool[0])) == pool[0]


def test_two_entities_of_one_type_and_name_in_a_document_are_one_whatever_their_references(tools) -> None:
    """A document that gives 甲 two references makes one entity of both references'
    entities: the other documents naming either reference join it."""
    x = _doc("x", (DocEntity("甲", "Organization", (), 1, (("ref", "r1"),)),
                   DocEntity("甲", "Organization", (), 1, (("ref", "r2"),))))
    y = _doc("y", (DocEntity("乙", "Organization", (), 2, (("ref", "r2"),)),))
    z = _doc("z", (DocEntity("丙", "Organization", (), 4, (("ref", "r1"),)),))
    ex = merge([x, y, z], tools.resources, Settings())
    assert [(e.documents, e.mentions) for e in ex.entities] == [(("x", "y", "z"), 8)]
    parts = combine(partial([z], 2), combine(partial([y], 1), partial([x])))
    assert finalize(parts, tools.resources, Settings(), [x, y, z]) == ex


def test_finalize_refuses_results_of_other_documents_than_the_summary(corpus_docs, tools) -> None:
    with pytest.raises(ValueError, match="the 2 documents given are not the 3 the summary was made of"):
        finalize(partial(corpus_docs[:3]), tools.resources, Settings(), corpus_docs[:2])
    with pytest.raises(ValueError, match="not the 3"):
        finalize(partial(corpus_docs[:3]), tools.resources, Settings(), corpus_docs[1:4])


def test_relations_and_cooccurrences_recount_the_documents(corpus_docs, tools) -> None:
    """What finalize gathers over signature sets equals a plain count over the documents
    through ``entity_of``: evidence, counts, documents, measures and the orders, and the
    sentences naming each entity that ``finalize_counted`` hands back."""
    ex, counted = finalize_counted(partial(corpus_docs), tools.resources, Settings(), corpus_docs)
    assert ex == merge(corpus_docs, tools.resources, Settings())
    of = ex.entity_of
    sentences: dict[str, int] = defaultdict(int)
    pairs: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
    relations: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for dx in corpus_docs:
        doc = dx.doc.id
        for name, c in dx.sentence_counts:
            if (doc, name) in of:
                sentences[of[doc, name]] += c
        for (a, b), ev in dx.cooccurrences:
            ea, eb = of.get((doc, a)), of.get((doc, b))
            if ea and eb and ea != eb:
                pairs[min(ea, eb), max(ea, eb)].add(ev)
        for r in dx.relations:
            h, t = of.get((doc, r.head)), of.get((doc, r.tail))
            if h and t and h != t:
                if r.type in SYMMETRIC and t < h:
                    h, t = t, h
                relations[h, r.type, t].update(r.evidence)
    total = sum(len(dx.sentences) for dx in corpus_docs)
    expected = [
        (a, b, len(ev), len({v.doc for v in ev}), *association(len(ev), sentences[a], sentences[b], total),
         tuple(sorted(ev, key=lambda v: (v.doc, v.sentence, v.start, v.end, v.text, v.rule))))
        for (a, b), ev in sorted(pairs.items())
    ]
    assert [(c.a, c.b, c.count, c.documents, c.pmi, c.npmi, c.evidence) for c in ex.cooccurrences] == expected
    assert any(c.documents > 1 for c in ex.cooccurrences) and any(c.count == 1 for c in ex.cooccurrences)
    assert [(r.head, r.type, r.tail, r.evidence) for r in ex.relations] == [
        (h, ty, t, tuple(sorted(ev, key=lambda v: (v.doc, v.sentence, v.start, v.rule, v.end, v.text))))
        for (h, ty, t), ev in sorted(relations.items())
    ]
    assert any(len(r.evidence) > 1 for r in ex.relations)
    # the sentences naming each entity, handed back for the merged corpus a build keeps
    assert counted == {e.id: sentences.get(e.id, 0) for e in ex.entities}
    assert sum(counted.values()) > len(sentences) > 10
