"""The flat span view's readings (kg.flat_view), on mentions made by hand: each reading
changes only what the public corpora mark otherwise, and leaves the rest as it is."""

from types import SimpleNamespace

import pytest

from kg.flat_view import (
    congresses_as_bodies,
    doctrine_founders,
    governments_as_places,
    prize_founders,
    provinces_of_regions,
    split_region_of_two,
    surnames_of_address,
)
from kg.model import Mention, Token

#: What the founders' readings ask of the resources, with nothing in it: the short forms
#: are read off the words alone.
_NO_RESOURCES = SimpleNamespace(place_forms={}, person_stop=set(), lexicon_forms={}, dictionary={}, translit_chars=set())


def test_a_government_is_its_place_but_a_formal_peoples_government_stays_a_body():
    ms = [
        Mention(0, 5, "湛江市政府", "Organization", 0, "suffix:政府"),
        Mention(6, 13, "长治市人民政府", "Organization", 0, "suffix:人民政府"),
    ]
    out = governments_as_places(ms, {"湛江市", "长治市"})
    assert [(m.text, m.type) for m in out] == [("湛江市", "Place"), ("长治市人民政府", "Organization")]


def test_a_government_named_by_its_countrys_abbreviation_is_that_country():
    # 俄政府 of the rule abbreviation-body: 俄 is no place form, but the rule says it is one
    ms = [Mention(0, 3, "俄政府", "Organization", 0, "abbreviation-body"), Mention(4, 7, "俄央行", "Organization", 0, "abbreviation-body")]
    out = governments_as_places(ms, {"湛江市"})
    assert [(m.text, m.type) for m in out] == [("俄", "Place"), ("俄央行", "Organization")]


def test_a_towns_government_is_the_town_and_its_party_committee_a_body():
    ms = [Mention(0, 5, "高升镇政府", "Organization", 0, "suffix:政府"), Mention(6, 11, "薛埠镇党委", "Organization", 0, "suffix:党委")]
    out = governments_as_places(ms, {"湛江市"})
    assert [(m.text, m.type) for m in out] == [("高升镇", "Place"), ("薛埠镇党委", "Organization")]


def test_a_government_of_no_known_place_is_left_as_it_is():
    ms = [Mention(0, 4, "联邦政府", "Organization", 0, "suffix:政府")]
    assert governments_as_places(ms, {"湛江市"}) == ms


def test_the_partys_congress_is_a_body_and_other_events_stay():
    ms = [Mention(0, 5, "中共十五大", "Event", 0, "session"), Mention(6, 12, "全国人代会议", "Event", 0, "suffix:会议")]
    out = congresses_as_bodies(ms)
    assert [(m.text, m.type) for m in out] == [("中共十五大", "Organization"), ("全国人代会议", "Event")]


def test_a_region_of_two_is_split_and_other_places_are_not():
    assert [m.text for m in split_region_of_two(Mention(0, 4, "江淮流域", "Place", 0, "lexicon"))] == ["江", "淮"]
    assert [m.text for m in split_region_of_two(Mention(0, 4, "长江流域", "Place", 0, "lexicon"))] == ["长江流域"]


def test_bare_legislatures_and_level_party_committees_are_bodies_but_this_schools_is_not():
    from kg.flat_view import bare_bodies

    toks = [Token("厅党组", 0, 3, "n"), Token("一班人", 3, 6, "n"), Token("，", 6, 7, "x"), Token("立法会", 7, 10, "j"), Token("选举", 10, 12, "v")]
    assert [m.text for m in bare_bodies("厅党组一班人，立法会选举", toks, [])] == ["厅党组", "立法会"]
    toks = [Token("该", 0, 1, "r"), Token("校团委", 1, 4, "n"), Token("组织", 4, 6, "v")]
    assert bare_bodies("该校团委组织", toks, []) == []


