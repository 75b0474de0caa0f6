"""Runs of titles between a body and a name (书记, 副省长、代省长, 驻华大使), read in linear time.

The relation engines ask whether the gap between two mentions holds titles only; this is
the one reader of that language, shared by every engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Words that may stand before a title (副书记, 国家主席, 常务副省长); 驻 before one takes a
#: place of one to six characters (驻华大使).
TITLE_PREFIXES = ("国家", "党组", "党委", "常务", "执行", "首席", "第一", "总", "副", "代", "原", "前")
#: What may open a run of titles, and what may follow each title (副省长、代省长, 书记兼主任).
_OPENING_MARKS = frozenset("、，,")
_TITLE_MARKS = frozenset("、，,和兼及暨")
#: A sub-unit between a body and a title (山西省发改委项目推进中心主任): the post is held in
#: the named parent body (GUIDELINES: sub-units are not entities). Its name is one to 14
#: characters of these before one of the unit words.
_SUB_UNIT_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+＋ ]")
SUB_UNIT_WORDS = ("中心", "办公室", "处", "科", "室", "所", "站", "队", "分公司", "研究院", "事业部", "工作部")


class TitleRun:
    """Tells whether a gap between two mentions holds titles only (``书记``, ``副省长、代省长``,
    ``驻华大使``; not ``书记说``); with ``sub_unit``, a sub-unit may open the gap
    (``项目推进中心主任``).

    The gap is: marks (``、，,`` or spaces), then one or more titles, each after any number
    of prefixes (``副``, ``国家``, ``驻`` + a place) and before any number of marks
    (``、，,和兼及暨`` or spaces). A regular expression with nested repetitions said this
    before and tried every way of cutting a gap into words, which took exponential time on
    ``副总经理副总经理…`` ending in anything else. This reads the gap once, left to right,
    keeping the offsets it can have reached: time linear in the gap's length.

    Example:
        >>> run = TitleRun(["书记", "省长", "大使"])
        >>> run.match("副书记、代省长"), run.match("驻华大使"), run.match("书记说")
        (True, True, False)
    """

    def __init__(self, titles: Sequence[str], sub_unit: bool = False):
        self._titles = frozenset(t for t in titles if t)
        self._lengths = sorted({len(t) for t in self._titles})
        self._sub_unit = sub_unit

    def match(self, gap: str) -> bool:
        n = len(gap)
        # can_open[i]: a prefix or a title may start at i; closed[i]: a title ended at i
        # (marks may follow, then another title)
        can_open = bytearray(n + 1)
        closed = bytearray(n + 1)
        lead = 0
        while lead < n and (gap[lead] in _OPENING_MARKS or gap[lead].isspace()):
            lead += 1
        furthest = lead  # no state is set beyond this offset yet
        for k in range(lead + 1):
            can_open[k] = 1
            if self._sub_unit:
                furthest = max(furthest, self._after_sub_unit(gap, k, can_open))
        titles, lengths = self._titles, self._lengths
        for pos in range(n + 1):
            if pos > furthest:
                return False
            if closed[pos]:
                can_open[pos] = 1
                if pos < n and (gap[pos] in _TITLE_MARKS or gap[pos].isspace()):
                    closed[pos + 1] = 1
                    furthest = max(furthest, pos + 1)
            if not can_open[pos] or pos == n:
                continue
            for w in TITLE_PREFIXES:
                if gap.startswith(w, pos):
                    can_open[pos + len(w)] = 1
                    furthest = max(furthest, pos + len(w))
            if gap[pos] == "驻":
                for k in range(pos + 1, min(pos + 7, n)):
                    if gap[k].isspace():
                        break
                    can_open[k + 1] = 1
                    furthest = max(furthest, k + 1)
            for size in lengths:
                if pos + size <= n and gap[pos : pos + size] in titles:
                    closed[pos + size] = 1
                    furthest = max(furthest, pos + size)
        return bool(closed[n])

    @staticmethod
    def _after_sub_unit(gap: str, start: int, can_open: bytearray) -> int:
        """Mark where a sub-unit's name opening at ``start`` may end; return the furthest."""
        furthest = start
        for k in range(start, min(start + 14, len(gap))):
            if not _SUB_UNIT_CHAR.match(gap[k]):
                break
            for word in SUB_UNIT_WORDS:
                if gap.startswith(word, k + 1):
                    can_open[k + 1 + len(word)] = 1
                    furthest = max(furthest, k + 1 + len(word))
        return furthest
