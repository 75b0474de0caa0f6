"""led_finditer gives exactly the matches of finditer, trying the pattern near its lead only."""

import random
import re

from kg.extract.scan import led_finditer, word_lead


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_word_lead_finds_the_longest_word_first():
    lead = word_lead(["会议", "大会", "会"])
    assert [m.group() for m in lead.finditer("召开大会和会议")] == ["大会", "会议"]


def test_optional_prefix_is_kept():
    # the prefix belongs to the match, as finditer finds it, though the lead is the role word
    role = re.compile(r"(?:特约|实习)?(?:记者|实习生)")
    lead = word_lead(["特约", "实习", "记者", "实习生"])
    text = "特约记者张三、实习生李四，记者王五"
    assert _spans(led_finditer(role, lead, text)) == _spans(role.finditer(text))
    assert [m.group() for m in led_finditer(role, lead, text)] == ["特约记者", "实习生", "记者"]


def test_back_finds_a_match_starting_before_its_lead():
    # a surname of one or two characters before a title: the match starts before the title
    pat = re.compile(r"([\u4e00-\u9fff]{1,2}?)(书记|总)(?![\u4e00-\u9fff]?[长记])")
    lead = word_lead(["书记", "总"])
    text = "李书记说，欧阳总来了，总书记到了"
    assert _spans(led_finditer(pat, lead, text, back=2)) == _spans(pat.finditer(text))
    assert [m.group() for m in led_finditer(pat, lead, text, back=2)] == ["李书记", "欧阳总", "总书记"]


def test_anchors_and_lookbehinds_see_the_whole_text():
    pat = re.compile(r"(?:^|(?<=[（(]))(新华社|本报)(?=讯|记者)", re.MULTILINE)
    lead = word_lead(["新华社", "本报"])
    text = "本报讯 他说\n新华社记者（本报记者）和新华社记者"
    assert _spans(led_finditer(pat, lead, text)) == _spans(pat.finditer(text))
    assert len(list(led_finditer(pat, lead, text))) == 3


def test_random_texts_match_finditer():
    pat = re.compile(r"(?P<dem>本次|该)?(?P<event>会议|大会|会)")
    lead = word_lead(["本次", "该", "会议", "大会", "会"])
    rng = random.Random(1)
    pieces = ["本次", "该", "会议", "大", "会", "议", "本", "次", "，"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert _spans(led_finditer(pat, lead, text)) == _spans(pat.finditer(text)), text
