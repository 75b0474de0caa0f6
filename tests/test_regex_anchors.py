"""Searches anchored at the words every match holds (kg.extract.regex_anchors): the same
matches as the plain regular expression, on texts made to catch the edges."""

from __future__ import annotations

import random
import re

import pytest

from kg.extract.regex_anchors import Anchored, words_and_widths

PATTERNS = [
    r"[\u4e00-\u9fff]{2,4}队",  # a word at the end, greedy before it
    r"(?<![A-Z])[\u4e00-\u9fff]{1,3}(?:家|村)(?=[^庄])",  # lookbehind, lookahead after the end
    r"(?m:^|(?<=[。\s]))(?P<_span>[\u4e00-\u9fff]{2,3})[ ]?摄(?=$|[\s)）])",  # ^ and $ in lines
    r"[\u4e00-\u9fff](?:卫生部|外交部|国务院)",
    r"[\u4e00-\u9fff]{1,2}第[届屆]\b",
    r"[\u4e00-\u9fff]{1,2}(?:快讯|讯|电)",
]


def _spans(found):
    return [(m.span(), m.groups(), m.groupdict()) for m in found]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_matches_as_the_plain_pattern(pattern):
    regex = re.compile(pattern)
    anchored = Anchored.of(regex)
    assert anchored is not None
    rng = random.Random(7)
    alphabet = "队家村庄摄第届屆卫生部外交国务院快讯电甲乙丙丁戊 。\nAB"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert _spans(anchored.finditer(text)) == _spans(regex.finditer(text)), text
        for pos in (0, 1, 5, 17):
            a, b = anchored.search(text, pos), regex.search(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)


def test_words_are_spelt_out_of_runs_and_reduced_to_the_shortest():
    words, width, reach = words_and_widths(r"[\u4e00-\u9fff]第[届屆](?=中)")
    assert words == {"第届", "第屆"} and width == 3 and reach == 4
    assert words_and_widths(r"[\u4e00-\u9fff]{1,2}(?:快讯|讯|电)")[0] == {"讯", "电"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"[\u4e00-\u9fff]+队",  # no bound on the width
        r"[\u4e00-\u9fff]{2,4}",  # no word every match holds
        r"“[^”]{1,9}”",  # opens with a known character: re skips to it itself
        r"(?:主席|总理)[\u4e00-\u9fff]{2}",  # opens with a list of words
        r"(?i:[a-z]{2}x)",  # case-insensitive
        r"[\u4e00-\u9fff]?",  # may match the empty string
        r"([\u4e00-\u9fff])\1队",  # a back reference
    ],
)
def test_patterns_left_as_they_are(pattern):
    assert Anchored.of(re.compile(pattern)) is None


def test_overlapping_search_from_each_start():
    regex = re.compile(r"[\u4e00-\u9fff]{2,4}队")
    anchored = Anchored.of(regex)
    text = "甲乙丙丁队队戊己队"
    got, want = [], []
    for out, r in ((got, anchored), (want, regex)):
        m = r.search(text)
        while m is not None:
            out.append(m.span())
            m = r.search(text, m.start() + 1)
    assert got == want and len(got) > 2
