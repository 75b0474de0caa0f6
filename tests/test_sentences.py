"""Tests of kg.read.sentences: sentence boundaries and offsets, long sentences cut at a
safe place, and the sections a long document is read in."""

from __future__ import annotations

import doctest
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_text import CORPUS_FILES, non_space

import kg.read.sentences
from kg.read.sentences import MAX_SENTENCE, sections, split_sentences
from kg.read.text import clean_text, join_broken_lines, looks_like_pdf_text


def test_docstring_examples_run() -> None:
    result = doctest.testmod(kg.read.sentences, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4
    assert result.failed == 0


# --------------------------------------------------------------------------- split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山西加快转型。晋中推动发展！真的吗？", ["山西加快转型。", "晋中推动发展！", "真的吗？"]),
        # A closing quote or bracket stays with the sentence it closes.
        ("他说：“要加快发展。”记者了解到情况。", ["他说：“要加快发展。”", "记者了解到情况。"]),
        ("“好！”“行！”", ["“好！”", "“行！”"]),
        ("（见第二版。）下文。", ["（见第二版。）", "下文。"]),
        ("《资本论》等著作……岁月悠悠，初心未改。", ["《资本论》等著作……", "岁月悠悠，初心未改。"]),
        ("低碳生活渐成风尚……”他说。", ["低碳生活渐成风尚……”", "他说。"]),
        ("推动货物贸易协调发展；稳步扩大开放", ["推动货物贸易协调发展；", "稳步扩大开放"]),
        # the ASCII semicolon of web pages written in half-width punctuation, the same way
        ("推动货物贸易协调发展;稳步扩大开放", ["推动货物贸易协调发展;", "稳步扩大开放"]),
        ("Is it?Yes!", ["Is it?", "Yes!"]),
        # Every line break is a boundary, blank lines and surrounding spaces give nothing.
        ("第一段没有句号\n\n  第二段。  \n\n\n", ["第一段没有句号", "第二段。"]),
        ("同比增长28.51%，总产值105.49亿元。", ["同比增长28.51%，总产值105.49亿元。"]),
        ("", []),
        (" \n\u3000\n", []),
    ],
)
def test_split_sentences_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_split_sentences_paragraphs_headings_and_offsets() -> None:
    text = "创新引擎不断提速\n\n  100 余台智能小车忙着供料。新技术进步着。\n（下转第2版）\n维护世界和平，我们矢志不渝——"
    sentences = split_sentences(text)
    assert [(s.index, s.paragraph, s.heading) for s in sentences] == [
        (0, 0, True),
        (1, 1, False),
        (2, 1, False),
        (3, 2, True),
        (4, 3, True),
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert sentences[1].text == "100 余台智能小车忙着供料。"


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("创新引擎不断提速", True),
        ("深化市校协同创新 赋能农业“特”“优”发展", True),
        ("山西是“新名片”", True),
        ("市场是当今世界的稀缺资源。", False),  # closing punctuation
        ("山西团代表提出建议：", False),
        ("本报讯 （记者刘冬冬）近日，", False),
        ("一句话。第二句话", False),  # two sentences
        ("甲" * 41, False),  # too long for a headline
    ],
)
def test_heading_flag(line: str, heading: bool) -> None:
    sentences = split_sentences("正文。\n" + line)
    assert all(s.heading == heading for s in sentences[1:])


def test_long_sentences_are_cut() -> None:
    no_punct = "晋" * 1234
    sentences = split_sentences(no_punct)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE, MAX_SENTENCE, 234]
    with_commas = ("山西省晋中市" * 10 + "，") * 20  # 1220 characters, commas every 61
    sentences = split_sentences(with_commas)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.endswith("，") for s in sentences)
    assert "".join(s.text for s in sentences) == with_commas


