"""Names of other shapes (kg.extract.other_names): listed companies, Latin and
dotted names, numbered sessions; the patterns' answers and their speed."""

import re
import signal

import pytest
from helpers import entities, forms, tools
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.other_names import LISTED_COMPANIES, listed_company_matches


@pytest.mark.parametrize(
    "text, name, place",
    [
        # a county before a listed company is part of its name (GUIDELINES)
        ("平遥县金诚铸业、华康化工等骨干企业扩产。", "平遥县金诚铸业", None),
        # an address: the place after the province lies inside it
        ("山西省太原重工、晋能控股等企业参展。", "太原重工", "山西省"),
    ],
)
def test_listed_company_and_the_place_before_it(text, name, place):
    found = entities(text)
    assert (name, "Enterprise") in found
    assert (place is None) == (not any(t == "Place" for _n, t in found))


@pytest.mark.parametrize(
    "text, name",
    [
        ("杰克逊生前的音乐总监BradBuxer曾接受采访。", "BradBuxer"),  # a Latin name after a title
        ("首席设计师Dustin Browder表示，这次更新很大。", "Dustin Browder"),
    ],
)
def test_latin_name_after_a_title_is_a_person(text, name):
    assert (name, "Person") in entities(text)


def test_latin_words_in_capitals_after_a_title_are_no_person():
    assert not any(t == "Person" for _n, t in entities("著名魔兽解说员BBC曾说过一句话。"))


def test_latin_gloss_after_a_name_is_an_alias():
    found = forms("主教练沃尔贝克（Gertjan Verbeek）表示满意。")
    assert found.get("沃尔贝克") == {"沃尔贝克", "Gertjan Verbeek"}


def _deadline(seconds):
    """A safety net for inputs that once took quadratic time: past ``seconds`` the test
    fails instead of hanging the suite (the work takes milliseconds now)."""

    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s")

    class _Guard:
        def __enter__(self):
            self.previous = signal.signal(signal.SIGALRM, expired)
            signal.alarm(seconds)

        def __exit__(self, *exc):
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self.previous)
            return False

    return _Guard()


#: The rule dotted's pattern (data/rules/entities.toml) as the engine compiled it.
DOTTED_RUN = next(c.regex for c in tools().entities.patterns.rules if c.rule.id == "dotted")
OLD_DOTTED_RUN = re.compile(r"[\u4e00-\u9fff]+(?:[·•・][\u4e00-\u9fff]+)+")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="阿尤布汗德米特·•・ a1，", max_size=40))
def test_dotted_runs_are_those_of_the_plain_pattern(text):
    assert [m.span() for m in DOTTED_RUN.finditer(text)] == [m.span() for m in OLD_DOTTED_RUN.finditer(text)]


def test_unpunctuated_chinese_does_not_make_the_dotted_name_pattern_backtrack():
    # tried from every character, the plain pattern read the rest of the run each time:
    # 200,000 characters took minutes; now each run is read once
    text = "阿尤布汗德米特里延科" * 20_000
    with _deadline(20):
        assert list(DOTTED_RUN.finditer(text)) == []
        assert [m.group() for m in DOTTED_RUN.finditer(text + "·汗")] == [text + "·汗"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["甲乙", "丙", "丁戊己庚辛壬癸子丑寅卯", "、", "、", "等", "企业", "重点", "民营企业", "A1", "，"]), max_size=25))
def test_listed_companies_are_those_of_the_pattern(pieces):
    text = "".join(pieces)
    expected = [(m.span(), m.group(1)) for m in LISTED_COMPANIES.finditer(text)]
    assert [(m.span(), m.group(1)) for m in listed_company_matches(text)] == expected


def test_a_long_list_of_names_is_read_a_few_times_not_once_per_character():
    # 50,000 names and a name too long to be one before 等企业: the pattern, tried from each
    # character, ran through the list to that name every time (minutes)
    text = "甲乙丙、" * 50_000 + "这个名字长得超过了十个字、甲乙等企业"
    with _deadline(20):
        found = [m.group(1) for m in listed_company_matches(text)]
    # the pattern's own answer: the last ten characters of the long name open the list
    assert found == ["名字长得超过了十个字、甲乙"]


@pytest.mark.parametrize(
    "text, name",
    [
        # numbered plenums of a party committee, with the committee, the party or a place
        ("县委八届四次全会在县城召开。", "县委八届四次全会"),
        ("成都市委十四届三次全会在成都举行。", "成都市委十四届三次全会"),
        ("深入学习党的十九届五中全会精神。", "党的十九届五中全会"),
        ("中共十八届三中全会作出重大部署。", "中共十八届三中全会"),
        ("州委九届七次全体(扩大)会议召开。", "州委九届七次全体(扩大)会议"),
        ("中國共產黨十九屆四中全會閉幕。", "中国共产党十九届四中全会"),  # traditional text, simplified name
        ("区委五届二次、三次全会精神。", "区委五届二次、三次全会"),  # two sessions named at once
        # party congresses by number
        ("迎接县第十四次党代会胜利召开。", "县第十四次党代会"),
        ("市九次党代会以来。", "市九次党代会"),
        ("认真学习党的十九大报告。", "党的十九大"),
    ],
)
def test_finds_numbered_sessions(text, name):
    assert (name, "Event") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("党的一大批优秀干部。", "党的一大"),  # 一大批 is a count
        ("他在第三次全会上发言。", "第三次全会"),  # no term of office: not a numbered session
        ("他是党的十大杰出青年之一。", "党的十大"),  # a list of the best, not a congress
    ],
)
def test_rejects_non_sessions(text, name):
    assert name not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("李鹏会见了美国前商务部长芭芭拉·弗兰克林。", "芭芭拉·弗兰克林"),  # 芭 opens the name
        ("联合国秘书长科菲·安南希望这次会议取得成功。", "科菲·安南"),  # 希 opens 希望
        ("詹姆斯·莱德菲尔德著，李松梅译，昆仑出版社出版。", "詹姆斯·莱德菲尔德"),  # 著 is the author's verb
    ],
)
def test_dotted_name_bounds(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, outlet, place",
    [
        # a known outlet, then a place the gazetteer lacks: two names (the paper's own 本报 none)
        ("（新华社拉塔基亚5月3日电）叙利亚总统会见埃及总统。", "新华社", "拉塔基亚"),
        ("本报不来梅6月2日电 记者报道：世界杯小组赛今天开打。", None, "不来梅"),
    ],
)
def test_a_dateline_names_the_place_after_its_outlet(text, outlet, place):
    found = entities(text)
    assert (place, "Place") in found
    assert outlet is None or (outlet, "Organization") in found
    assert not any(name.endswith(place) and name != place for name, _ in found)


@pytest.mark.parametrize(
    "text, term",
    [
        # goals, groupings and regions in quotes name no programme, whatever the word after them
        ("加快构建“双碳”政策体系。", "双碳"),
        ("深化“全球南方”合作。", "全球南方"),
        ("我国聚焦“三北”地区7大强风蚀区开展治理。", "三北"),
    ],
)
def test_a_quoted_goal_grouping_or_region_is_no_programme(text, term):
    assert (term, "Initiative") not in entities(text)


def test_a_quoted_programme_with_its_word_of_works_stays_one():
    assert ("三北工程", "Initiative") in {(n.replace("“", "").replace("”", ""), t) for n, t in entities("全力打好“三北”工程攻坚战，推进“三北”工程建设。")}
