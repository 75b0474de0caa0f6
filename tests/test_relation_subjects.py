"""Names before a programme verb that are no subject of it (kg.extract.relation_subjects):
a place that says where, a partner after 同/与. Mentions are built by hand at their offsets
so that each case tests the reading of the text around them."""

from kg.extract.relation_subjects import (
    MODIFIES_AFTER,
    aim_before,
    call_before,
    in_slogan,
    in_time_clause,
    innermost,
    item_start,
    object_before,
    partner_only,
    tail_group,
    verb_again,
    where_before,
)
from kg.model import Mention

HEADS = ("Organization", "Enterprise", "Place")


def mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    out = []
    pos = 0
    for name, kind in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name, kind, 0, "test"))
        pos = start + len(name)
    return out


def test_place_after_province_says_where_when_someone_else_acts():
    text = "在广东佛山，我们看到了推进供给侧结构性改革的决心。"
    ms = mentions(text, ("广东", "Place"), ("佛山", "Place"))
    ts = text.index("推进")
    assert where_before(ms[1], ms, text, ts)
    assert where_before(ms[0], ms, text, ts)


def test_place_after_province_acts_when_no_one_else_is_named():
    text = "在浙江安吉，通过建设大数据中心，打造“数字大脑”。"
    ms = mentions(text, ("浙江", "Place"), ("安吉", "Place"))
    ts = text.index("打造")
    assert not where_before(ms[1], ms, text, ts)
    assert where_before(ms[0], ms, text, ts)  # right after 在: always where


def test_place_in_the_verbs_own_clause_acts():
    text = "会议支持在山西开展能源革命综合改革试点。"
    ms = mentions(text, ("山西", "Place"))
    assert not where_before(ms[0], ms, text, text.index("开展"))


def test_partner_after_with_and_no_co_party_is_no_subject():
    text = "加强同粤港澳大湾区联动发展，深化同长江经济带的合作。"
    ms = mentions(text, ("粤港澳大湾区", "Place"))
    assert partner_only(ms[0], ms, HEADS, text)


def test_partner_after_a_co_party_acts_too():
    for text, co, partner in (
        ("塔方最早同中方签署共建合作文件。", None, "中方"),
        ("中国与叙利亚代表签署合作谅解备忘录。", "中国", "叙利亚"),
        ("我国与埃及签署了合作规划。", None, "埃及"),
    ):
        names = ([(co, "Place")] if co else []) + [(partner, "Place")]
        ms = mentions(text, *names)
        assert not partner_only(ms[-1], ms, HEADS, text), text


def test_partner_of_a_wish_stays_so_that_the_wish_blocks():
    text = "非方表示，愿同中方密切协作，推动对接。"
    ms = mentions(text, ("中方", "Place"))
    assert not partner_only(ms[0], ms, HEADS, text)


def test_co_party_of_another_kind_does_not_count():
    text = "推动共建“一带一路”倡议同埃及“2030愿景”对接。"
    ms = mentions(text, ("一带一路", "Initiative"), ("埃及", "Place"))
    assert partner_only(ms[1], ms, HEADS, text)


def test_object_of_a_verb_in_an_earlier_clause_is_no_subject():
    text = "推动高水平大学开展教师教育，推进“特岗计划”改革。"
    ms = mentions(text, ("高水平大学", "Organization"))
    assert object_before(ms[0], ms, text, text.index("推进"))


def test_objects_listed_with_it_are_objects_too():
    text = "匈塞铁路连接贝尔格莱德和匈牙利首都布达佩斯，是共建一带一路倡议的重大项目。"
    ms = mentions(text, ("贝尔格莱德", "Place"), ("匈牙利", "Place"), ("布达佩斯", "Place"))
    ts = text.index("共建")
    assert all(object_before(m, ms, text, ts) for m in ms)


def test_subject_opening_its_clause_and_objects_in_the_verbs_clause_stay():
    text = "湖南积极对接融入共建“一带一路”，推动福州加快建设示范区。"
    ms = mentions(text, ("湖南", "Place"), ("福州", "Place"))
    assert not object_before(ms[0], ms, text, text.index("共建"))
    assert not object_before(ms[1], ms, text, text.index("建设"))  # same clause: 推动福州加快建设


def test_country_closing_a_slogan_is_no_actor():
    text = "我们加强平安中国、法治中国建设，全面开展扫黑除恶行动。"
    ms = mentions(text, ("中国", "Place"), ("中国", "Place"))
    assert in_slogan(ms[0], text) and in_slogan(ms[1], text)
    text = "中国将深入实施创新驱动发展战略。"
    assert not in_slogan(mentions(text, ("中国", "Place"))[0], text)


def bounds_of(words: list[str]):
    from kg.extract.segment import TokenBounds
    from kg.model import Token

    tokens, pos = [], 0
    for w in words:
        tokens.append(Token(w, pos, pos + len(w), "x"))
        pos += len(w)
    return "".join(words), TokenBounds.of(tokens, pos)


def test_call_opening_the_sentence_governs_later_clauses():
    text, bounds = bounds_of(["双方", "要", "继续", "加强", "合作", "，", "加紧", "落实", "九项工程"])
    assert call_before(text, 0, text.index("落实"), bounds)


def test_words_holding_the_call_characters_are_no_call():
    text, bounds = bounds_of(["会议", "强调", "重要", "意义", "，", "山西", "推进", "乡村振兴"])
    assert not call_before(text, 0, text.index("推进"), bounds)


