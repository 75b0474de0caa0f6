"""Tests of kg.analysis.dedup: near-duplicate documents by MinHash over character shingles."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kg.analysis.dedup import jaccard, minhash, near_duplicates, shingles

STORY = (
    "国家主席习近平23日在北京人民大会堂同来华进行国事访问的法国总统马克龙举行会谈。"
    "两国元首就中法关系和共同关心的国际和地区问题深入交换意见，一致同意加强在经贸、航空航天、"
    "民用核能、农业、文化等领域的务实合作，推动中法全面战略伙伴关系行稳致远。"
    "习近平指出，中法都是具有独立自主精神的大国，双方要坚持相互尊重、平等相待。"
    "马克龙表示，法方愿同中方加强沟通协调，共同应对气候变化等全球性挑战。"
)
WIRE = "新华社北京3月23日电（记者谢希瑶）\n" + STORY
# the same story reprinted: another header and title, one full stop changed, line breaks
REPRINT = "习近平同马克龙举行会谈\n本报讯 据新华社电\n" + STORY.replace("。两国元首", "，两国元首").replace(
    "。习近平", "。\n习近平"
)
OTHER = (
    "国家主席习近平23日在北京人民大会堂会见来华出席中法企业家委员会会议的法国企业家代表。"
    "习近平表示，欢迎法国企业继续深耕中国市场，中方将持续扩大高水平对外开放，"
    "为包括法国企业在内的各国企业提供更好营商环境。法国企业家代表表示愿深化对华合作。"
)


def test_shingles_ignore_whitespace_and_punctuation() -> None:
    a = shingles("习近平，同马克龙\n举行会谈。")
    b = shingles("习近平同马克龙举行会谈")
    assert np.array_equal(a, b)
    assert len(b) == len("习近平同马克龙举行会谈") - 5 + 1  # one per 5-character window
    assert len(shingles("，。 \n")) == 0


def test_jaccard_is_exact_on_hash_sets() -> None:
    x = np.array([1, 2, 3, 4], dtype=np.uint64)
    y = np.array([3, 4, 5], dtype=np.uint64)
    # |{3, 4}| / |{1, 2, 3, 4, 5}|
    assert jaccard(x, y) == pytest.approx(2 / 5)


def test_minhash_estimates_the_jaccard_similarity() -> None:
    a, b = shingles(WIRE), shingles(REPRINT)
    exact = jaccard(a, b)
    estimate = float(np.mean(minhash(a, 256) == minhash(b, 256)))
    assert exact > 0.8
    # the standard error of the estimate is sqrt(J(1-J)/256) < 0.03
    assert abs(estimate - exact) < 0.1
    assert jaccard(shingles(WIRE), shingles(OTHER)) < 0.3


def test_a_reprint_is_grouped_with_the_earlier_story() -> None:
    docs = [
        ("b-reprint", "2024-03-24", REPRINT),
        ("a-wire", "2024-03-23", WIRE),
        ("c-other", "2024-03-23", OTHER),
        ("d-empty", "2024-03-23", "。"),
    ]
    groups = near_duplicates(docs)
    assert len(groups) == 1
    assert groups[0].kept == "a-wire"  # the earliest dated
    assert groups[0].duplicates == ("b-reprint",)
    assert groups[0].similarity[0] == pytest.approx(jaccard(shingles(WIRE), shingles(REPRINT)), abs=1e-4)


def test_groups_do_not_depend_on_input_order() -> None:
    docs = [(f"d{i}", "", WIRE if i % 2 else REPRINT) for i in range(6)] + [("x", "", OTHER)]
    expected = near_duplicates(docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert near_duplicates(shuffled) == expected
    assert [(g.kept, g.duplicates) for g in expected] == [("d0", ("d1", "d2", "d3", "d4", "d5"))]


def test_dated_documents_far_apart_are_not_reprints() -> None:
    # a broadcaster's yearly announcement repeats almost word for word
    docs = [("a", "2023-03-03", WIRE), ("b", "2024-03-03", REPRINT)]
    assert near_duplicates(docs) == []
    assert len(near_duplicates(docs, max_days=None)) == 1
    # an undated document has no date to compare
    assert len(near_duplicates([("a", "2023-03-03", WIRE), ("b", "", REPRINT)])) == 1


def test_threshold_is_applied_to_the_exact_similarity() -> None:
    j = jaccard(shingles(WIRE), shingles(REPRINT))
    assert near_duplicates([("a", "", WIRE), ("b", "", REPRINT)], threshold=j + 0.01) == []
    assert len(near_duplicates([("a", "", WIRE), ("b", "", REPRINT)], threshold=j)) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"threshold": 0.0}, "threshold"), ({"bands": 5}, "multiple")]
)
def test_bad_parameters_are_errors(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        near_duplicates([("a", "", WIRE)], **kwargs)
