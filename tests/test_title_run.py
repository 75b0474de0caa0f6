"""TitleRun: which gaps between a body and a name hold titles only, read in linear time."""

import re
import signal

from helpers import tools
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.title_run import TitleRun


def _title_pattern(titles, sub_unit):
    """The pattern TitleRun replaces: the language it must keep, on short gaps."""
    alt = "|".join(re.escape(t) for t in titles)
    prefixes = "|".join(sorted(PREFIXES, key=len, reverse=True))
    one = rf"(?:{prefixes}|驻\S{{1,6}})*(?:{alt})"
    unit = r"(?:[\u4e00-\u9fffA-Za-z0-9+＋ ]{1,14}?(?:中心|办公室|处|科|室|所|站|队|分公司|研究院|事业部|工作部))?"
    return re.compile(rf"^[\s、，,]*{unit if sub_unit else ''}(?:{one}[\s、，,和兼及暨]*)+$")


TITLES = tools().resources.titles
PREFIXES = tools().resources.title_prefixes
GAP_PIECES = [*TITLES[:30], "国家", "全媒体", "轮值", "中方", "新方", "方", "常务", "总", "副", "代", "前", "驻", "华", "、", "，", " ", "\n", "和", "兼", "中心", "项目推进", "处", "A1", "说", "的", "经理", "总经理"]


def test_title_runs_on_examples():
    run = TitleRun(["书记", "省长", "大使", "主任"], PREFIXES)
    assert run.match("副书记、代省长") and run.match("驻华大使") and run.match("，书记兼主任")
    assert not run.match("书记说") and not run.match("") and not run.match("项目推进中心主任")
    assert TitleRun(["主任"], sub_unit=True).match("项目推进中心主任")
    assert not TitleRun(["书记"]).match("副书记")  # the prefixes are the caller's (data)
    # a local paper's byline (湖南日报全媒体记者 唐俊)
    assert TitleRun(["记者"], PREFIXES).match("全媒体记者 ") and TitleRun(["记者"], PREFIXES).match("融媒体首席记者")
    # a rotating or honorary chair, the Chinese side's chair of a joint council
    assert run.match("轮值主任") and run.match("名誉主任") and run.match("中方主任")
    # the other side's chair, by its country's short form (Singapore's, Russia's)
    assert run.match("新方主任") and run.match("俄方主任") and not run.match("方主任")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(GAP_PIECES), max_size=7), st.booleans())
def test_title_runs_are_the_language_of_the_pattern(pieces, sub_unit):
    gap = "".join(pieces)
    assert TitleRun(TITLES, PREFIXES, sub_unit).match(gap) == bool(_title_pattern(TITLES, sub_unit).match(gap))


def test_a_gap_of_many_titles_is_read_once():
    # the pattern tried every way of cutting 副总经理… into words before failing at the
    # end: 80 characters took seconds, 160 never ended
    gap = "副总经理" * 2000 + "说"

    def expired(*_):  # a safety net, not a speed test: the gap takes milliseconds now
        raise TimeoutError("still running after 20 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    try:
        assert not TitleRun(TITLES, PREFIXES).match(gap)
        assert TitleRun(TITLES, PREFIXES).match(gap[:-1])
        assert not TitleRun(TITLES, PREFIXES, sub_unit=True).match(gap)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