def test_acts_listed_with_commas_part_an_object_from_a_later_act():
    text = "围绕庆祝中国共产党成立一百周年、开展党史学习教育、实现“十四五”良好开局。"
    ms = mentions(text, ("中国共产党", "Organization"))
    assert object_before(ms[0], ms, text, text.index("实现"))


def test_name_in_a_clause_of_aim_is_no_subject():
    text = "针对2022届普通高校毕业生群体，国家启动“宏志助航计划”。"
    ms = mentions(text, ("普通高校", "Organization"))
    assert aim_before(ms[0], text, text.index("启动"))
    text = "为做好深圳产业衔接，中山启动村镇低效工业园改造升级行动。"
    ms = mentions(text, ("深圳", "Place"), ("中山", "Place"))
    ts = text.index("启动")
    assert aim_before(ms[0], text, ts)
    assert not aim_before(ms[1], text, ts)  # the clause after the aim has its own subject


def test_name_opening_its_clause_is_no_aim():
    text = "今天，山东启动冬小麦“科技壮苗”专项行动，针对当前苗情开展指导。"
    ms = mentions(text, ("山东", "Place"))
    assert not aim_before(ms[0], text, text.index("启动"))


def test_name_in_a_clause_of_time_is_no_subject():
    text = "党中央作出部署5年来，西部地区生态环境明显改善，如期打赢脱贫攻坚战。"
    ms = mentions(text, ("党中央", "Organization"), ("西部地区", "Place"))
    ts = text.index("打赢")
    assert in_time_clause(text, ms[0], ts)
    assert not in_time_clause(text, ms[1], ts)


def test_the_city_after_its_province_acts():
    text = "河北唐山启动“万名干部下基层”工作机制。"
    ms = mentions(text, ("河北", "Place"), ("唐山", "Place"))
    ts = text.index("启动")
    assert innermost(ms[0], ms, ms, ts, lambda outer, inner: True) is ms[1]


def test_two_countries_side_by_side_are_no_chain():
    text = "中越两党推动两国改革开放事业不断取得新成就。"
    ms = mentions(text, ("中", "Place"), ("越", "Place"))
    ts = text.index("推动")
    assert innermost(ms[0], ms, ms, ts, lambda outer, inner: False) is ms[0]
    # nor is a place the subject filters dropped (not among the heads)
    assert innermost(ms[0], ms, ms[:1], ts, lambda outer, inner: True) is ms[0]


def test_a_programme_named_as_a_setting_or_a_modifier_is_not_taken():
    for text, name in (
        ("开启了“一国两制”环境下强军兴军新篇章。", "一国两制"),
        ("纳入革命老区振兴发展实施方案所规划的重点城市名单。", "革命老区振兴发展实施方案"),
    ):
        assert MODIFIES_AFTER.match(text, text.index(name) + len(name)), text
    text = "深入实施“八八战略”，强力推进改革。"
    assert not MODIFIES_AFTER.match(text, text.index("八八战略") + 4)


def test_the_country_of_the_one_china_principle_does_not_act():
    text = "哥方将坚守一个中国原则，积极参与共建“一带一路”。"
    ms = mentions(text, ("中国", "Place"))
    assert in_slogan(ms[0], text)
    text = "中国坚定不移推进高水平对外开放。"
    ms = mentions(text, ("中国", "Place"))
    assert not in_slogan(ms[0], text)


def test_a_word_ending_in_zai_is_no_preposition_of_place():
    # 现在中国踏上了…，将…推进改革开放: 现在 is "now", the country after it acts
    text = "现在中国踏上了新征程，坚定不移推进改革开放。"
    ms = mentions(text, ("中国", "Place"))
    assert not where_before(ms[0], ms, text, text.index("推进"))
    text = "在中国，推进改革开放。"
    ms = mentions(text, ("中国", "Place"))
    assert where_before(ms[0], ms, text, text.index("推进"))


def test_an_item_of_a_list_of_clauses_has_its_own_subject():
    text = "项目分别是：甲县人民政府与乙公司签署A项目、丙县人民政府和丁公司签署的B项目。"
    ms = mentions(text, ("甲县人民政府", "Organization"), ("乙公司", "Enterprise"), ("丙县人民政府", "Organization"), ("丁公司", "Enterprise"))
    ts = text.rindex("签署")
    assert item_start(text, ms, 0, ts) == ms[2].start


def test_names_listed_with_a_mark_share_the_verb():
    text = "山西、河北推进京津冀协同发展。"
    ms = mentions(text, ("山西", "Place"), ("河北", "Place"))
    assert item_start(text, ms, 0, text.index("推进")) == 0


def test_the_verb_said_again_before_the_tail_takes_it():
    text = "甲与乙签署A项目、丙和丁签署的B项目。"
    ms = mentions(text, ("甲", "Place"), ("乙", "Place"), ("丙", "Place"), ("丁", "Place"))
    ts = text.index("签署")
    assert verb_again(text, ms, ts, ts + 2, text.index("B项目"))
    assert not verb_again(text, ms, ts, ts + 2, text.index("A项目"))


def test_quoted_names_side_by_side_are_a_list_of_tails():
    text = "实施“一口岸一对策”“一场景一对策”。"
    ms = mentions(text, ("一口岸一对策", "Initiative"), ("一场景一对策", "Initiative"))
    assert tail_group(ms, text) == ms


def test_a_quote_closing_after_a_name_inside_it_joins_no_list():
    text = "参观“全球地图中的澳门”粤港澳大湾区与澳门古地图展。"
    ms = mentions(text, ("澳门", "Place"), ("粤港澳大湾区", "Place"))
    assert tail_group(ms, text) == ms[:1]
