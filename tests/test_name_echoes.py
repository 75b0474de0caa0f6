"""Other mentions of a person named in the document (kg.extract.name_echoes)."""

import pytest
from helpers import relations

from kg.config import Settings
from kg.extract.document import extract_document, make_tools
from kg.model import Document

_TOOLS = make_tools(Settings())


def _people(text):
    dx = extract_document(Document(id="t", text=text, title="", date="", source="", path=""), _TOOLS)
    return [(m.text, m.start, m.rule) for m in dx.mentions if m.type == "Person"]


def test_a_name_found_once_is_found_where_the_segmenter_cut_it_otherwise():
    text = "韩正在河北雄安新区调研。国务院副总理韩正表示，要高标准建设。"
    found = _people(text)
    assert ("韩正", 0, "person:repeated") in found
    assert any(n == "韩正" and s > 0 for n, s, _r in found)


def test_a_repeated_name_ends_where_a_title_after_it_starts():
    # 韩 | 正副 | 主席: the segmenter glued the title's 副 to the name
    found = _people("国家副主席韩正出席。韩正副主席来印尼出席就职仪式。")
    assert ("韩正", 10, "person:repeated") in found


def test_a_repeated_name_gives_the_relation_of_its_sentence():
    text = "李克强会见厄瓜多尔总统拉索。在会见拉索时，李克强表示，厄方是重要合作伙伴。"
    assert any(m[0] == "拉索" and m[2] == "person:repeated" for m in _people(text))
    assert ("拉索", "met", "李克强") in relations(text) or ("李克强", "met", "拉索") in relations(text)


def test_a_preposition_glued_to_the_name_opens_no_other_word():
    # the segmenter reads 同法 | 耶 and 和普京: the name is found after the preposition
    text = "塞内加尔总统法耶抵达北京。赵乐际表示，习近平主席同法耶总统举行了会谈。"
    assert any(m[0] == "法耶" and m[2] == "person:repeated" for m in _people(text))
    assert ("习近平", "met", "法耶") in relations(text) or ("法耶", "met", "习近平") in relations(text)
    text = "俄罗斯总统普京访华。习近平主席和普京总统三度会晤。"
    assert ("习近平", "met", "普京") in relations(text) or ("普京", "met", "习近平") in relations(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a longer name runs on after the name's characters
        ("国务院总理李强出席会议。李强国是另一位代表。", "李强"),
        # a place's word after a foreign name: the place
        ("秘鲁总统博鲁阿尔特表示欢迎。博鲁阿尔特港口建设顺利。", "博鲁阿尔特"),
    ],
)
def test_no_repeat_where_a_longer_word_runs_on(text, wrong):
    assert [m for m in _people(text) if m[0] == wrong and m[2] == "person:repeated"] == []


def test_an_ordinary_word_read_once_as_a_name_is_not_looked_for():
    # 雷达 is a word of the dictionary: its other uses name nobody
    from kg.extract.name_echoes import _looked_for

    assert not _looked_for(_TOOLS.resources, "雷达")
    assert not _looked_for(_TOOLS.resources, "尔茨")  # no name opens with 尔
    assert _looked_for(_TOOLS.resources, "拉索")


def test_no_repeat_inside_a_dotted_name():
    text = "今天，特莎参加了资格赛。特莎·莫德拍到的志愿者就是孙泽宇。"
    assert [m for m in _people(text) if m[0] == "特莎" and m[2] == "person:repeated"] == []


def test_occurrences_are_those_of_an_automaton_in_its_order():
    import random

    import ahocorasick_rs

    from kg.extract.name_echoes import occurrences

    rng = random.Random(3)
    for _ in range(300):
        forms = list(dict.fromkeys("".join(rng.choice("李强张王毅") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))))
        text = "".join(rng.choice("李强张王毅说") for _ in range(rng.randint(0, 40)))
        want = [tuple(x) for x in ahocorasick_rs.AhoCorasick(forms).find_matches_as_indexes(text, overlapping=True)]
        assert occurrences(forms, text) == want, (forms, text)
