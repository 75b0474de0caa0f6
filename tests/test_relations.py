"""Relation rules, each on sentences of its own, and co-occurrence counts."""

import re
import signal

import pytest
from helpers import extract, relations, tools
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Document, Mention, Sentence
from kg.relations import TitleRun, cooccurrences
from kg.segment import TokenBounds


@pytest.mark.parametrize(
    "text, triple",
    [
        # holds_position: title between body and name, chains, shared titles, places
        ("晋中市委书记常书铭主持会议。", ("常书铭", "holds_position", "晋中市委")),
        ("全国人大代表、山西省委书记唐登杰出席。", ("唐登杰", "holds_position", "全国人大")),
        ("全国人大代表、山西省委书记唐登杰出席。", ("唐登杰", "holds_position", "山西省委")),
        ("新华社记者谢希瑶、郑钧天报道。", ("郑钧天", "holds_position", "新华社")),
        ("土耳其总统埃尔多安表示欢迎。", ("埃尔多安", "holds_position", "土耳其")),
        ("中国人民银行行长潘功胜表示，将继续实施稳健的货币政策。", ("潘功胜", "holds_position", "中国人民银行")),
        ("山西省发改委项目推进中心主任赵江燕说，项目进展顺利。", ("赵江燕", "holds_position", "山西省发改委")),  # a sub-unit
        ("福建宁德市委副书记、市长潘国强表示欢迎。", ("潘国强", "holds_position", "宁德市")),  # a mayor: the place too
        ("山西新元煤炭有限责任公司建成5G矿井。新元公司 5G+智能化矿井建设办公室主任冀杰说。", ("冀杰", "holds_position", "山西新元煤炭有限责任公司")),
        ("他说：“好。”山西省工业和信息化厅厅长潘海燕说。", ("潘海燕", "holds_position", "山西省工业和信息化厅")),
        # located_in: a place right before a name, 位于, 在…举行
        ("寿阳县山西新元煤炭有限责任公司建成智能矿井。", ("山西新元煤炭有限责任公司", "located_in", "寿阳县")),
        ("宁德时代新能源科技股份有限公司位于福建省宁德市。", ("宁德时代新能源科技股份有限公司", "located_in", "宁德市")),
        ("第三届“一带一路”国际合作高峰论坛在北京举行。", ("第三届一带一路国际合作高峰论坛", "located_in", "北京")),
        ("今年以来，山西密集举办光伏产业链协同发展推进会、智能制造推进大会。", ("智能制造推进大会", "located_in", "山西")),
        ("山西的吕梁革命老区和太行革命老区是精神高地。", ("太行革命老区", "located_in", "山西")),  # A的B和C
        ("在艾奥瓦州马斯卡廷小镇结识朋友。", ("马斯卡廷", "part_of", "艾奥瓦州")),  # a foreign town of a state
        # part_of: administrative nesting the gazetteer confirms
        ("福建宁德市委副书记潘国强表示欢迎。", ("宁德市", "part_of", "福建")),
        ("他在晋中市祁县调研。", ("祁县", "part_of", "晋中市")),
        ("代表团抵达法国巴黎。", ("巴黎", "part_of", "法国")),
        (  # a dateline gives the place of the event its first sentence reports
            "新华社重庆4月23日电 中共中央总书记习近平23日下午主持召开新时代推动西部大开发座谈会。",
            ("新时代推动西部大开发座谈会", "located_in", "重庆"),
        ),
        # visited
        ("习近平总书记在山西考察调研。", ("习近平", "visited", "山西")),
        ("江苏省委书记信长星来到苏州工业园区考察。", ("信长星", "visited", "苏州工业园区")),
        ("正在希腊访问的习近平主席走进雅典卫城博物馆。", ("习近平", "visited", "希腊")),
        ("法国总统马克龙访华期间，两国签署文件。", ("马克龙", "visited", "中国")),
        # attended: trigger, a list of names, a bare 座谈会 resolved to the named one
        ("习近平出席二十国集团领导人峰会。", ("习近平", "attended", "二十国集团领导人峰会")),
        ("李强、丁薛祥出席新时代推动西部大开发座谈会。", ("李强", "attended", "新时代推动西部大开发座谈会")),
        (
            "新时代推动西部大开发座谈会在重庆召开。李强、丁薛祥出席座谈会。",
            ("丁薛祥", "attended", "新时代推动西部大开发座谈会"),
        ),
        ("世界经济论坛2017年年会上，习近平发表主旨演讲。", ("习近平", "attended", "世界经济论坛2017年年会")),
        ("2020年第七十五届联合国大会一般性辩论，习近平主席作出承诺。", ("习近平", "attended", "2020年第七十五届联合国大会一般性辩论")),
        ("习近平在十四届全国人大一次会议上发表讲话。", ("习近平", "attended", "十四届全国人大一次会议")),
        # proposed
        ("2021年，习近平提出全球发展倡议。", ("习近平", "proposed", "全球发展倡议")),
        # participates_in, also through 我省
        ("山西积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        ("山西是能源大省。我省积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        # cooperates_with (symmetric: stored sorted)
        ("山西国际能源集团与榆社县人民政府签约，共建光伏电站。", ("山西国际能源集团", "cooperates_with", "榆社县人民政府")),
        ("吕梁市与天津市南开区已签署战略合作协议。", ("吕梁市", "cooperates_with", "南开区")),  # the innermost place
        # met
        ("国家主席习近平在人民大会堂会见美国总统拜登。", ("习近平", "met", "拜登")),
        ("习近平同俄罗斯总统普京举行会谈。", ("习近平", "met", "普京")),
        # a list with 和夫人 shares the trigger; X的…Y: the tail is the head of the phrase
        ("习近平主席和夫人彭丽媛接待当年马斯卡廷的房东德沃切克夫妇一家。", ("习近平", "met", "德沃切克")),
    ],
)
def test_relation_found(text, triple):
    found = relations(text)
    h, r, t = triple
    if r in ("cooperates_with", "met"):
        assert (h, r, t) in found or (t, r, h) in found
    else:
        assert triple in found


@pytest.mark.parametrize(
    "text, triple",
    [
        # a place inside a company name is not a located_in
        ("太原重型机械集团有限公司生产轮轴。", ("太原重型机械集团有限公司", "located_in", "太原")),
        # two divisions side by side are a list, not a nesting
        ("山西和河北加强合作。", ("河北", "part_of", "山西")),
        # a call or a wish states no fact
        ("希望山西积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        # the visit belongs to the person described by the 的-clause, not to the subject
        ("国家主席习近平在人民大会堂会见来华进行国事访问的法国总统马克龙。", ("习近平", "visited", "法国")),
        # a company's sub-unit after a place: the post is not in the place
        ("山西裕容能源低碳云中心总经理尉言说。", ("尉言", "holds_position", "山西")),
        # a title with no named body gives no holds_position
        ("市委书记常书铭主持会议。", ("常书铭", "holds_position", "市委")),
    ],
)
def test_relation_not_found(text, triple):
    assert triple not in relations(text)


def test_evidence_points_into_the_text():
    text = "晋中市委书记常书铭主持会议。山西国际能源集团与榆社县人民政府签约。"
    dx = extract(text, doc_id="d1")
    assert dx.relations
    for r in dx.relations:
        for ev in r.evidence:
            assert ev.doc == "d1"
            assert text[ev.start : ev.end] in ev.text
            sent = dx.sentences[ev.sentence]
            assert sent.text == ev.text and text[sent.start : sent.end] == ev.text
            assert ev.rule


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


# ---------------------------------------------------------------------- linear time
def _title_pattern(titles, sub_unit):
    """The pattern TitleRun replaces: the language it must keep, on short gaps."""
    alt = "|".join(re.escape(t) for t in titles)
    one = rf"(?:国家|党组|党委|常务|执行|首席|第一|总|副|代|原|前|驻\S{{1,6}})*(?:{alt})"
    unit = r"(?:[\u4e00-\u9fffA-Za-z0-9+＋ ]{1,14}?(?:中心|办公室|处|科|室|所|站|队|分公司|研究院|事业部|工作部))?"
    return re.compile(rf"^[\s、，,]*{unit if sub_unit else ''}(?:{one}[\s、，,和兼及暨]*)+$")


TITLES = tools().resources.titles
GAP_PIECES = [*TITLES[:30], "国家", "常务", "总", "副", "代", "前", "驻", "华", "、", "，", " ", "\n", "和", "兼", "中心", "项目推进", "处", "A1", "说", "的", "经理", "总经理"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(GAP_PIECES), max_size=7), st.booleans())
def test_title_runs_are_the_language_of_the_pattern(pieces, sub_unit):
    gap = "".join(pieces)
    assert TitleRun(TITLES, sub_unit).match(gap) == bool(_title_pattern(TITLES, sub_unit).match(gap))


def test_a_gap_of_many_titles_is_read_once():
    # the pattern tried every way of cutting 副总经理… into words before failing at the
    # end: 80 characters took seconds, 160 never ended
    gap = "副总经理" * 2000 + "说"

    def expired(*_):  # a safety net, not a speed test: the gap takes milliseconds now
        raise TimeoutError("still running after 20 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    try:
        assert not TitleRun(TITLES).match(gap)
        assert TitleRun(TITLES).match(gap[:-1])
        assert not TitleRun(TITLES, sub_unit=True).match(gap)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_relations_from_token_bounds_equal_those_from_tokens():
    dx = extract("国家主席习近平在北京会见法国总统马克龙。山西省委书记唐登杰在晋中市调研，他强调要抓好招商。")
    t = tools()
    tokens = t.segmenter.tokens(dx.doc.text)
    args = (dx.doc, dx.sentences, dx.mentions)
    with_tokens = t.relations.find(*args, tokens)
    assert with_tokens and t.relations.find(*args, TokenBounds.of(tokens, len(dx.doc.text))) == with_tokens
