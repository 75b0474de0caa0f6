"""Sentence co-occurrence: pairs per sentence, counts per entity, long lists and nested names."""

from kg.extract.cooccurrence import cooccurrences
from kg.model import Document, Mention, Sentence


def _m(start, end, key, sentence, rule="gazetteer"):
    return Mention(start, end, key, "Place", sentence, rule, name=key, key=key)


def test_cooccurrence_counts_sentences_and_skips_long_lists():
    text = "甲乙丙。甲乙。甲丙。丁戊己庚。"
    sentences = (Sentence(0, 0, 4, "甲乙丙。"), Sentence(1, 4, 7, "甲乙。"), Sentence(2, 7, 10, "甲丙。"), Sentence(3, 10, 15, "丁戊己庚。"))
    ms = [
        _m(0, 1, "甲", 0), _m(1, 2, "乙", 0), _m(2, 3, "丙", 0),
        _m(4, 5, "甲", 1), _m(5, 6, "乙", 1),
        _m(7, 8, "甲", 2), _m(8, 9, "丙", 2),
        _m(10, 11, "丁", 3), _m(11, 12, "戊", 3), _m(12, 13, "己", 3), _m(13, 14, "庚", 3),
        _m(0, 1, "甲", 0, rule="nested-place"),
    ]
    pairs, counts = cooccurrences(Document("d", text), sentences, ms, max_entities=3)
    got = {}
    for pair, ev in pairs:
        got[pair] = got.get(pair, 0) + 1
    assert got == {("乙", "甲"): 2, ("丙", "甲"): 2, ("丙", "乙"): 1}
    # the four-name sentence counts for its names but adds no pair
    assert counts["甲"] == 3 and counts["丁"] == 1
    assert not any("丁" in p for p in got)



def test_cooccurrence_skips_page_furniture():
    text = "甲乙。甲丙。"
    sentences = (Sentence(0, 0, 3, "甲乙。"), Sentence(1, 3, 6, "甲丙。"))
    ms = [_m(0, 1, "甲", 0), _m(1, 2, "乙", 0), _m(3, 4, "甲", 1), _m(4, 5, "丙", 1)]
    pairs, counts = cooccurrences(Document("d", text), sentences, ms, max_entities=5, skip=[(0, 3)])
    assert [p for p, _ in pairs] == [("丙", "甲")]
    assert counts == {"丙": 1, "甲": 1}
    ev = pairs[0][1]
    assert (ev.sentence, ev.start, ev.end, ev.rule) == (1, 3, 6, "co-occurrence.sentence")
