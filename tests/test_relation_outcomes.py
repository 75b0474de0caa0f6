"""The outcome engine: a programme as the subject of its outcome (kg/extract/relation_outcomes.py)."""

import pytest
from helpers import relations

from kg.extract.relation_outcomes import OUTCOME_GAP, WON


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # the topic of the sentence, the programme opening a later clause
        (
            "党的十八大以来，贵州奋发进取，积极作为，脱贫攻坚取得了全面胜利。",
            ("贵州", "participates_in", "脱贫攻坚"),
        ),
        (
            "近年来，昆明深入贯彻落实中央精神，脱贫攻坚总目标如期完成。",
            ("昆明", "participates_in", "脱贫攻坚"),
        ),
        # the place written right before the programme, with 的 and the quote between
        ("这些年，匈牙利的“向东开放”政策取得了积极成效。", ("匈牙利", "participates_in", "向东开放")),
    ],
)
def test_the_one_who_carries_the_programme_out(text, triple):
    assert triple in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "赵志刚希望山西脱贫攻坚取得全面胜利。",  # a wish
        "赵志刚祝贺山西的能源革命综合改革试点取得显著成效。",  # a congratulation
        "前不久，位于山东烟台的海阳核电二期工程建设取得新进展。",  # where it lies
        "在党中央坚强领导下，各方面共同努力，共建“一带一路”取得显著成就。",  # inside 在…下
        "国家统计局数据显示，脱贫攻坚取得全面胜利。",  # the source of figures
        "山西的能源革命综合改革试点办公室与各方取得联系。",  # 取得 wins no outcome
    ],
)
def test_no_participant(text):
    assert not any(r[1] == "participates_in" for r in relations(text))


def test_the_words_between_and_after():
    assert OUTCOME_GAP.fullmatch("”建设不断")
    assert OUTCOME_GAP.fullmatch("总目标如期")
    assert not OUTCOME_GAP.fullmatch("的支持下")
    assert WON.match("了全面胜利") and WON.match("积极成效") and not WON.match("联系")
