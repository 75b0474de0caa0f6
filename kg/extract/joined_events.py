"""Events named as two parts joined by 暨: one meeting held under two titles, which news
names as one (全国巡视工作会议暨十九届中央第九轮巡视动员部署会, 全市县(区)委书记座谈会暨信访、
安全稳定工作会议, 青蒿素问世50周年暨助力共建人类卫生健康共同体国际论坛).

The suffix grammar (:mod:`kg.extract.bodies`) finds the event that ends the whole, but its
walk to the left stops at words a name rarely holds (加强, 庆祝, 助力, 、, an edition), so it
often keeps only the last part. :func:`joined_events` adds, for each such event with a 暨
before it in its clause, the whole: from where the first part opens (the clause's start,
or the verb or preposition that governs the name: 出席, 召开, 向, 对, 的 …) to the event's
end. The whole is longer than either part, so it wins the overlap.

:func:`commemorations` does the same for a commemoration whose walk stopped at the person
or the event commemorated: 纪念毛泽东同志诞辰130周年座谈会 (the grammar kept 诞辰130周年座谈会),
纪念中国人民抗日战争胜利79周年座谈会 (79周年座谈会): from 纪念 or 庆祝 to the event's end.

Two titles are not joined when the first is the opening of another event
(第七届中国—亚欧博览会开幕式暨天山论坛: the forum is an event of its own, see
``kg.extract.body_parts.event_parts``), when 暨 is part of a word (暨南大学, 诸暨), or when
either part holds a mark that ends a clause, a verb of holding or a 的.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from kg.extract.body_words import EVENT_GOVERNING_VERBS, SUB_EVENT_WORDS
from kg.extract.candidates import Candidate
from kg.extract.segment import Tokens
from kg.read.sentences import CLAUSE_MARKS

#: Longest part on either side of 暨, in characters.
MAX_PART = 32
#: Words that open the first part by governing the whole name (出席…, 向…致贺信, 主办的…: the
#: suffix grammar's verbs that take a meeting as their object, and these) or that end a
#: clause's subject: the first part starts after the last of them.
GOVERNING = EVENT_GOVERNING_VERBS | frozenset(
    "启动 开展 组织 向 对 在 于 由 的 了 和 与 及 同 为 是 致 就 据 将 即将 共同 正式 隆重 顺利 成功".split()
)
#: What may not stand inside the second part, between 暨 and the event the grammar found:
#: a verb of holding or 的 makes it a clause of its own (…暨…举行的研讨会); an event's
#: name before 、 makes it a list of events (…开播暨…交流活动、…系列活动、…对话会), while
#: a topic before 、 is part of the title (…座谈会暨信访、安全稳定工作会议).
NOT_IN_SECOND = re.compile(f"[{CLAUSE_MARKS}]|的|举行|召开|举办|出席|参加|主持|在|于|(?:活动|会|论坛|仪式|节|展|式)[”\"]?、")
#: The first part ends with the opening of an event (…博览会开幕式暨天山论坛): two events.
OPENING_BEFORE = re.compile(SUB_EVENT_WORDS + "$")


def joined_events(text: str, tokens: Sequence, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The events of ``candidates`` (by a suffix, or quoted: “五五购物节”) that a 暨 before them joins to a first
    part, each as one event from the first part's start to its end (see the module
    docstring); ``tokens`` are the text's tokens. Nothing is removed: the overlap is
    settled later, the longest span first.

    >>> from kg.extract.segment import Tokens
    >>> t = "出席全国巡视工作会议暨十九届中央第九轮巡视动员部署会。"
    >>> words = ["出席", "全国", "巡视", "工作", "会议", "暨", "十九届", "中央", "第九轮", "巡视", "动员", "部署会", "。"]
    >>> toks = Tokens.tagged([(w, "n") for w in words])
    >>> found = joined_events(t, toks, [Candidate(13, 26, "Event", "suffix:部署会", 1)])
    >>> [t[c.start:c.end] for c in found]
    ['全国巡视工作会议暨十九届中央第九轮巡视动员部署会']
    """
    if "暨" not in text:
        return []
    tokens = Tokens.of(tokens)
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    out = []
    for c in candidates:
        if c.type != "Event" or not (c.rule.startswith("suffix:") or c.rule == "quoted"):
            continue
        joint = text.rfind("暨", max(0, c.start - MAX_PART), c.start)
        if joint < 0 or NOT_IN_SECOND.search(text, joint + 1, c.start):
            continue
        k = bisect_left(starts, joint)
        if k >= len(words) or starts[k] != joint or words[k] != "暨":
            continue  # 暨 inside a word: 暨南大学, 诸暨
        first = _first_part_start(words, starts, ends, k)
        if first is None or joint - first < 2 or OPENING_BEFORE.search(text, first, joint):
            continue
        # a quoted second part (…消费季暨第五届上海“五五购物节”) ends with its quote mark
        end = c.end + 1 if c.rule == "quoted" and text.startswith("”", c.end) else c.end
        out.append(Candidate(first, end, "Event", c.rule, c.priority))
    return out


