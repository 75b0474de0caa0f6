"""Events named by another gathering held in their name (北京冬奥会、冬残奥会总结表彰大会,
…交易会全球服务贸易峰会): the venue of what is held is not the named event's
(:mod:`kg.extract.relation_places`, the ``venue`` engine)."""

from __future__ import annotations

import re

from kg.extract.body_words import SUB_EVENT_WORDS
from kg.model import Mention

#: Another gathering named after an event, before its own time and 在 (北京冬奥会、冬残奥会总结
#: 表彰大会8日上午在…举行, …交易会全球服务贸易峰会12日在北京举行, …冬奥会原创作品音乐会在京举行).
#: Group 1 is the gathering's noun.
HELD_INSIDE = re.compile(
    r"(?:、[^，。；,;、]{1,12}?)?[\u4e00-\u9fff“”]{0,14}?"
    r"(大会|会议|仪式|典礼|论坛|峰会|音乐会|晚会|招待会|发布会|宣传周|图片展|展览|活动|[^全]会)"
    r"(?:\d|今天|昨天|明天|昨晚|今晚|当天|当日|近日|日前|将|于|也|正|在|[（(]|$)"
)
#: An event's own sessions and rounds, held where it is (…论坛全会9月5日下午在…举行, …大赛决赛).
SESSION_PART = re.compile(SUB_EVENT_WORDS + r"|全会|全体会议|全体大会|分论坛|主论坛|平行论坛|决赛|半决赛|预赛")


def held_inside(text: str, ev: Mention, zai: int, ms: list[Mention]) -> bool:
    """Whether what stands between the event ``ev`` and the 在 at ``zai`` is another gathering
    that ``ev`` only names (HELD_INSIDE), one no mention ends: …进博会、虹桥论坛在上海举行 lists
    two events, and so does 等 closing a list (…和…对话会等活动). Its own parts (开幕式, 全会,
    决赛), 暨 (one event of two titles, after a closing quote too) and a bare 活动 (…对话会活动在
    悉尼举行) are held where it is."""
    gap = text[ev.end : zai].lstrip("”\"’」")
    if not gap or gap.startswith(("暨", "活动", "等")) or SESSION_PART.match(gap):
        return False
    inside = HELD_INSIDE.match(gap)
    if inside is None:
        return False
    noun_end = ev.end + inside.end(1)
    return not any(ev.end <= m.start < noun_end <= m.end for m in ms)
