"""Settling overlapping candidates (kg.extract.candidates), against the rule written plainly."""

import pytest
from helpers import entities, tools
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.candidates import Candidate, NameChecks, resolve_overlaps


def test_overlap_longest_then_priority_then_earliest():
    a = Candidate(0, 4, "Place", "gazetteer", 2)
    b = Candidate(0, 6, "Organization", "suffix:委", 1)
    c = Candidate(5, 8, "Person", "pos:name", 1)
    kept = resolve_overlaps([a, b, c])
    assert [(k.start, k.end) for k in kept] == [(0, 6)]


# ---------------------------------------------------------------------- linear time
def _pairwise_overlaps(cands):
    """The overlap rule written plainly, every candidate against every kept span."""
    nested = [c for c in cands if c.priority == 0]
    main = sorted((c for c in cands if c.priority > 0), key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    chosen, seen = [], set()
    for c in main:
        if (c.start, c.end) in seen or any(c.start < k.end and k.start < c.end for k in chosen):
            continue
        seen.add((c.start, c.end))
        chosen.append(c)
    kept = {(c.start, c.end) for c in chosen}
    for n in nested:
        if (n.start, n.end) not in kept and any(
            c.start <= n.start and n.end <= c.end and (c.rule.startswith("suffix:") or c.rule == "abbreviation-body") for c in chosen
        ):
            chosen.append(n)
            kept.add((n.start, n.end))
    return sorted(chosen, key=lambda c: (c.start, -(c.end - c.start)))


CANDIDATE = st.builds(
    lambda s, n, typ, rule, prio: Candidate(s, s + n, typ, rule, prio),
    st.integers(0, 30),
    st.integers(0, 9),
    st.sampled_from(["Place", "Person"]),
    st.sampled_from(["suffix:委", "abbreviation-body", "gazetteer", "nested-place", "pos:name"]),
    st.integers(0, 3),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(CANDIDATE, max_size=40))
def test_overlaps_resolve_as_the_pairwise_rule_does(cands):
    assert resolve_overlaps(cands) == _pairwise_overlaps(cands)


class _Counted:
    """A candidate that counts how often its offsets are read."""

    reads = 0

    def __init__(self, start, end):
        self._start, self._end = start, end
        self.priority, self.rule = 1, "gazetteer"

    @property
    def start(self):
        _Counted.reads += 1
        return self._start

    @property
    def end(self):
        _Counted.reads += 1
        return self._end


def test_overlaps_read_each_candidate_a_few_times_not_once_per_kept_span():
    # 3,000 names side by side: testing each against every kept span read the offsets
    # millions of times (quadratic); the candidates are now sorted and marked once each
    cands = [_Counted(3 * k, 3 * k + 2) for k in range(3000)]
    _Counted.reads = 0
    kept = resolve_overlaps(cands)
    assert len(kept) == 3000
    assert _Counted.reads < 20 * len(cands)


def test_a_character_before_a_suffix_ends_a_word_unless_it_ends_a_field():
    from kg.extract.candidates import not_before_suffix

    assert not_before_suffix("中东政局", 2, "局")  # 政局: the political situation
    assert not_before_suffix("顾全大局", 2, "局")
    assert not not_before_suffix("市财政局", 2, "局")  # 财政 | 局: a bureau
    assert not not_before_suffix("统计局", 1, "局")  # 计 blocks nothing
    assert not not_before_suffix("政局", -1, "局")  # nothing before the suffix
    # a room of a building, the middle of a place: no body
    assert not_before_suffix("人民大会堂宴会厅", 6, "厅")
    assert not_before_suffix("总台一号演播厅", 5, "厅")
    assert not not_before_suffix("山西省商务厅", 4, "厅")  # 商务 | 厅: a department
    assert not_before_suffix("以武汉都市圈为中心", 6, "中心")
    assert not_before_suffix("天安门广场中心", 4, "中心")
    assert not not_before_suffix("国家信息中心", 3, "中心")


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("中央援港物资今天运抵香港。", "中央援港"),  # 援港: aid to Hong Kong, no port
        ("张家口冬残奥村闭村。", "冬残奥村闭村"),  # 闭村: the village closes
        ("冬奥村是运动员和随队官员的赛时之家。", "冬奥村是运动员和随队"),  # 随队: with the team
    ],
)
def test_hong_kong_after_a_verb_and_a_village_s_closing_are_no_place_names(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("政策惠及很多普通家庭。", "普通家庭"),
        ("企业要抓住商业机会。", "商业机会"),
        ("禁止在公共场所吸烟。", "公共场所"),
        ("中国越来越走近国际舞台中央。", "国际舞台"),
        ("全党全军要坚决贯彻。", "全党全军"),
        ("老北京四合院修缮一新。", "四合院"),
        ("他看到哥哥脸部受伤。", "哥哥脸部"),
        # a body's last character opening 部门, the word for a department
        ("宜宾市人社部门提前与厦门市人社部门对接。", "宜宾市人社部"),
        ("全市人社部门要抓好落实。", "人社部"),
        # kinds of company or of gang, named by what they are (not_entities)
        ("其中实体上市公司营业收入同比增长13.9%。", "实体上市公司"),
        ("总计打掉涉黑组织160余个、恶势力集团1000多个。", "恶势力集团"),
        # kinds of state body, party and meeting the dictionary tags as bodies' names
        ("丰富和发展人民代表大会制度的理论和实践。", "人民代表大会"),
        ("各级人民法院落实完善案件阅核制度。", "人民法院"),
        ("认真履行参政党职能。", "参政党"),
        ("总书记参加农业界、社会福利和社会保障界联组会。", "联组会"),
    ],
)
def test_ordinary_nouns_ending_in_a_body_s_character_are_no_bodies(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, body",
    [
        ("中央电视台报道了这一消息。", "中央电视台"),
        ("北京市第一中级人民法院审理此案。", "北京市第一中级人民法院"),
        ("中国艺术研究院举办展览。", "中国艺术研究院"),
        ("联合国亚太经社会发布报告。", "联合国亚太经社会"),
        ("最高人民法院发布年度报告。", "最高人民法院"),
        ("全国人民代表大会第三次会议在京开幕。", "全国人民代表大会"),
    ],
)
def test_bodies_ending_in_those_characters_stay_bodies(text, body):
    assert (body, "Organization") in entities(text)


