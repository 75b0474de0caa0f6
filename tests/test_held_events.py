"""kg.extract.held_events: an event named by another gathering held in its name."""

from kg.extract.held_events import held_inside
from kg.model import Mention


def _m(text: str, name: str, typ: str = "Event", start: int = 0) -> Mention:
    s = text.index(name, start)
    return Mention(s, s + len(name), name, typ, 0, "test")


def _inside(text: str, event: str, others: tuple[str, ...] = ()) -> bool:
    ev = _m(text, event)
    ms = [ev] + [_m(text, o, start=ev.end) for o in others]
    return held_inside(text, ev, text.index("在", ev.end), ms)


def test_gathering_named_after_the_event():
    assert _inside("第三届文化旅游博览会总结表彰大会8日上午在太原举行。", "第三届文化旅游博览会")
    assert _inside("晋商大会原创作品音乐会在太原举行。", "晋商大会")
    assert _inside("晋商大会全球服务贸易峰会12日在太原举行。", "晋商大会")
    # a second event of the list is named too, before the gathering's noun
    assert _inside("晋商大会、冬季论坛总结表彰大会在太原举行。", "晋商大会", ("冬季论坛",))


def test_own_parts_lists_and_times_are_held_there():
    assert not _inside("第三届文化旅游博览会全会9月5日下午在太原举行。", "第三届文化旅游博览会")
    assert not _inside("第三届文化旅游博览会开幕式21日上午在太原举行。", "第三届文化旅游博览会")
    assert not _inside("第三届文化旅游博览会决赛正在太原举行。", "第三届文化旅游博览会")
    assert not _inside("晋商大会暨招商引资推介会在太原举行。", "晋商大会")
    assert not _inside("晋商大会今天（5月8日）在太原举行。", "晋商大会")
    assert not _inside("晋商大会、冬季论坛在太原举行。", "晋商大会", ("冬季论坛",))
    assert not _inside("青年对话会活动在悉尼举行。", "青年对话会")
    assert not _inside("电影节和青年对话会等活动也在奥克兰举行。", "青年对话会")
    assert not _inside("全国“老字号嘉年华”暨“金街过大年”活动1月7日在北京启动。", "老字号嘉年华")
