"""Relation rules, each on sentences of its own, and co-occurrence counts."""

import re
import signal

import pytest
from helpers import entities, extract, relations, tools
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Document, Mention, Sentence
from kg.extract.relations import TitleRun, cooccurrences
from kg.extract.segment import TokenBounds


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
        # a bare title takes the place of its level named before it in the sentence
        ("省委常委、太原市委书记韦韬，市委副书记、市长张新伟出席签约仪式。", ("张新伟", "holds_position", "太原市")),
        ("大同市委书记卢东亮，市人大常委会主任刘建勇，市政协主席王宏出席活动。", ("王宏", "holds_position", "大同市")),
        ("湖北省委书记王忠林，省委副书记、省长李殿勋在武汉会见客人。", ("李殿勋", "holds_position", "湖北省")),
        # … or after it, when none stands before (not where the person goes)
        ("受省委书记王忠林委托，省长李殿勋率湖北省代表团前往广东省考察。", ("王忠林", "holds_position", "湖北省")),
        ("省委书记、省人大常委会主任王忠林强调，全面落实习近平总书记视察湖北时的重要讲话。", ("王忠林", "holds_position", "湖北")),
        # a title sharing the body's last character
        ("国防部长董军会见来访客人。", ("董军", "holds_position", "国防部")),
        ("中共中央政治局委员、外交部长王毅出席。", ("王毅", "holds_position", "中共中央政治局")),
        # envoys and founders
        ("微软公司联合创始人比尔·盖茨发表演讲。", ("比尔·盖茨", "holds_position", "微软公司")),
        # visits: the guest of 对X一行来Y, a list of places before 进行…访问, 前往/亲临/察看
        ("刘宁对张国清一行来南宁考察表示欢迎。", ("张国清", "visited", "南宁")),
        ("王忠林率团对越南和老挝进行友好访问。", ("王忠林", "visited", "老挝")),
        ("河南省委书记楼阳生率河南省代表团前往浙江省考察学习。", ("楼阳生", "visited", "浙江省")),
        ("王忠林现场察看宜昌港作业情况。", ("王忠林", "visited", "宜昌港")),
        # a clause opened by the site of a tour
        ("王忠林来到东风汽车集团有限公司，走进展厅，在武汉钢铁有限公司，听取企业情况介绍。", ("王忠林", "visited", "武汉钢铁有限公司")),
        ("在东风汽车集团有限公司，李殿勋察看新能源汽车生产线。", ("李殿勋", "visited", "东风汽车集团有限公司")),
    ],
)
def test_official_activity_relation_found(text, triple):
    assert triple in relations(text)


@pytest.mark.parametrize(
    "text, triple",
    [
        # a bare title with no place of its level in the sentence names no body
        ("市委书记韦韬主持会议。", ("韦韬", "holds_position", "山西省")),
        ("省长李殿勋说，武汉市发展很快。", ("李殿勋", "holds_position", "武汉市")),  # a city is not a province
        ("市长张新伟在北京会见客人。", ("张新伟", "holds_position", "北京")),  # where he is, not his city
        ("太原市政府副秘书长王强出席。", ("王强", "holds_position", "太原市")),  # titles after a name, not a mark
        # bare bodies are not entities: 市人大常委会主任 holds no post in 人大常委会
        ("大同市委书记卢东亮，市人大常委会主任刘建勇出席。", ("刘建勇", "holds_position", "人大常委会")),
        ("市委常委、统战部部长高峰出席。", ("高峰", "holds_position", "统战部")),
        # a government's mayor holds the post in the government named, not in the place too
        ("太原市人民政府副市长王强致辞。", ("王强", "holds_position", "太原市")),
        # the host of 对X一行来Y does not visit Y
        ("刘宁对张国清一行来南宁考察表示欢迎。", ("刘宁", "visited", "南宁")),
        ("刘宁对客人一行来南宁考察表示欢迎。", ("刘宁", "visited", "南宁")),  # the guest is not named
        # who welcomes or hosts a delegation does not visit
        ("林文今天午宴欢迎访台团成员。", ("林文", "visited", "台湾省")),
        # a place in a later clause is not the place of the visit
        ("沈明对代表团到访表示欢迎，感谢各界给予湖南的支持。", ("沈明", "visited", "湖南")),
        # 在X， frames a tour only with a body or company, not a city
        ("在北京，李强听取汇报。", ("李强", "visited", "北京")),
    ],
)
def test_official_activity_relation_not_found(text, triple):
    assert triple not in relations(text)


def test_bare_bodies_are_not_entities():
    found = entities("大同市委书记卢东亮，市人大常委会主任刘建勇，市政协主席王宏出席。市委常委、统战部部长高峰讲话。")
    names = {n for n, _ in found}
    assert not names & {"人大常委会", "政协", "统战部"}
    assert ("刘建勇", "Person") in found
    # a body with its place is a name
    assert ("山西省人大常委会", "Organization") in entities("山西省人大常委会主任王某出席。山西省人大常委会召开会议。")



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