def _first_part_start(words: Sequence[str], starts: Sequence[int], ends: Sequence[int], k: int) -> int | None:
    """Where the first part before the 暨 token ``k`` opens: after the nearest clause mark,
    、 (a list of events before it: 2024中拉文明对话、秘鲁“中国时段”暨…启动仪式) or governing
    word to its left, or at the text's start; None when that is farther than ``MAX_PART``
    characters."""
    limit = starts[k] - MAX_PART
    i = k - 1
    while i >= 0 and starts[i] >= limit:
        w = words[i]
        if w in GOVERNING or any(ch in CLAUSE_MARKS or ch == "、" for ch in w) or w.isspace():
            return ends[i]
        i -= 1
    if i < 0:
        return 0
    return None


#: What a commemoration's name holds after the one commemorated: the anniversary (诞辰130周年,
#: 胜利79周年, 成立75周年, 100周年) that opens the event the grammar found.
ANNIVERSARY_OPENS = re.compile(r"(?:诞辰|胜利|成立|建交|解放|逝世|创建|建校|建院)?[\d一二三四五六七八九十百]+周年")
#: The verb that opens a commemoration's name.
COMMEMORATE = re.compile("纪念|庆祝")
#: What may not stand between 纪念 and the anniversary: a clause mark or a verb of holding
#: (纪念…，在北京举行…周年座谈会 is two clauses).
NOT_IN_COMMEMORATED = re.compile(f"[{CLAUSE_MARKS}]|举行|召开|举办|出席|参加")


def commemorations(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The events of ``candidates`` (by a suffix) that open with an anniversary and have 纪念
    or 庆祝 and the one commemorated before them in their clause, each from 纪念 (庆祝) to its
    end (see the module docstring).

    >>> t = "纪念毛泽东同志诞辰130周年座谈会在京举行"
    >>> [t[c.start:c.end] for c in commemorations(t, [Candidate(7, 17, "Event", "suffix:座谈会", 1)])]
    ['纪念毛泽东同志诞辰130周年座谈会']
    """
    if "纪念" not in text and "庆祝" not in text:
        return []
    out = []
    for c in candidates:
        if c.type != "Event" or not c.rule.startswith("suffix:") or not ANNIVERSARY_OPENS.match(text, c.start, c.end):
            continue
        lo = max(0, c.start - MAX_PART)
        opening = None
        for m in COMMEMORATE.finditer(text, lo, c.start):
            opening = m  # the last one before the event
        if opening is None or opening.end() == c.start or NOT_IN_COMMEMORATED.search(text, opening.end(), c.start):
            continue
        out.append(Candidate(opening.start(), c.end, "Event", c.rule, c.priority))
    return out


#: How the event opening a gathering's name ends (冬残奥会 of 冬残奥会总结表彰大会).
LISTED_EVENT_ENDS = ("会", "赛", "节", "展", "论坛")


def listed_gatherings(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The gatherings of ``candidates`` (by a suffix) named after a list of events that 、
    joins (北京冬奥会、冬残奥会总结表彰大会: the grammar's walk stops at 、 and keeps
    冬残奥会总结表彰大会), each from the first event of the list to its end. The gathering's
    own name must open with an event's name (冬残奥会: LISTED_EVENT_ENDS) and 、 stand right
    before it, after another event; a topic (…暨信访、安全稳定工作会议) or an event's opening
    (…、…论坛开幕式) is not joined.

    >>> t = "北京冬奥会、冬残奥会总结表彰大会在京举行"
    >>> found = [Candidate(0, 5, "Event", "suffix:冬奥会", 2), Candidate(6, 16, "Event", "suffix:总结表彰大会", 2)]
    >>> [t[c.start:c.end] for c in listed_gatherings(t, found)]
    ['北京冬奥会、冬残奥会总结表彰大会']
    """
    if "、" not in text:
        return []
    events = [c for c in candidates if c.type == "Event"]
    by_end = {c.end: c for c in events}
    out = []
    for c in events:
        if not c.rule.startswith("suffix:") or text[c.start - 1 : c.start] != "、" or OPENING_BEFORE.search(text, c.start, c.end):
            continue
        body = text[c.start : c.end - len(c.rule) + len("suffix:")]
        if not body.endswith(LISTED_EVENT_ENDS):
            continue  # the gathering's name opens with no event of its own: a topic, not a list
        start = c.start
        while text[start - 1 : start] == "、" and (before := by_end.get(start - 1)) is not None:
            start = before.start
        if start < c.start:
            out.append(Candidate(start, c.end, "Event", c.rule, c.priority))
    return out