def test_the_bare_communist_party_and_the_partys_congress_are_bodies_but_its_members_are_not():
    from kg.flat_view import bare_bodies

    toks = [Token("没有", 0, 2, "v"), Token("共产党", 2, 5, "nt"), Token("就", 5, 6, "d"), Token("十五大", 6, 9, "j"), Token("共产党员", 9, 13, "n")]
    assert [m.text for m in bare_bodies("没有共产党就十五大共产党员", toks, [])] == ["共产党", "十五大"]


def test_the_village_committees_elections_name_no_body():
    from kg.flat_view import bare_bodies

    toks = [Token("通过", 0, 2, "p"), Token("村委会", 2, 5, "n"), Token("选举", 5, 7, "v"), Token("，", 7, 8, "x"), Token("村委会", 8, 11, "n"), Token("主任", 11, 13, "n")]
    assert [(m.start, m.text) for m in bare_bodies("通过村委会选举，村委会主任", toks, [])] == [(8, "村委会")]


@pytest.mark.parametrize(
    "words, founders",
    [
        ([("本届", "r"), ("汤尤杯赛", "n"), ("揭幕战", "n")], ["汤", "尤"]),  # 汤姆斯 and 尤伯, one character each
        ([("力拼", "v"), ("汤杯", "nz"), ("，", "x"), ("誓夺", "v"), ("尤杯", "nr")], ["汤", "尤"]),
        ([("两队", "m"), ("角逐", "v"), ("汤姆斯杯", "nz")], []),  # the full name is no short form
    ],
)
def test_the_badminton_cups_short_forms_name_their_founders_by_one_character(words, founders):
    tokens, at = [], 0
    for w, pos in words:
        tokens.append(Token(w, at, at + len(w), pos))
        at += len(w)
    text = "".join(w for w, _ in words)
    assert [text[s:e] for s, e in prize_founders(tokens, _NO_RESOURCES)] == founders


def test_marxism_leninism_names_marx_and_lenin_by_one_character_and_other_doctrines_nobody():
    tokens = [Token("坚持", 0, 2, "v"), Token("马列主义", 2, 6, "n"), Token("、", 6, 7, "x"), Token("修正主义", 7, 11, "n")]
    assert doctrine_founders(tokens, _NO_RESOURCES) == [(2, 3), (3, 4)]


def _tokens(*words):
    out, at = [], 0
    for w, pos in words:
        out.append(Token(w, at, at + len(w), pos))
        at += len(w)
    return "".join(w for w, _ in words), out


@pytest.mark.parametrize(
    "words, surnames",
    [
        ([("到", "v"), ("吕家", "nr"), ("门庭", "n")], ["吕"]),  # a family
        ([("老于", "p"), ("把", "p"), ("重负", "n")], ["于"]),  # an elder
        ([("安排", "v"), ("吕老去", "nr"), ("怀柔", "ns")], ["吕"]),  # the verb glued on
        ([("李", "nr"), ("大娘", "n"), ("成", "v")], ["李"]),  # an address by age
        ([("到", "v"), ("刘家", "nr"), ("庄", "n")], []),  # a village
        ([("听", "v"), ("老师", "n"), ("讲课", "v")], []),  # a word of the dictionary
    ],
)
def test_a_surname_standing_for_a_person_is_a_flat_person_span(words, surnames):
    text, tokens = _tokens(*words)
    spans = surnames_of_address(text, tokens, {"吕", "于", "李", "刘", "师"}, {"老师"})
    assert [text[s:e] for s, e in spans] == surnames


def test_a_region_named_by_its_provinces_abbreviation_is_the_province_in_flat_spans():
    ms = [Mention(1, 3, "陕北", "Place", 0, "province-region"), Mention(5, 7, "陕西", "Place", 0, "gazetteer")]
    out = provinces_of_regions(ms)
    assert [(m.text, m.start, m.end) for m in out] == [("陕", 1, 2), ("陕西", 5, 7)]
