"""Sports teams named by a sponsor, a nickname or a place and 队 (kg.extract.teams)."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, team",
    [
        ("这时威立队外援约翰获得罚球机会。", "威立队"),  # a sponsor's name and 队, in a match
        ("对新上任的松日队巴西籍教练艾迪森来说，赢球最重要。", "松日队"),
        ("６月２３日晚的摩洛哥队、苏格兰队之战，将决定谁能出线。", "苏格兰队"),  # 队 glued to 之战
    ],
)
def test_a_team_named_by_its_sponsor_in_a_match(text, team):
    assert (team, "Organization") in entities(text)


@pytest.mark.parametrize("text", ["现在，这支机防队由最初的几名队员发展到九十人。", "这次行动出动了特种部队。"])
def test_a_kind_of_team_outside_a_match_is_no_name(text):
    assert not any(t == "Organization" for _n, t in entities(text))


def test_the_play_of_a_match_says_the_sentence_is_about_one():
    # 斜射, 城门: no result or league is named, but the play is a match's
    assert ("五牛队", "Organization") in entities("从底线一记漂亮的斜射首破五牛队城门。")
    assert not any(n == "五牛队" for n, _t in entities("五牛队的宿舍外有一棵大树。"))


@pytest.mark.parametrize("text", ["女子藤球队教练、女垒运动员分别代表教练员和运动员发言。", "意大利球星佐拉接手球队，不过本场比赛肯定不会由他指挥。"])
def test_a_team_named_by_its_sport_alone_is_no_name(text):
    assert not any(t == "Organization" for _n, t in entities(text))
