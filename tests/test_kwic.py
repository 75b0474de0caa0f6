"""Tests of the concordance (kg.export.kwic): contexts, aliases, bounds, orders, CSV, the
terminal table."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import extract

from kg.config import Settings
from kg.errors import KGError, QueryError
from kg.export.kwic import (
    COLUMNS,
    concordance,
    concordances,
    decode_mentions,
    encode_mentions,
    mention_index,
    mention_value,
    raw_mentions,
    sort_rows,
    table_lines,
    write_kwic_csv,
)
from kg.merge import merge
from kg.model import DocEntity, DocExtraction, Document, Entity, Extraction, Mention, Sentence
from kg.textwidth import display_width

XI = "person/习近平"
MACRON = "person/马克龙"


def _doc(doc_id: str, date: str, title: str, parts: list[tuple[str, int]], names: list[tuple[str, str, str, str]]):
    """A document from (sentence, paragraph) parts joined as written (a paragraph break is
    whatever the part ends with) and mentions (surface, key, rule, occurrence) found
    by searching the text, so every offset is checked against the text itself."""
    text = "".join(p for p, _ in parts)
    sentences, pos = [], 0
    for i, (p, para) in enumerate(parts):
        body = p.rstrip("\n")
        sentences.append(Sentence(i, pos, pos + len(body), body, para))
        pos += len(p)
    mentions = []
    for surface, key, rule, nth in names:
        start = -1
        for _ in range(int(nth) + 1):
            start = text.index(surface, start + 1)
        sentence = next(s.index for s in sentences if s.start <= start < s.end)
        mentions.append(Mention(start, start + len(surface), surface, "Person", sentence, rule, surface, key))
    mentions.sort(key=lambda m: (m.start, m.end))
    keys = sorted({m.key for m in mentions})
    return DocExtraction(
        doc=Document(id=doc_id, text=text, title=title, date=date),
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        entities=tuple(DocEntity(k, "Person") for k in keys),
        relations=(),
    )


def _extraction(reverse: bool = False) -> Extraction:
    d1 = _doc(
        "d1", "2024-05-06", "国家主席习近平会见马克龙",
        [("国家主席习近平会见马克龙。\n", 0), ("习近平表示合作。\n\n", 0), ("习近平出席开幕式并致辞。", 1)],
        [("习近平", "习近平", "lexicon", 0), ("马克龙", "马克龙", "lexicon", 0),
         ("习近平", "习近平", "lexicon", 1), ("习近平", "习近平", "lexicon", 2)],
    )
    d2 = _doc(
        "d2", "2023-01-02", "",
        [("总书记在北京考察。", 0), ("习总书记指出要开放。", 0)],
        [("总书记", "习总书记", "reference", 0), ("习总书记", "习总书记", "alias", 0)],
    )
    d0 = _doc("d0", "", "无日期", [("马克龙访华。", 0)], [("马克龙", "马克龙", "lexicon", 0)])
    docs = (d0, d1, d2)
    return Extraction(
        docs=tuple(reversed(docs)) if reverse else docs,
        entities=(
            Entity(XI, "Person", "习近平", ("习总书记",), 5, ("d1", "d2")),
            Entity(MACRON, "Person", "马克龙", (), 2, ("d0", "d1")),
        ),
        relations=(),
        cooccurrences=(),
        entity_of={("d1", "习近平"): XI, ("d2", "习总书记"): XI, ("d1", "马克龙"): MACRON, ("d0", "马克龙"): MACRON},
    )


def test_every_mention_under_every_name_with_its_context() -> None:
    rows = concordance(_extraction(), XI, width=4)
    got = [(r.doc, r.left, r.mention, r.right, r.rule) for r in rows]
    assert got == [
        ("d1", "国家主席", "习近平", "会见马克", "lexicon"),
        ("d1", "克龙。 ", "习近平", "表示合作", "lexicon"),  # the line break inside the paragraph: a space
        ("d1", "", "习近平", "出席开幕", "lexicon"),  # a new paragraph: nothing from the one before
        ("d2", "", "总书记", "在北京考", "reference"),
        ("d2", "京考察。", "习总书记", "指出要开", "alias"),
    ]
    ex = _extraction()
    for r in rows:
        text = next(dx.doc.text for dx in ex.docs if dx.doc.id == r.doc)
        assert text[r.start : r.end] == r.mention
        doc = next(dx.doc for dx in ex.docs if dx.doc.id == r.doc)
        assert (r.entity, r.title, r.date) == (XI, doc.title, doc.date)


def test_line_breaks_in_a_paragraph_become_spaces_one_for_one() -> None:
    rows = concordance(_extraction(), XI, width=6)
    assert rows[1].left == "见马克龙。 "
    assert len(rows[1].left) == 6


def test_contexts_stop_at_the_paragraph_and_document_bounds() -> None:
    rows = concordance(_extraction(), XI, width=50)
    text = _extraction().docs[1].doc.text
    assert rows[0].left == "国家主席"  # the document's start
    assert rows[1].right == "表示合作。"  # the paragraph's end: the blank line and after left out
    assert rows[2].left == "" and rows[2].right == "出席开幕式并致辞。"  # the document's end
    assert rows[1].left == text[: rows[1].start].replace("\n", " ")


def test_a_zero_width_gives_the_mentions_alone() -> None:
    assert {(r.left, r.right) for r in concordance(_extraction(), XI, width=0)} == {("", "")}


def test_references_can_be_left_out() -> None:
    rows = concordance(_extraction(), XI, references=False)
    assert [r.mention for r in rows] == ["习近平", "习近平", "习近平", "习总书记"]


def test_other_entities_are_not_listed_and_one_pass_gives_each_its_own() -> None:
    ex = _extraction()
    both = concordances(ex, [XI, MACRON], width=4)
    assert [r.mention for r in both[MACRON]] == ["马克龙", "马克龙"]
    assert [r.doc for r in both[MACRON]] == ["d0", "d1"]
    assert both[XI] == concordance(ex, XI, width=4)
    assert concordances(ex, ["place/nowhere"]) == {}


def test_a_span_listed_twice_is_one_row() -> None:
    ex = _extraction()
    d1 = ex.docs[1]
    doubled = DocExtraction(d1.doc, d1.sentences, tuple(sorted(d1.mentions * 2, key=lambda m: m.start)),
                            d1.entities, ())
    ex2 = Extraction((ex.docs[0], doubled, ex.docs[2]), ex.entities, (), (), ex.entity_of)
    assert concordance(ex2, XI) == concordance(ex, XI)


def test_the_order_does_not_depend_on_the_order_of_the_documents() -> None:
    for by in ("doc", "date", "left", "right"):
        assert concordance(_extraction(), XI, sort=by) == concordance(_extraction(reverse=True), XI, sort=by)


def test_orders() -> None:
    ex = _extraction()
    place = lambda rows: [(r.doc, r.start) for r in rows]
    by_doc = concordance(ex, XI, width=4)
    assert place(by_doc) == sorted(place(by_doc))
    # dated documents oldest first; an undated one (马克龙 in d0) after every dated one
    assert [r.doc for r in concordance(ex, XI, sort="date")] == ["d2", "d2", "d1", "d1", "d1"]
    assert [r.doc for r in concordance(ex, MACRON, sort="date")] == ["d1", "d0"]
    # right: by the characters after the mention
    right = concordance(ex, XI, width=4, sort="right")
    assert [r.right for r in right] == sorted(r.right for r in by_doc)
    # left: by the characters before the mention, the nearest first (a space < 。 < 席)
    left = concordance(ex, XI, width=4, sort="left")
    assert [r.left for r in left] == ["", "", "克龙。 ", "京考察。", "国家主席"]
    assert [r.left[::-1] for r in left] == sorted(r.left[::-1] for r in by_doc)
    # ties (two empty left contexts) go by document and position
    assert place(left[:2]) == sorted(place(left[:2]))
    with pytest.raises(QueryError, match="not a concordance order"):
        sort_rows(by_doc, "alphabet")


def test_bad_requests_are_errors() -> None:
    with pytest.raises(QueryError, match="no entity has this id"):
        concordance(_extraction(), "person/nobody")
    with pytest.raises(QueryError, match="0 or more"):
        concordance(_extraction(), XI, width=-1)


def test_csv_has_a_header_and_every_row(tmp_path) -> None:
    rows = concordance(_extraction(), XI, width=4)
    write_kwic_csv(rows, tmp_path / "k.csv")
    raw = (tmp_path / "k.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    read = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert read[0] == list(COLUMNS) == ["entity", "doc", "title", "date", "sentence", "start", "end", "left",
                                         "mention", "right", "rule"]
    assert read[1] == [XI, "d1", "国家主席习近平会见马克龙", "2024-05-06", "0", "4", "7", "国家主席", "习近平", "会见马克",
                       "lexicon"]
    assert len(read) == 1 + len(rows)
    write_kwic_csv(rows, tmp_path / "x.csv", excel=True)
    excel = (tmp_path / "x.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and excel.count(b"\r\n") == 1 + len(rows)


def test_the_table_aligns_the_mention_by_display_width() -> None:
    rows = concordance(_extraction(), XI, width=4)
    lines = table_lines(rows)
    assert lines[0].split() == ["date", "document", "left", "mention", "right"]
    starts = set()
    for line, r in zip(lines[1:], rows):
        at = line.index(r.mention, line.index(r.doc) + len(r.doc))  # no left context here holds the name
        starts.add(display_width(line[:at]))
        assert line.rstrip().endswith(r.right)
    assert len(starts) == 1  # the mentions start in one column although the contexts differ in width


def test_on_real_extractions_the_rows_match_the_texts() -> None:
    texts = {
        "a": "晋中市委书记常书铭到寿阳县调研。\n\n常书铭表示，要推动企业绿色发展。",
        "b": "山西省晋中市委书记常书铭出席开幕式。",
    }
    docs = [extract(t, doc_id=d) for d, t in texts.items()]
    from helpers import tools

    ex = merge(docs, tools().resources, Settings())
    person = next(e for e in ex.entities if e.name == "常书铭")
    rows = concordance(ex, person.id, width=5)
    assert [(r.doc, r.mention) for r in rows] == [("a", "常书铭"), ("a", "常书铭"), ("b", "常书铭")]
    assert rows[1].left == ""  # the second paragraph of a starts with the name
    for r in rows:
        assert texts[r.doc][r.start - len(r.left) : r.end + len(r.right)] == r.left + r.mention + r.right


# --- the mention index


def _date_order(doc: Document) -> tuple[bool, str, str]:
    return (not doc.date, doc.date, doc.id)


def test_the_mention_index_gives_the_rows_of_the_concordance() -> None:
    ex = _extraction()
    index = mention_index(ex, order=_date_order)
    assert list(index.docs) == ["d2", "d1", "d0"]  # dated oldest first, then undated
    doc_of = {dx.doc.id: dx.doc for dx in ex.docs}
    for eid in (XI, MACRON):
        for width in (0, 4, 50):
            for references in (True, False):
                rows = index.rows(eid, doc_of, width, references=references)
                assert sort_rows(rows) == concordance(ex, eid, width, references=references)
                assert concordance(ex, eid, width, references=references, mentions=index) == sort_rows(rows)
        # in the index's document order, then by position
        assert [(r.doc, r.start) for r in index.rows(eid, doc_of)] == sorted(
            ((r.doc, r.start) for r in index.rows(eid, doc_of)), key=lambda p: (index.docs.index(p[0]), p[1]))
    assert index.count(XI) == 5 and index.count(MACRON) == 2 and index.count("place/nowhere") == 0
    first_last = [(r.doc, r.start) for r in index.rows(XI, doc_of, picks=[0, 4])]
    assert first_last == [("d2", 0), ("d1", doc_of["d1"].text.rindex("习近平"))]  # the oldest, the newest
    only = mention_index(ex, [MACRON])
    assert only.entities() == [MACRON] and [r.doc for r in only.rows(MACRON, doc_of)] == ["d0", "d1"]  # by id
    assert sort_rows(only.rows(MACRON, doc_of)) == sort_rows(index.rows(MACRON, doc_of))


def test_contexts_are_the_rows_parts_cut_from_one_window() -> None:
    ex = _extraction()
    index = mention_index(ex, order=_date_order)
    doc_of = {dx.doc.id: dx.doc for dx in ex.docs}
    for eid in (XI, MACRON):
        for width in (0, 3, 6, 50):  # 6 reaches back over d1's line break (a control: one space)
            for picks in (None, [0], [index.count(eid) - 1, 1]):
                want = [(r.doc, r.start, r.left, r.mention, r.right) for r in index.rows(eid, doc_of, width, picks=picks)]
                assert index.contexts(eid, doc_of, width, picks) == want
    assert index.contexts(XI, doc_of, 6, [3])[0][2] == "见马克龙。 "  # d2 first: the oldest
    assert index.contexts("place/nowhere", doc_of, 5) == []


def test_a_span_found_as_a_reference_and_by_a_rule_is_one_row_under_each() -> None:
    text = "该市市长出席会议。该市发展很快。"
    sentences = (Sentence(0, 0, 9, text[:9], 0), Sentence(1, 9, 16, text[9:], 0))
    mentions = (
        Mention(0, 2, "该市", "Place", 0, "reference", "该市", "甲市"),
        Mention(0, 2, "该市", "Place", 0, "title_suffix", "该市", "甲市"),  # after "reference" by name
        Mention(9, 11, "该市", "Place", 1, "reference", "该市", "甲市"),
    )
    dx = DocExtraction(Document(id="d", text=text), sentences, mentions, (DocEntity("甲市", "Place"),), ())
    ex = Extraction((dx,), (Entity("place/甲市", "Place", "甲市", (), 3, ("d",)),), (), (),
                    {("d", "甲市"): "place/甲市"})
    index = mention_index(ex)
    every = concordance(ex, "place/甲市", 3)
    assert [(r.start, r.rule) for r in every] == [(0, "reference"), (9, "reference")]
    assert concordance(ex, "place/甲市", 3, mentions=index) == every
    plain = concordance(ex, "place/甲市", 3, references=False)
    assert [(r.start, r.rule) for r in plain] == [(0, "title_suffix")]
    assert concordance(ex, "place/甲市", 3, references=False, mentions=index) == plain


def test_a_kept_index_reads_the_entities_asked_for_and_the_same_rows() -> None:
    ex = _extraction()
    index = mention_index(ex, order=_date_order)
    head, values = encode_mentions(index)
    assert [eid for eid, _v in values] == sorted([XI, MACRON])
    raw_head, raw = raw_mentions(index)  # what a build digests, making values of the rows it writes alone
    assert raw_head == head and [(eid, mention_value(r)) for eid, r in raw] == values
    kept, asked = dict(values), []

    def fetch(ids):
        asked.append(ids)
        return {e: kept[e] for e in ids if e in kept}

    back = decode_mentions(head, fetch, "store")
    doc_of = {dx.doc.id: dx.doc for dx in ex.docs}
    assert back.rows(MACRON, doc_of) == index.rows(MACRON, doc_of) and asked == [[MACRON]]
    assert back.count(MACRON) == 2 and back.count("place/nowhere") == 0 and asked == [[MACRON], ["place/nowhere"]]
    assert back.rows(XI, doc_of, 4, references=False) == index.rows(XI, doc_of, 4, references=False)
    assert back.docs == index.docs and back.rules == index.rules


@pytest.mark.parametrize("damage", ["head", "value", "length"])
def test_a_damaged_kept_index_is_one_error_naming_where_it_was(damage) -> None:
    head, values = encode_mentions(mention_index(_extraction()))
    kept = dict(values)
    if damage == "head":
        head = b"not marshal"
    elif damage == "value":
        kept[XI] = b"z" + b"\x00" * 8
    else:
        kept[XI] = b"r" + b"\x00" * 12  # three integers: not whole mentions
    with pytest.raises(KGError, match="^out/.kg-store: the kept mention index cannot be read .*run kg build again$"):
        decode_mentions(head, lambda ids: {e: kept[e] for e in ids}, "out/.kg-store").count(XI)
