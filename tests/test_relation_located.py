"""The located engine (kg.extract.relation_located): what lies where, stated by 位于, 地处,
坐落于 or 落户, as a predicate or inside a description."""

import pytest
from helpers import relations


@pytest.mark.parametrize(
    "text, triple",
    [
        # a predicate: the name right before the verb, or the topic the clause carries on
        ("米尔本小学位于英国北爱尔兰科尔雷恩市，学校从2012年起开设中文课。", ("米尔本小学", "located_in", "科尔雷恩市")),
        ("中国一重集团有限公司是我国装备制造业的骨干企业，总部位于黑龙江省齐齐哈尔市。", ("中国一重集团有限公司", "located_in", "齐齐哈尔市")),
        ("专员表示，中山不仅有着得天独厚的资源，而且还地处大湾区核心区位。", ("中山", "located_in", "大湾区")),
        # a description: the name right after the 的, however the sentence goes on
        ("习近平首先来到位于三亚的崖州湾种子实验室考察调研。", ("崖州湾种子实验室", "located_in", "三亚")),
        ("位于延庆赛区的国家高山滑雪中心是冬奥会海拔最高的场馆。", ("国家高山滑雪中心", "located_in", "延庆")),
    ],
)
def test_located_found(text, triple):
    assert triple in relations(text)


@pytest.mark.parametrize(
    "text, head",
    [
        # the subject who strikes, reaches or takes what lies there does not lie there
        ("以色列国防军称，以军空袭了位于黎巴嫩南部的多处目标。", "以色列国防军"),
        ("俄军打击并摧毁了位于乌克兰西部的一个军火库。", "俄军"),
        # the owner of a site named after 的 is not the site (乌军位于…的军用机场)
        ("俄军使乌军位于波尔塔瓦的军用机场瘫痪。", "乌军"),
        # a clause with a subject of its own (震中, 其中大部分) speaks of that, not of the topic
        ("瓦努阿图附近海域发生地震，震中位于维拉港以西。", "瓦努阿图"),
        ("英国各地150多个社区发布洪水预警，其中大部分位于英格兰北部。", "英国"),
        # a country that opens a longer noun after 的 is no site (美国“杜鲁门”号航母)
        ("胡塞武装对位于红海的美国“杜鲁门”号航母发动了打击。", "美国"),
    ],
)
def test_no_located_for(text, head):
    assert not any(h == head and r == "located_in" for h, r, _ in relations(text))