# attended through a bare event word: the article names the event once, then says 出席会议,
# …等出席活动, 出席开幕大会, 在开幕式上; the verb is shared by a list of titled names
@pytest.mark.parametrize(
    "text, triples",
    [
        (  # 出席会议 is one token; 会议 stands for a named 论坛
            "第五届中欧城市合作论坛在成都开幕。市长王志刚、副市长李明出席会议。",
            [("王志刚", "attended", "第五届中欧城市合作论坛"), ("李明", "attended", "第五届中欧城市合作论坛")],
        ),
        (  # 活动 stands for any named event when it is what is attended
            "2024中部投资贸易博览会在南昌开幕。省委书记张伟、省长刘强等出席活动。",
            [("张伟", "attended", "2024中部投资贸易博览会"), ("刘强", "attended", "2024中部投资贸易博览会")],
        ),
        (  # the opening of an exhibition is the exhibition
            "第九届中国西部国际博览会在成都举行。国务院副总理王强出席开幕大会并致辞。",
            [("王强", "attended", "第九届中国西部国际博览会")],
        ),
        ("第六届世界智能大会在天津开幕。市长张工在开幕式上致辞。", [("张工", "attended", "第六届世界智能大会")]),
        ("全省民营经济发展推进会在太原召开。副省长李明主持会议。", [("李明", "attended", "民营经济发展推进会")]),
        (  # bare bodies before the titles of a list (市政协主席) do not break it
            "全省民营经济发展推进会在太原召开。市委书记张伟，市人大常委会主任刘强、市政协主席陈明出席会议。",
            [("张伟", "attended", "民营经济发展推进会"), ("陈明", "attended", "民营经济发展推进会")],
        ),
        (  # 会议 after a second meeting is that meeting
            "全省民营经济发展推进会在太原召开。全省安全生产工作会议在大同召开。副省长李明出席会议。",
            [("李明", "attended", "安全生产工作会议")],
        ),
        (  # the guests described by 出席…的 attend, not the one who meets them
            "国家主席习近平会见来华出席第三届中国国际进口博览会的法国总统马克龙。",
            [("马克龙", "attended", "第三届中国国际进口博览会")],
        ),
    ],
)
def test_attended_through_an_event_word(text, triples):
    found = relations(text)
    for triple in triples:
        assert triple in found


@pytest.mark.parametrize(
    "text, triple",
    [
        # an event word with no named event in the article gives nothing
        ("市长王志刚出席会议并讲话。副市长李明出席签约仪式。", None),
        # 参加工作 (began working) and 参加会见 are no attendance of the named event
        ("第五届中欧城市合作论坛在成都开幕。王志刚1985年参加工作。", None),
        ("第五届中欧城市合作论坛在成都开幕。市长王志刚参加会见。", None),
        # a modified meeting word names a meeting of its own (召开专题会议)
        ("全省民营经济发展推进会在太原召开。次日，副省长李明主持召开专题会议。", None),
        # 会议 is no exhibition; 开展招商活动 is no attendance
        ("2024中部投资贸易博览会在南昌开幕。副市长李明主持会议。", None),
        ("2024中部投资贸易博览会在南昌开幕。省长刘强强调，要开展招商活动。", None),
        # the nearer meeting, not the first one named
        (
            "全省民营经济发展推进会在太原召开。全省安全生产工作会议在大同召开。副省长李明出席会议。",
            ("李明", "attended", "民营经济发展推进会"),
        ),
        # the host who meets the guests of an event does not attend it by that sentence
        ("国家主席习近平会见来华出席第三届中国国际进口博览会的法国总统马克龙。", ("习近平", "attended", "第三届中国国际进口博览会")),
    ],
)
def test_attended_not_through_an_event_word(text, triple):
    found = relations(text)
    if triple is None:
        assert not [r for r in found if r[1] == "attended"]
    else:
        assert triple not in found


@pytest.mark.parametrize(
    "text, expected",
    [
        # the organisers of an event attend it: 由…主办的, …由A主办，B承办，C协办, A举办
        (
            "由国家发展改革委、江西省人民政府联合主办的第二届中部投资贸易博览会在南昌开幕。",
            {("国家发展改革委", "第二届中部投资贸易博览会"), ("江西省人民政府", "第二届中部投资贸易博览会")},
        ),
        (
            "第五届清华全球能源论坛由清华大学主办，北京市科委承办，中关村管委会协办。",
            {("清华大学", "第五届清华全球能源论坛"), ("北京市科委", "第五届清华全球能源论坛"), ("中关村管委会", "第五届清华全球能源论坛")},
        ),
        ("中国国际经济交流中心举办第四届全球智库峰会。", {("中国国际经济交流中心", "第四届全球智库峰会")}),
        ("清华大学举办的第五届清华全球能源论坛在北京举行。", {("清华大学", "第五届清华全球能源论坛")}),
        # hard negatives: the organiser as a noun, an event named only after the sentence
        ("本次峰会的主办方是清华大学。第五届清华全球能源论坛在北京举行。", set()),
        ("本届论坛由清华大学主办。", set()),
        ("由于清华大学举办活动，第五届清华全球能源论坛延期。", set()),
    ],
)
def test_organisers_attend_their_event(text, expected):
    assert {(h, t) for h, r, t in relations(text) if r == "attended"} == expected
