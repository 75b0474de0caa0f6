"""Bylines and names the layout marks (kg.extract.name_runs), with page furniture as hard negatives."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    ("text", "name", "typ"),
    [
        # the outlet of a dateline, with or without a date, and without the place after it
        ("南方日报3月5日讯(记者 吴晓林)4日，省长王伟中在广州调研。", "南方日报", "Organization"),
        ("羊城晚报讯 5日上午，市委召开常委会议。", "羊城晚报", "Organization"),
        ("澎湃新闻上海6月1日电（记者 李明）上海召开大会。", "澎湃新闻", "Organization"),
        ("(央广网9月2日讯 记者周洋)大会在成都开幕。", "央广网", "Organization"),
        ("据东方网北京5月6日电 大会在北京开幕。", "东方网", "Organization"),
        ("峰会开幕。（东方网 李明摄） 东方网上海3月1日电（记者 周洋）峰会开幕。", "东方网", "Organization"),
        ("(记者赵德明拍摄)", "赵德明", "Person"),
        ("晨曦中的会场。(电视台记者王海拍摄)", "王海", "Person"),
        # reporters, photographers and authors are Persons
        ("南方日报3月5日讯(记者 吴晓林)4日，省长王伟中在广州调研。", "吴晓林", "Person"),
        ("双方签署合作协议。许文清 摄\n会议由市长主持。", "许文清", "Person"),
        ("签约现场。周家明摄 新华网讯 会议召开。", "周家明", "Person"),
        ("(记者冯雪梅拍摄)", "冯雪梅", "Person"),
        ("来源: 南岭日报  作者:陈立平\n会议召开。", "陈立平", "Person"),
    ],
)
def test_bylines_and_datelines(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("南方日报3月5日讯(记者 吴晓林)4日，省长王伟中在广州调研。", "南方日报3月5日讯"),
        ("澎湃新闻上海6月1日电（记者 李明）上海召开大会。", "澎湃新闻上海"),
        ("本报讯 5日上午，市委召开常委会议。", "本报"),
        ("据东方网北京5月6日电 大会在北京开幕。", "据东方网"),
        ("(记者赵德明拍摄)", "赵德明拍"),
        ("晨曦中的会场。(电视台记者王海拍摄)", "王海拍"),
        ("今天开会。（图） 会场停电 工作人员抢修。", "会场停"),
        ("市民来电反映路灯损坏。", "市民来"),
        ("(记者冯雪梅拍摄)", "冯雪梅拍"),
        ("双方签署合作协议。许文清 摄\n会议由市长主持。", "许文"),
        ("他拍摄了大量照片，记录了家乡变化。", "他拍"),
        # two names run together that split two ways (刘元 | 金祝强 or 刘元金 | 祝强): no guess
        ("(通讯员刘元金祝强)22日", "刘元"),
        ("(通讯员刘元金祝强)22日", "金祝强"),
    ],
)
def test_byline_and_furniture_hard_negatives(text, name):
    assert name not in {n for n, _t in entities(text)}


def test_a_name_after_a_title_does_not_open_with_the_title_s_last_character():
    # 主教练 | 平托: 主教 is a title too, and 练 a surname, but 练平托 is no name
    assert not any(n == "练平托" for n, _t in entities("阿根廷队主教练平托说，近一年来球队进步很大。"))