def test_a_port_after_its_city_is_still_a_port():
    assert ("青岛港", "Place") in entities("青岛港集装箱吞吐量创新高。")


def test_a_title_and_the_word_after_it_are_no_chinese_name():
    # 沙特王储兼首相穆罕默德: the tagger files 王储 as a name's start, and 兼 after it
    checks = NameChecks(tools().resources)
    assert not checks.plausible_chinese_name("王储兼", strict=False)
    assert not checks.plausible_chinese_name("总统府", strict=False)
    assert checks.plausible_chinese_name("王毅", strict=False)
    assert checks.plausible_chinese_name("王储文", strict=False) is False  # opens with the title 王储
    assert checks.plausible_chinese_name("王文涛", strict=False)


def test_a_surname_or_verb_before_a_title_and_a_doubled_word_are_no_names():
    checks = NameChecks(tools().resources)
    for word in ("任组长", "王部长", "蒙蒙亮"):  # 他任组长, 王部长表示, 天蒙蒙亮
        assert not checks.plausible_chinese_name(word, strict=False), word
    assert checks.plausible_chinese_name("王东峰", strict=False)


def test_a_city_or_a_province_the_tagger_reads_as_a_name_is_no_person():
    # 新泽西州韦恩市一所高中: 韦恩市 is tagged nr; a city's or a province's character ends no given name
    checks = NameChecks(tools().resources)
    for word in ("韦恩市", "焦夫省"):
        assert not checks.plausible_chinese_name(word, strict=False), word
    assert ("韦恩市", "Person") not in entities("美国新泽西州韦恩市一所高中发生枪击事件。")


@pytest.mark.parametrize("word", ["锦绣河山", "半壁江山", "江河湖海", "人山人海", "五洲四海", "港人治港"])
def test_four_character_set_phrases_the_dictionary_files_as_places(word):
    from kg.extract.candidates import set_phrase

    assert set_phrase(word)
    assert not any(t == "Place" for _n, t in entities(f"领略祖国的{word}。"))


@pytest.mark.parametrize("word", ["千岛群岛", "山东泰山", "永定河", "长江三峡"])
def test_places_with_a_repeated_character_are_no_set_phrases(word):
    from kg.extract.candidates import set_phrase

    assert not set_phrase(word)


def test_uncued_dictionary_name_that_opens_with_a_word_is_a_thing():
    # with no cue (strict), a word the dictionary files as a name whose first two characters
    # are a word of their own is a thing: 白皮|书, 龙卷|风, 计时|赛
    checks = NameChecks(tools().resources)
    for word in ("白皮书", "龙卷风", "计时赛", "马头琴", "高中生"):
        assert not checks.plausible_chinese_name(word, strict=True), word
    assert checks.plausible_chinese_name("计时赛", strict=False)  # with a cue the test is not asked
    assert not checks.plausible_chinese_name("白皮书", strict=False)  # a stop word of news (person_stop)
    # 家 in the middle opens given names, and a compound surname is no word before a name
    for name in ("王家瑞", "欧阳修", "王沪宁", "胡春华"):
        assert checks.plausible_chinese_name(name, strict=True), name


def test_a_run_of_place_abbreviations_is_no_name():
    checks = NameChecks(tools().resources)
    assert not checks.plausible_chinese_name("冀豫鲁", strict=False)  # 冀豫鲁等地出现大雾
    assert checks.plausible_chinese_name("鲁豫", strict=False)  # two characters may be a name


@pytest.mark.parametrize(
    "text, body, wrong",
    [
        # 某部, 该局: "a certain unit", "this bureau" end no body's name
        ("他还深入到解放军某部体验生活。", "解放军", "解放军某部"),
        ("武警某部官兵奔赴灾区。", "武警", "武警某部"),
    ],
)
def test_a_certain_unit_is_no_body_s_name(text, body, wrong):
    found = {n for n, _t in entities(text)}
    assert body in found and wrong not in found