def assert_sentence_invariants(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        assert "\n" not in s.text
        assert len(s.text) <= MAX_SENTENCE
        assert s.start >= previous_end
        previous_end = s.end
    # Nothing but whitespace is left out.
    assert non_space("".join(s.text for s in sentences)) == non_space(text)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_sentence_offsets_on_corpus(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8"))
    if looks_like_pdf_text(text):
        text = clean_text(join_broken_lines(text))
    assert_sentence_invariants(text)
    assert len(split_sentences(text)) > 20


SENTENCE_ALPHABET = st.sampled_from(
    list("山西晋中市榆次区 \t\n\u3000\u00a0。！？!?；…”’」』）)】》“（，,ab1")
)


@settings(max_examples=300)
@given(st.text(alphabet=SENTENCE_ALPHABET, max_size=300) | st.text(max_size=200))
def test_sentence_offsets_property(text: str) -> None:
    assert_sentence_invariants(text)


@settings(max_examples=30)
@given(st.text(alphabet=st.sampled_from(list("晋中，,  ")), min_size=501, max_size=2000))
def test_long_sentence_property(text: str) -> None:
    assert_sentence_invariants(text)


def test_a_long_unpunctuated_line_is_cut_into_sentences_that_tile_it() -> None:
    text = "晋中" * 600_000  # 1.2 million characters, one line, no punctuation
    sentences = split_sentences(text)
    assert len(sentences) == len(text) // MAX_SENTENCE
    assert all(s.end - s.start == MAX_SENTENCE for s in sentences)
    assert [s.start for s in sentences[1:]] == [s.end for s in sentences[:-1]]
    assert sentences[-1].end == len(text)


@pytest.mark.parametrize(
    ("text", "first_end"),
    [
        ("中" * 495 + "Huawei2024" + "中" * 100, 495),  # a Latin word and number stay whole
        ("中" * 499 + "葛\U000e0100" + "中" * 100, 499),  # a variation selector stays with its character
        ("中" * 600, MAX_SENTENCE),  # Chinese alone: at the limit
        ("a" * 600, MAX_SENTENCE),  # no safe place within reach: at the limit
    ],
    ids=["latin", "selector", "chinese", "one-word"],
)
def test_a_cut_without_punctuation_falls_at_a_safe_place(text: str, first_end: int) -> None:
    sentences = split_sentences(text)
    assert sentences[0].end == first_end
    assert "".join(s.text for s in sentences) == text


# --------------------------------------------------------------------------- sections


def _sentences_of(pieces: list[str]) -> tuple[str, tuple]:
    text = "".join(pieces)
    return text, split_sentences(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["山西晋中。", "榆次区汇通路！", "\n", "\n\n", "甲" * 30, "乙，" * 20]), max_size=80),
    st.integers(20, 400),
    st.integers(0, 100),
)
def test_sections_tile_the_text_at_sentence_starts(pieces: list[str], size: int, margin: int) -> None:
    text, sentences = _sentences_of(pieces)
    parts = sections(sentences, len(text), size=size, margin=margin)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    sentence_starts = {s.start for s in sentences}
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start and b.start in sentence_starts
    longest = max((s.end - s.start for s in sentences), default=0)
    for part in parts:
        assert part.start < part.end or len(parts) == 1
        if len(parts) > 1 and longest <= size:
            # a section ends where the next sentence starts (the first one starts at 0), so
            # the blanks around a sentence of nearly ``size`` may come on top
            gaps = [b.start - a.end for a, b in itertools.pairwise(sentences)]
            slack = sentences[0].start + max([len(text) - sentences[-1].end, *gaps])
            assert part.end - part.start <= size + slack
        # the text read holds the section, a margin of whole sentences, and exactly the
        # sentences listed
        assert part.read_start <= part.start and part.end <= part.read_end
        assert part.read_start == 0 or part.start - part.read_start >= margin
        assert part.read_end == len(text) or part.read_end - part.end >= margin
        inside = [s.index for s in sentences if part.read_start <= s.start and s.end <= part.read_end]
        assert inside == list(range(part.first, part.last))


def test_sections_prefer_paragraph_starts() -> None:
    paragraph = "山西晋中市推动高质量发展。" * 6  # 78 characters a paragraph
    text, sentences = _sentences_of([paragraph + "\n"] * 10)
    parts = sections(sentences, len(text), size=200, margin=20)
    assert len(parts) > 3
    assert all(text[p.start - 1] == "\n" for p in parts[1:])


def test_a_short_text_is_one_section() -> None:
    text, sentences = _sentences_of(["山西晋中。"] * 3)
    assert sections(sentences, len(text)) == sections(sentences, len(text), size=len(text))
    (only,) = sections(sentences, len(text))
    assert (only.start, only.end, only.read_start, only.read_end, only.first, only.last) == (0, len(text), 0, len(text), 0, 3)
