"""Offices of a state or a programme by the suffix 办公室 (kg.extract.offices)."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name",
    [
        ("乌克兰总统办公室顾问波多利亚克表示，谈判仍在继续。", "乌克兰总统办公室"),
        ("据中国载人航天工程办公室消息，飞船发射成功。", "中国载人航天工程办公室"),
        ("联合国减少灾害风险办公室发布报告。", "联合国减少灾害风险办公室"),
    ],
)
def test_an_office_opening_with_a_state_or_the_nation_is_a_body(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize(
    "text, span",
    [
        ("谁知第二天来到刘延宇办公室一看傻眼了。", "刘延宇办公室"),  # a person's office
        ("新元公司 5G+智能化矿井建设办公室主任冀杰介绍了情况。", "智能化矿井建设办公室"),  # a company's
        ("他回到办公室继续工作。", "办公室"),
    ],
)
def test_an_office_of_a_person_or_a_company_is_no_body(text, span):
    assert (span, "Organization") not in entities(text)


def test_the_places_inside_an_office_of_government_stay_places():
    found = entities("中央台湾工作办公室发言人表示，两岸交流合作不断深化。")
    assert ("中央台湾工作办公室", "Organization") in found and ("台湾", "Place") in found


def test_the_programme_an_office_is_named_after_stays_inside_it():
    found = entities("据中国载人航天工程办公室消息，飞船发射成功。")
    assert ("中国载人航天工程", "Initiative") in found


def test_a_bodys_office_keeps_its_parent():
    # read with its parent (unit_words_after_bodies), which stays a name of its own
    found = entities("国家防灾减灾救灾委员会办公室启动应急响应。")
    assert ("国家防灾减灾救灾委员会", "Organization") in found
