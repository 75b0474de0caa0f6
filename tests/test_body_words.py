"""The vocabulary of the suffix grammar (kg.extract.body_words): its patterns on examples."""

import pytest

from kg.extract.body_words import (
    EDITION_BEFORE,
    LEADING_DATE,
    LEADING_FIRST,
    LEADING_TRIM,
    NUMERAL_CLASSIFIER,
    SUB_EVENT,
    party_name,
)


@pytest.mark.parametrize(
    "text, date",
    [("2024年中欧班列", "2024年"), ("11月中欧班列", "11月"), ("8月份中欧班列", "8月份"), ("7月1日试点", "7月1日")],
)
def test_a_leading_date_is_read_to_its_end(text, date):
    assert LEADING_DATE.match(text).group() == date


def test_no_date_opens_an_ordinary_name():
    assert LEADING_DATE.match("中欧班列") is None and LEADING_DATE.match("第十届文化节") is None


def test_counts_and_editions():
    assert NUMERAL_CLASSIFIER.match("86场集中签约活动").group() == "86场"
    assert NUMERAL_CLASSIFIER.match("第十届") is None
    assert EDITION_BEFORE.search("第十六届") and EDITION_BEFORE.search("2024年") and not EDITION_BEFORE.search("大会")


def test_an_event_s_opening_after_its_name():
    assert SUB_EVENT.search("中国—亚欧博览会开幕式").group() == "开幕式"
    assert SUB_EVENT.search("开幕式") is None  # only after a name's last character


def test_leading_first_holds_the_first_character_of_every_leading_word():
    assert LEADING_FIRST == frozenset(w[0] for w in LEADING_TRIM)
    assert {"去", "今", "近"} <= LEADING_FIRST


@pytest.mark.parametrize("word, tag", [("保守党", "n"), ("新芬党", "n"), ("工人党", "n"), ("公明党", "n"), ("社会民主党", "nt")])
def test_a_party_s_one_word_name_is_a_party(word, tag):
    assert party_name(word, tag)


@pytest.mark.parametrize(
    "word, tag",
    [("执政党", "n"), ("反对党", "n"), ("黑手党", "n"), ("该党", "r"), ("两党", "n"), ("共产党", "nt"), ("工党", "n"), ("狐群狗党", "i"), ("从严治党", "nr")],
)
def test_a_kind_of_party_or_a_short_word_is_no_party_name(word, tag):
    assert not party_name(word, tag)
